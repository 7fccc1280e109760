using Fsal.Memory.Nodes;
using Fsal.Memory.Support;
using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;

namespace Fsal.Memory;

// RENAME, with POSIX rename(2) semantics.
public sealed partial class MemoryFileSystem
{
    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalRenamed>> RenameAsync(FsalContext ctx, FsalObject sourceDirectory, string sourceName, FsalObject targetDirectory, string targetName) =>
        new(Rename(CallerOf(ctx), sourceDirectory, sourceName, targetDirectory, targetName));

    private FsalResult<FsalRenamed> Rename(Credential caller, FsalObject sourceDirectory, string sourceName, FsalObject targetDirectory, string targetName)
    {
        if (sourceDirectory is not MemoryNode sourceNode || targetDirectory is not MemoryNode targetNode) return FsalStatus.BadHandle;
        if (sourceNode is not DirectoryNode source || targetNode is not DirectoryNode target) return FsalStatus.NotDirectory;
        FsalStatus status = Names.Check(sourceName);
        if (status == FsalStatus.Ok) status = Names.Check(targetName);
        if (status != FsalStatus.Ok) return status;
        // Node locks are reentrant, so taking the target's lock when it is the source is harmless.
        lock (_namespaceLock)
        lock (source.Sync)
        lock (target.Sync)
        {
            if (source.IsRemoved || target.IsRemoved) return FsalStatus.Stale;
            if (!AccessRules.Allows(caller, source, PosixPermissions.Execute) || !AccessRules.Allows(caller, target, PosixPermissions.Execute))
                return FsalStatus.AccessDenied;
            if (!source.Entries.TryGet(sourceName, out DirectoryEntry moving)) return FsalStatus.NoEntry;
            DirectoryEntry? replaced = target.Entries.TryGet(targetName, out DirectoryEntry found) ? found : null;
            if (replaced?.Node == moving.Node)
            {
                // The same name, or two links to one file: rename(2) does nothing and succeeds.
                return new FsalRenamed(new FsalChangeInfo(source.Change, source.Change), new FsalChangeInfo(target.Change, target.Change));
            }
            const int WriteSearch = PosixPermissions.Write | PosixPermissions.Execute;
            if (!AccessRules.Allows(caller, source, WriteSearch) || !AccessRules.Allows(caller, target, WriteSearch))
                return FsalStatus.AccessDenied;
            MemoryNode moved = moving.Node;
            lock (moved.Sync)
            {
                if (replaced is null) return Move(caller, source, moving, target, targetName, replaced);
                lock (replaced.Value.Node.Sync) return Move(caller, source, moving, target, targetName, replaced);
            }
        }
    }

    /// <summary>Checks the POSIX rules that depend on the objects involved, then moves the name. All locks are held.</summary>
    private FsalResult<FsalRenamed> Move(Credential caller, DirectoryNode source, DirectoryEntry moving, DirectoryNode target, string targetName, DirectoryEntry? replaced)
    {
        MemoryNode moved = moving.Node;
        if (!PosixPermissions.MayDeleteEntry(caller, source.PermissionAttributes(), moved.Uid)) return FsalStatus.NotPermitted;
        if (replaced is not null && !PosixPermissions.MayDeleteEntry(caller, target.PermissionAttributes(), replaced.Value.Node.Uid))
            return FsalStatus.NotPermitted;
        if (moved is DirectoryNode movedDirectory)
        {
            if (replaced is { Node: not DirectoryNode }) return FsalStatus.NotDirectory;
            if (replaced?.Node is DirectoryNode { Entries.Count: > 0 }) return FsalStatus.NotEmpty;
            if (target != source)
            {
                if (IsSelfOrDescendant(target, movedDirectory)) return FsalStatus.Invalid;
                // Moving a directory rewrites its "..", which needs write permission on it.
                if (!AccessRules.Allows(caller, movedDirectory, PosixPermissions.Write)) return FsalStatus.AccessDenied;
            }
        }
        else if (replaced?.Node is DirectoryNode)
        {
            return FsalStatus.IsDirectory;
        }

        NfsTime4 now = WallClock.Now();
        ulong sourceBefore = source.Change, targetBefore = target.Change;
        source.Entries.Remove(moving);
        if (replaced is not null)
        {
            target.Entries.Remove(replaced.Value);
            Unlink(target, replaced.Value.Node, now);
        }
        target.Entries.Add(targetName, moved);
        if (moved is DirectoryNode directory && target != source)
        {
            source.LinkCount--;
            target.LinkCount++;
            directory.Parent = target;
        }
        moved.TouchMetadata(now);
        source.TouchData(now);
        if (target != source) target.TouchData(now);
        return new FsalRenamed(new FsalChangeInfo(sourceBefore, source.Change), new FsalChangeInfo(targetBefore, target.Change));
    }

    /// <summary>True when <paramref name="directory"/> is <paramref name="ancestor"/> or lies below it. Parent links are stable under the namespace lock.</summary>
    private static bool IsSelfOrDescendant(DirectoryNode directory, DirectoryNode ancestor)
    {
        for (DirectoryNode current = directory; ; current = current.Parent)
        {
            if (current == ancestor) return true;
            if (current.Parent == current) return false;
        }
    }
}
