using Fsal.Memory.Nodes;
using Fsal.Memory.Support;
using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;

namespace Fsal.Memory;

// Names: LOOKUP, LOOKUPP, CREATE, REMOVE, LINK and READLINK.
public sealed partial class MemoryFileSystem
{
    private const uint DefaultFileMode = 0x1A4;      // 0644
    private const uint DefaultDirectoryMode = 0x1ED; // 0755

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalLookup>> LookupAsync(FsalContext ctx, FsalObject directory, string name, FsalAttrMask wanted) =>
        new(Lookup(CallerOf(ctx), directory, name));

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalLookup>> LookupParentAsync(FsalContext ctx, FsalObject directory, FsalAttrMask wanted) =>
        new(LookupParent(CallerOf(ctx), directory));

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalCreated>> CreateAsync(FsalContext ctx, FsalObject directory, string name, FsalCreateRequest request) =>
        new(Create(CallerOf(ctx), directory, name, request));

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalChangeInfo>> RemoveAsync(FsalContext ctx, FsalObject directory, string name) =>
        new(Remove(CallerOf(ctx), directory, name));

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalChangeInfo>> LinkAsync(FsalContext ctx, FsalObject obj, FsalObject directory, string name) =>
        new(Link(CallerOf(ctx), obj, directory, name));

    /// <inheritdoc/>
    public ValueTask<FsalResult<string>> ReadLinkAsync(FsalContext ctx, FsalObject obj) => new(ReadLink(obj));

    private static FsalResult<FsalLookup> Lookup(Credential caller, FsalObject directory, string name)
    {
        if (directory is not MemoryNode node) return FsalStatus.BadHandle;
        if (node is not DirectoryNode dir) return FsalStatus.NotDirectory;
        FsalStatus status = Names.Check(name);
        if (status != FsalStatus.Ok) return status;
        MemoryNode child;
        lock (dir.Sync)
        {
            if (dir.IsRemoved) return FsalStatus.Stale;
            if (!AccessRules.Allows(caller, dir, PosixPermissions.Execute)) return FsalStatus.AccessDenied;
            if (!dir.Entries.TryGet(name, out DirectoryEntry entry)) return FsalStatus.NoEntry;
            child = entry.Node;
        }
        return WithAttributes(child, FsalStatus.NoEntry);
    }

    private static FsalResult<FsalLookup> LookupParent(Credential caller, FsalObject directory)
    {
        if (directory is not MemoryNode node) return FsalStatus.BadHandle;
        if (node is not DirectoryNode dir) return FsalStatus.NotDirectory;
        DirectoryNode parent;
        lock (dir.Sync)
        {
            if (dir.IsRemoved) return FsalStatus.Stale;
            if (!AccessRules.Allows(caller, dir, PosixPermissions.Execute)) return FsalStatus.AccessDenied;
            parent = dir.Parent;
        }
        return WithAttributes(parent, FsalStatus.Stale);
    }

    /// <summary>
    /// Pairs a node found under its directory's lock with its attributes, read under its own lock
    /// (never both at once); <paramref name="ifRemoved"/> is the answer when it went in between.
    /// </summary>
    private static FsalResult<FsalLookup> WithAttributes(MemoryNode node, FsalStatus ifRemoved)
    {
        lock (node.Sync)
        {
            if (node.IsRemoved) return ifRemoved;
            node.GetAttributes(out FsalAttributes attributes);
            return new FsalLookup(node, attributes);
        }
    }

    private FsalResult<FsalCreated> Create(Credential caller, FsalObject directory, string name, in FsalCreateRequest request)
    {
        if (directory is not MemoryNode node) return FsalStatus.BadHandle;
        if (node is not DirectoryNode dir) return FsalStatus.NotDirectory;
        FsalStatus status = Names.Check(name);
        if (status == FsalStatus.Ok) status = CheckCreateRequest(caller, request);
        if (status != FsalStatus.Ok) return status;
        lock (_namespaceLock)
        lock (dir.Sync)
        {
            if (dir.IsRemoved) return FsalStatus.Stale;
            if (!AccessRules.Allows(caller, dir, PosixPermissions.Execute)) return FsalStatus.AccessDenied;
            if (dir.Entries.TryGet(name, out DirectoryEntry existing)) return OpenExisting(dir, existing.Node, request);
            if (!AccessRules.Allows(caller, dir, PosixPermissions.Write | PosixPermissions.Execute)) return FsalStatus.AccessDenied;
            status = ChooseOwnership(caller, dir, request.Attributes, out uint uid, out uint gid);
            if (status != FsalStatus.Ok) return status;
            if (!_space.TryReserveObject()) return FsalStatus.NoSpace;

            NfsTime4 now = WallClock.Now();
            MemoryNode created = NewNode(request, dir, InitialMode(caller, dir, request, gid), uid, gid, now);
            ApplyInitialAttributes(created, request.Attributes, now);
            ulong before = dir.Change;
            dir.Entries.Add(name, created);
            if (created is DirectoryNode) dir.LinkCount++;
            dir.TouchData(now);
            created.GetAttributes(out FsalAttributes attributes);
            _nodes.Set(created);
            return new FsalCreated(created, attributes, new FsalChangeInfo(before, dir.Change));
        }
    }

