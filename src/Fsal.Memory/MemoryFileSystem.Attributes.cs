using Fsal.Memory.Nodes;
using Fsal.Memory.Support;
using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;

namespace Fsal.Memory;

// Attributes: GETATTR, SETATTR, ACCESS and filesystem statistics.
public sealed partial class MemoryFileSystem
{
    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalAttributes>> GetAttributesAsync(FsalContext ctx, FsalObject obj, FsalAttrMask wanted) =>
        new(GetAttributes(obj));

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalAttributes>> SetAttributesAsync(FsalContext ctx, FsalObject obj, FsalSetAttributes changes) =>
        new(SetAttributes(CallerOf(ctx), obj, changes));

    /// <inheritdoc/>
    public ValueTask<FsalResult<Access4>> CheckAccessAsync(FsalContext ctx, FsalObject obj, Access4 requested) =>
        new(CheckAccess(CallerOf(ctx), obj, requested));

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalFsStats>> GetFsStatsAsync(FsalContext ctx, FsalObject obj)
    {
        if (obj is not MemoryNode) return new(FsalStatus.BadHandle);
        ulong totalBytes = (ulong)_space.MaxBytes, freeBytes = (ulong)Math.Max(0, _space.MaxBytes - _space.UsedBytes);
        ulong totalFiles = (ulong)_space.MaxObjects, freeFiles = (ulong)Math.Max(0, _space.MaxObjects - _space.Objects);
        return new(new FsalFsStats(totalBytes, freeBytes, freeBytes, totalFiles, freeFiles, freeFiles));
    }

    private static FsalResult<FsalAttributes> GetAttributes(FsalObject obj)
    {
        if (obj is not MemoryNode node) return FsalStatus.BadHandle;
        lock (node.Sync)
        {
            if (node.IsRemoved) return FsalStatus.Stale;
            node.GetAttributes(out FsalAttributes attributes);
            return attributes;
        }
    }

    private static FsalResult<Access4> CheckAccess(Credential caller, FsalObject obj, Access4 requested)
    {
        if (obj is not MemoryNode node) return FsalStatus.BadHandle;
        lock (node.Sync)
        {
            if (node.IsRemoved) return FsalStatus.Stale;
            FsalAttributes attributes = node.PermissionAttributes();
            return PosixPermissions.Evaluate(caller, attributes, requested);
        }
    }

    private FsalResult<FsalAttributes> SetAttributes(Credential caller, FsalObject obj, in FsalSetAttributes changes)
    {
        if (obj is not MemoryNode node) return FsalStatus.BadHandle;
        if ((changes.AccessTimeHow == FsalTimeSet.ClientTime && !changes.AccessTime.IsValid)
            || (changes.ModifyTimeHow == FsalTimeSet.ClientTime && !changes.ModifyTime.IsValid))
            return FsalStatus.Invalid;
        if ((changes.Set & FsalAttrMask.Size) != 0)
        {
            if (node is DirectoryNode) return FsalStatus.IsDirectory;
            if (node is not RegularFileNode) return FsalStatus.Invalid;
            if (changes.Size > Capabilities.MaxFileSize) return FsalStatus.FileTooBig;
        }
        lock (node.Sync)
        {
            if (node.IsRemoved) return FsalStatus.Stale;
            FsalStatus status = CheckSetAttributes(caller, node, changes);
            if (status != FsalStatus.Ok) return status;
            if (!changes.IsEmpty) ApplySetAttributes(caller, node, changes, WallClock.Now());
            node.GetAttributes(out FsalAttributes attributes);
            return attributes;
        }
    }

    /// <summary>
    /// The POSIX rules for who may change what: mode by the owner; owner by root only (chown is
    /// restricted); group by the owner to one of their own groups; size by writers (with the owner
    /// override); times to the server clock by writers, to given values by the owner.
    /// </summary>
    private static FsalStatus CheckSetAttributes(Credential caller, MemoryNode node, in FsalSetAttributes changes)
    {
        if (caller.IsRoot) return FsalStatus.Ok;
        bool isOwner = caller.Uid == node.Uid;
        if ((changes.Set & FsalAttrMask.Mode) != 0 && !isOwner) return FsalStatus.NotPermitted;
        if ((changes.Set & FsalAttrMask.Owner) != 0 && (!isOwner || changes.Uid != node.Uid)) return FsalStatus.NotPermitted;
        if ((changes.Set & FsalAttrMask.Group) != 0 && (!isOwner || (changes.Gid != node.Gid && !caller.IsInGroup(changes.Gid))))
            return FsalStatus.NotPermitted;
        if ((changes.Set & FsalAttrMask.Size) != 0 && !AccessRules.MayWriteData(caller, node)) return FsalStatus.AccessDenied;
        if (changes.AccessTimeHow == FsalTimeSet.ClientTime || changes.ModifyTimeHow == FsalTimeSet.ClientTime)
        {
            if (!isOwner) return FsalStatus.NotPermitted;
        }
        else if (changes.AccessTimeHow == FsalTimeSet.ServerTime || changes.ModifyTimeHow == FsalTimeSet.ServerTime)
        {
            if (!isOwner && !AccessRules.Allows(caller, node, PosixPermissions.Write)) return FsalStatus.AccessDenied;
        }
        return FsalStatus.Ok;
    }

    /// <summary>Applies checked changes; the caller holds the node's lock.</summary>
    private void ApplySetAttributes(Credential caller, MemoryNode node, in FsalSetAttributes changes, NfsTime4 now)
    {
        if ((changes.Set & FsalAttrMask.Size) != 0)
        {
            var file = (RegularFileNode)node;
            if ((long)changes.Size != file.Content.Length)
            {
                _space.ReleaseBytes(file.Content.SetLength((long)changes.Size));
                node.Mode = AccessRules.ModeAfterWrite(caller, node.Mode);
                node.ModifyTime = now;
            }
        }
        bool ownershipChanged = false;
        if ((changes.Set & FsalAttrMask.Owner) != 0 && changes.Uid != node.Uid)
        {
            node.Uid = changes.Uid;
            ownershipChanged = true;
        }
        if ((changes.Set & FsalAttrMask.Group) != 0 && changes.Gid != node.Gid)
        {
            node.Gid = changes.Gid;
            ownershipChanged = true;
        }
        // A symlink's mode is fixed at 0777 (Linux ignores chmod of a symlink over NFS as well).
        if ((changes.Set & FsalAttrMask.Mode) != 0 && node is not SymlinkNode)
        {
            uint mode = changes.Mode & Mode4.AllBits;
            // As Linux does: setgid on an object whose group the (unprivileged) caller is not in is dropped.
            if (!caller.IsRoot && !caller.IsInGroup(node.Gid)) mode &= ~Mode4.SetGid;
            node.Mode = mode;
        }
        else if (ownershipChanged && node is not DirectoryNode)
        {
            // A new owner or group must not inherit set-id powers granted to the old one.
            node.Mode &= ~Mode4.SetUid;
            if ((node.Mode & AccessRules.GroupExecute) != 0) node.Mode &= ~Mode4.SetGid;
        }
        node.AccessTime = ChooseTime(changes.AccessTimeHow, changes.AccessTime, node.AccessTime, now);
        node.ModifyTime = ChooseTime(changes.ModifyTimeHow, changes.ModifyTime, node.ModifyTime, now);
        node.TouchMetadata(now);
    }

    private static NfsTime4 ChooseTime(FsalTimeSet how, NfsTime4 given, NfsTime4 current, NfsTime4 now) => how switch
    {
        FsalTimeSet.ServerTime => now,
        FsalTimeSet.ClientTime => given,
        _ => current,
    };
}
