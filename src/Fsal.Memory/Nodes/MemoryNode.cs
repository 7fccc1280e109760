using System.Buffers.Binary;
using Fsal.Memory.Storage;
using Fsal.Memory.Support;
using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;

namespace Fsal.Memory.Nodes;

/// <summary>
/// One filesystem object (an inode), and the <see cref="FsalObject"/> the core holds for it.
/// Every mutable member is guarded by <see cref="Sync"/>; a thread holds at most one node lock
/// at a time, except a namespace operation, which runs alone under the filesystem's namespace
/// lock and so cannot deadlock with anyone.
/// </summary>
internal abstract class MemoryNode : FsalObject
{
    /// <summary>Length of a key: the id as 8 big-endian bytes.</summary>
    public const int KeyLength = 8;

    protected MemoryNode(ulong id, FsalFileType type, uint mode, uint uid, uint gid, uint linkCount, NfsTime4 now)
    {
        Id = id;
        if (type != Type) throw new ArgumentException("the node class fixes the type", nameof(type));
        Mode = mode & Mode4.AllBits;
        Uid = uid;
        Gid = gid;
        LinkCount = linkCount;
        AccessTime = ModifyTime = ChangeTime = now;
        _createSeconds = now.Seconds;
        _createNanoseconds = now.Nanoseconds;
        Change = ChangeCounter.Next();
    }

    /// <inheritdoc/>

    /// <summary>The node id: file id and handle key, never reused by the filesystem that issued it.</summary>
    public ulong Id { get; }

    /// <summary>
    /// Guards the node's attributes and contents: the node's own monitor, which costs nothing
    /// until used (a separate lock object was 48 bytes per file).
    /// </summary>
    public object Sync => this;

    /// <summary>Permission bits (low 12 bits).</summary>
    public uint Mode { get; set; }

    /// <summary>Owner.</summary>
    public uint Uid { get; set; }

    /// <summary>Group.</summary>
    public uint Gid { get; set; }

    /// <summary>Opens through <see cref="MemoryFileSystem.OpenAsync"/> not yet closed; an unlinked node lives while this is positive.</summary>
    public int OpenCount { get; set; }

    /// <summary>Hard links; for a directory 2 plus its subdirectories.</summary>
    public uint LinkCount { get; set; }

    // Times are kept as separate seconds and nanoseconds fields: the runtime packs the eight
    // fields without the padding four NfsTime4 values would carry (16 bytes per node).
    private long _accessSeconds, _modifySeconds, _changeSeconds, _createSeconds;
    private uint _accessNanoseconds, _modifyNanoseconds, _changeNanoseconds, _createNanoseconds;

    /// <summary>Last access. Reads do not update it (as with a noatime mount), which keeps reads free of writes to shared state.</summary>
    public NfsTime4 AccessTime
    {
        get => new(_accessSeconds, _accessNanoseconds);
        set => (_accessSeconds, _accessNanoseconds) = (value.Seconds, value.Nanoseconds);
    }

    /// <summary>Last data change.</summary>
    public NfsTime4 ModifyTime
    {
        get => new(_modifySeconds, _modifyNanoseconds);
        set => (_modifySeconds, _modifyNanoseconds) = (value.Seconds, value.Nanoseconds);
    }

    /// <summary>Last status change.</summary>
    public NfsTime4 ChangeTime
    {
        get => new(_changeSeconds, _changeNanoseconds);
        set => (_changeSeconds, _changeNanoseconds) = (value.Seconds, value.Nanoseconds);
    }

    /// <summary>Creation.</summary>
    public NfsTime4 CreateTime => new(_createSeconds, _createNanoseconds);

    /// <summary>The NFSv4 change attribute.</summary>
    public ulong Change { get; private set; }

    /// <summary>True once the last link is gone: the node is out of the tree and every operation on it is stale.</summary>
    public bool IsRemoved { get; private set; }

    /// <summary>User extended attributes, created on first use.</summary>
    public ExtendedAttributeSet? Xattrs
    {
        // Few files have extended attributes: a side table keeps the reference out of every node.
        get => XattrTable.TryGetValue(this, out var set) ? set : null;
        set
        {
            if (value is null) XattrTable.Remove(this);
            else XattrTable.AddOrUpdate(this, value);
        }
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<MemoryNode, ExtendedAttributeSet> XattrTable = new();

    /// <summary>Size in bytes as reported in attributes.</summary>
    protected abstract ulong Size { get; }

    /// <summary>Bytes of file data allocated.</summary>
    protected virtual ulong SpaceUsed => 0;

    /// <summary>Device numbers.</summary>
    protected virtual SpecData4 RawDevice => default;

    /// <inheritdoc/>
    public override int WriteKey(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, Id);
        return KeyLength;
    }

    /// <summary>Records a data change: mtime, ctime and the change attribute.</summary>
    public void TouchData(NfsTime4 now)
    {
        ModifyTime = now;
        TouchMetadata(now);
    }

    /// <summary>Records a metadata change: ctime and the change attribute.</summary>
    public void TouchMetadata(NfsTime4 now)
    {
        ChangeTime = now;
        Change = ChangeCounter.Next();
    }

    /// <summary>
    /// Marks the node removed after its last link went, and returns the bytes its contents and
    /// extended attributes held, for the caller to release.
    /// </summary>
    public long MarkRemoved()
    {
        IsRemoved = true;
        LinkCount = 0;
        long freed = ReleaseContents() + (Xattrs?.Bytes ?? 0);
        Xattrs = null;
        return freed;
    }

    /// <summary>Drops the node's contents on removal; returns the bytes freed.</summary>
    protected virtual long ReleaseContents() => 0;

    /// <summary>Fills every attribute.</summary>
    public void GetAttributes(out FsalAttributes attributes)
    {
        attributes = new FsalAttributes
        {
            Valid = FsalAttrMask.All,
            Type = Type,
            Mode = Mode,
            NumLinks = LinkCount,
            Uid = Uid,
            Gid = Gid,
            Size = Size,
            SpaceUsed = SpaceUsed,
            RawDevice = RawDevice,
            FileId = Id,
            Change = Change,
            AccessTime = AccessTime,
            ModifyTime = ModifyTime,
            ChangeTime = ChangeTime,
            CreateTime = CreateTime,
        };
    }

    /// <summary>The attributes a permission check reads (type, mode, owner, group), without the rest.</summary>
    public FsalAttributes PermissionAttributes() => new() { Type = Type, Mode = Mode, Uid = Uid, Gid = Gid };
}