    private FsalStatus CheckCreateRequest(Credential caller, in FsalCreateRequest request)
    {
        switch (request.Type)
        {
            case FsalFileType.Regular:
                if ((request.Attributes.Set & FsalAttrMask.Size) != 0 && request.Attributes.Size > Capabilities.MaxFileSize)
                    return FsalStatus.FileTooBig;
                break;
            case FsalFileType.Directory or FsalFileType.Fifo or FsalFileType.Socket:
                break;
            case FsalFileType.BlockDevice or FsalFileType.CharacterDevice:
                // mknod of a device needs privilege (CAP_MKNOD), or any user could open the disk.
                if (!caller.IsRoot) return FsalStatus.NotPermitted;
                break;
            case FsalFileType.Symlink:
                FsalStatus status = Names.CheckLinkTarget(request.LinkTarget);
                if (status != FsalStatus.Ok) return status;
                break;
            default:
                return FsalStatus.BadType;
        }
        if ((request.Attributes.AccessTimeHow == FsalTimeSet.ClientTime && !request.Attributes.AccessTime.IsValid)
            || (request.Attributes.ModifyTimeHow == FsalTimeSet.ClientTime && !request.Attributes.ModifyTime.IsValid))
            return FsalStatus.Invalid;
        return FsalStatus.Ok;
    }

    /// <summary>
    /// A create that found the name taken: a non-exclusive create of a regular file returns the
    /// existing file untouched (an OPEN with UNCHECKED4); anything else is an error.
    /// </summary>
    private static FsalResult<FsalCreated> OpenExisting(DirectoryNode dir, MemoryNode existing, in FsalCreateRequest request)
    {
        if (request.Exclusive || request.Type != FsalFileType.Regular || existing is not RegularFileNode) return FsalStatus.Exists;
        FsalAttributes attributes;
        lock (existing.Sync) existing.GetAttributes(out attributes);
        return new FsalCreated(existing, attributes, new FsalChangeInfo(dir.Change, dir.Change), Existed: true);
    }

    /// <summary>
    /// Owner and group of a new object: the caller's, except that a setgid directory passes on its
    /// group; explicit values are taken when the caller could have set them with chown/chgrp.
    /// </summary>
    private static FsalStatus ChooseOwnership(Credential caller, DirectoryNode dir, in FsalSetAttributes attributes, out uint uid, out uint gid)
    {
        uid = caller.Uid;
        gid = (dir.Mode & Mode4.SetGid) != 0 ? dir.Gid : caller.Gid;
        if ((attributes.Set & FsalAttrMask.Owner) != 0)
        {
            if (attributes.Uid != uid && !caller.IsRoot) return FsalStatus.NotPermitted;
            uid = attributes.Uid;
        }
        if ((attributes.Set & FsalAttrMask.Group) != 0)
        {
            if (attributes.Gid != gid && !caller.IsRoot && !caller.IsInGroup(attributes.Gid)) return FsalStatus.NotPermitted;
            gid = attributes.Gid;
        }
        return FsalStatus.Ok;
    }

    private static uint InitialMode(Credential caller, DirectoryNode dir, in FsalCreateRequest request, uint gid)
    {
        bool isDirectory = request.Type == FsalFileType.Directory;
        uint mode = (request.Attributes.Set & FsalAttrMask.Mode) != 0
            ? request.Attributes.Mode & Mode4.AllBits
            : isDirectory ? DefaultDirectoryMode : DefaultFileMode;
        if (isDirectory && (dir.Mode & Mode4.SetGid) != 0) mode |= Mode4.SetGid; // setgid directories propagate
        else if (!isDirectory && !caller.IsRoot && !caller.IsInGroup(gid)) mode &= ~Mode4.SetGid;
        return mode;
    }

    private MemoryNode NewNode(in FsalCreateRequest request, DirectoryNode parent, uint mode, uint uid, uint gid, NfsTime4 now) =>
        request.Type switch
        {
            FsalFileType.Regular => new RegularFileNode(NextId(), mode, uid, gid, now),
            FsalFileType.Directory => new DirectoryNode(NextId(), mode, uid, gid, now, parent),
            FsalFileType.Symlink => new SymlinkNode(NextId(), request.LinkTarget!, uid, gid, now),
            _ => new SpecialFileNode(NextId(), request.Type, request.Device, mode, uid, gid, now),
        };

    /// <summary>Initial size (regular files) and times given with a create.</summary>
    private static void ApplyInitialAttributes(MemoryNode node, in FsalSetAttributes attributes, NfsTime4 now)
    {
        // Growing an empty file only makes a hole, so there is no space to reserve.
        if (node is RegularFileNode file && (attributes.Set & FsalAttrMask.Size) != 0)
            file.Content.SetLength((long)attributes.Size);
        node.AccessTime = ChooseTime(attributes.AccessTimeHow, attributes.AccessTime, now, now);
        node.ModifyTime = ChooseTime(attributes.ModifyTimeHow, attributes.ModifyTime, now, now);
    }

    private FsalResult<FsalChangeInfo> Remove(Credential caller, FsalObject directory, string name)
    {
        if (directory is not MemoryNode node) return FsalStatus.BadHandle;
        if (node is not DirectoryNode dir) return FsalStatus.NotDirectory;
        FsalStatus status = Names.Check(name);
        if (status != FsalStatus.Ok) return status;
        lock (_namespaceLock)
        lock (dir.Sync)
        {
            if (dir.IsRemoved) return FsalStatus.Stale;
            if (!AccessRules.Allows(caller, dir, PosixPermissions.Execute)) return FsalStatus.AccessDenied;
            if (!dir.Entries.TryGet(name, out DirectoryEntry entry)) return FsalStatus.NoEntry;
            if (!AccessRules.Allows(caller, dir, PosixPermissions.Write | PosixPermissions.Execute)) return FsalStatus.AccessDenied;
            MemoryNode victim = entry.Node;
            lock (victim.Sync)
            {
                // Only the sticky bit can still refuse here; Linux answers EPERM for that.
                if (!PosixPermissions.MayDeleteEntry(caller, dir.PermissionAttributes(), victim.Uid)) return FsalStatus.NotPermitted;
                if (victim is DirectoryNode { Entries.Count: > 0 }) return FsalStatus.NotEmpty;
                NfsTime4 now = WallClock.Now();
                ulong before = dir.Change;
                dir.Entries.Remove(entry);
                Unlink(dir, victim, now);
                dir.TouchData(now);
                return new FsalChangeInfo(before, dir.Change);
            }
        }
    }

    /// <summary>
    /// Accounts for a name of <paramref name="node"/> removed from <paramref name="parent"/>:
    /// drops the node with its last link. The caller holds the namespace lock and both nodes' locks.
    /// </summary>
    private void Unlink(DirectoryNode parent, MemoryNode node, NfsTime4 now)
    {
        if (node is DirectoryNode)
        {
            parent.LinkCount--;
            Drop(node);
        }
        else if (--node.LinkCount == 0)
        {
            // An open file outlives its last name (POSIX): it goes at its last close.
            if (node is RegularFileNode { OpenCount: > 0 }) node.TouchMetadata(now);
            else Drop(node);
        }
        else
        {
            node.TouchMetadata(now);
        }
    }

    private FsalResult<FsalChangeInfo> Link(Credential caller, FsalObject obj, FsalObject directory, string name)
    {
        if (obj is not MemoryNode node || directory is not MemoryNode dirNode) return FsalStatus.BadHandle;
        if (dirNode is not DirectoryNode dir) return FsalStatus.NotDirectory;
        if (node is DirectoryNode) return FsalStatus.IsDirectory;
        FsalStatus status = Names.Check(name);
        if (status != FsalStatus.Ok) return status;
        lock (_namespaceLock)
        lock (dir.Sync)
        {
            if (dir.IsRemoved) return FsalStatus.Stale;
            if (!AccessRules.Allows(caller, dir, PosixPermissions.Execute)) return FsalStatus.AccessDenied;
            if (dir.Entries.TryGet(name, out _)) return FsalStatus.Exists;
            if (!AccessRules.Allows(caller, dir, PosixPermissions.Write | PosixPermissions.Execute)) return FsalStatus.AccessDenied;
            lock (node.Sync)
            {
                if (node.IsRemoved) return FsalStatus.Stale;
                if (node.LinkCount >= Capabilities.MaxLinks) return FsalStatus.TooManyLinks;
                NfsTime4 now = WallClock.Now();
                ulong before = dir.Change;
                node.LinkCount++;
                node.TouchMetadata(now);
                dir.Entries.Add(name, node);
                dir.TouchData(now);
                return new FsalChangeInfo(before, dir.Change);
            }
        }
    }

    private static FsalResult<string> ReadLink(FsalObject obj)
    {
        if (obj is not MemoryNode node) return FsalStatus.BadHandle;
        lock (node.Sync)
        {
            if (node.IsRemoved) return FsalStatus.Stale;
            return node is SymlinkNode link ? link.Target : FsalStatus.Invalid;
        }
    }
}
