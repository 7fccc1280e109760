using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Fsal;

/// <summary>Filesystem object types.</summary>
public enum FsalFileType
{
    /// <summary>Regular file.</summary>
    Regular = 1,
    /// <summary>Directory.</summary>
    Directory = 2,
    /// <summary>Block device.</summary>
    BlockDevice = 3,
    /// <summary>Character device.</summary>
    CharacterDevice = 4,
    /// <summary>Symbolic link.</summary>
    Symlink = 5,
    /// <summary>Socket.</summary>
    Socket = 6,
    /// <summary>Named pipe.</summary>
    Fifo = 7,
}

/// <summary>Which attributes a caller wants, or which are valid in a <see cref="FsalAttributes"/>.</summary>
[Flags]
public enum FsalAttrMask : uint
{
    /// <summary>None.</summary>
    None = 0,
    /// <summary>Object type.</summary>
    Type = 1 << 0,
    /// <summary>Permission bits (the low 12 bits of st_mode).</summary>
    Mode = 1 << 1,
    /// <summary>Link count.</summary>
    NumLinks = 1 << 2,
    /// <summary>Owner uid.</summary>
    Owner = 1 << 3,
    /// <summary>Group gid.</summary>
    Group = 1 << 4,
    /// <summary>Size in bytes.</summary>
    Size = 1 << 5,
    /// <summary>Bytes allocated.</summary>
    SpaceUsed = 1 << 6,
    /// <summary>Device numbers.</summary>
    RawDevice = 1 << 7,
    /// <summary>File id (inode number).</summary>
    FileId = 1 << 8,
    /// <summary>Change attribute.</summary>
    Change = 1 << 9,
    /// <summary>Access time.</summary>
    AccessTime = 1 << 10,
    /// <summary>Modification time.</summary>
    ModifyTime = 1 << 11,
    /// <summary>Status change time.</summary>
    ChangeTime = 1 << 12,
    /// <summary>Creation time.</summary>
    CreateTime = 1 << 13,
    /// <summary>Everything in this enum.</summary>
    All = (1 << 14) - 1,
}

/// <summary>
/// Attributes of an object. A mutable struct so a backend can fill it without allocation;
/// <see cref="Valid"/> says which fields mean something.
/// </summary>
public struct FsalAttributes
{
    /// <summary>Which fields are valid.</summary>
    public FsalAttrMask Valid;
    /// <summary>Object type.</summary>
    public FsalFileType Type;
    /// <summary>Permission bits, including setuid, setgid and sticky (0..0xFFF).</summary>
    public uint Mode;
    /// <summary>Number of hard links.</summary>
    public uint NumLinks;
    /// <summary>Owner uid.</summary>
    public uint Uid;
    /// <summary>Group gid.</summary>
    public uint Gid;
    /// <summary>Size in bytes.</summary>
    public ulong Size;
    /// <summary>Bytes of storage used.</summary>
    public ulong SpaceUsed;
    /// <summary>Device numbers of a block or character device.</summary>
    public SpecData4 RawDevice;
    /// <summary>File id, unique within the filesystem.</summary>
    public ulong FileId;
    /// <summary>
    /// A value that changes whenever data or metadata change (the NFSv4 change attribute).
    /// Never decreases while the server runs.
    /// </summary>
    public ulong Change;
    /// <summary>Last access.</summary>
    public NfsTime4 AccessTime;
    /// <summary>Last data modification.</summary>
    public NfsTime4 ModifyTime;
    /// <summary>Last status change.</summary>
    public NfsTime4 ChangeTime;
    /// <summary>Creation.</summary>
    public NfsTime4 CreateTime;
}

/// <summary>How to set a time attribute.</summary>
public enum FsalTimeSet
{
    /// <summary>Leave it alone.</summary>
    DontChange,
    /// <summary>Set to the server's clock.</summary>
    ServerTime,
    /// <summary>Set to the given value.</summary>
    ClientTime,
}

/// <summary>Attributes to change in a SETATTR or to apply to a new object.</summary>
public struct FsalSetAttributes
{
    /// <summary>Which of mode, owner, group and size to set (only those four flags are read; times use their own fields).</summary>
    public FsalAttrMask Set;
    /// <summary>New permission bits.</summary>
    public uint Mode;
    /// <summary>New owner.</summary>
    public uint Uid;
    /// <summary>New group.</summary>
    public uint Gid;
    /// <summary>New size (truncate or extend).</summary>
    public ulong Size;
    /// <summary>How to set the access time.</summary>
    public FsalTimeSet AccessTimeHow;
    /// <summary>Access time when <see cref="AccessTimeHow"/> is ClientTime.</summary>
    public NfsTime4 AccessTime;
    /// <summary>How to set the modification time.</summary>
    public FsalTimeSet ModifyTimeHow;
    /// <summary>Modification time when <see cref="ModifyTimeHow"/> is ClientTime.</summary>
    public NfsTime4 ModifyTime;

    /// <summary>True when nothing is to be changed.</summary>
    public readonly bool IsEmpty => (Set & (FsalAttrMask.Mode | FsalAttrMask.Owner | FsalAttrMask.Group | FsalAttrMask.Size)) == 0
        && AccessTimeHow == FsalTimeSet.DontChange && ModifyTimeHow == FsalTimeSet.DontChange;
}

/// <summary>A directory's change attribute around a modifying operation (for change_info4 and wcc data).</summary>
public readonly record struct FsalChangeInfo(ulong Before, ulong After, bool Atomic = true);

/// <summary>What to create.</summary>
public struct FsalCreateRequest
{
    /// <summary>Object type.</summary>
    public FsalFileType Type;
    /// <summary>Initial attributes (mode at least; owner and group default to the caller).</summary>
    public FsalSetAttributes Attributes;
    /// <summary>Target of a symlink.</summary>
    public string? LinkTarget;
    /// <summary>Device numbers of a block or character device.</summary>
    public SpecData4 Device;
    /// <summary>
    /// When true, fail with <see cref="FsalStatus.Exists"/> if the name exists; when false, a
    /// regular file that exists is returned as is (and its attributes are not changed by this call).
    /// </summary>
    public bool Exclusive;
}

/// <summary>A new object and the change to its parent directory.</summary>
public readonly record struct FsalCreated(FsalObject Object, FsalAttributes Attributes, FsalChangeInfo DirectoryChange, bool Existed = false);

/// <summary>A looked-up object with its attributes.</summary>
public readonly record struct FsalLookup(FsalObject Object, FsalAttributes Attributes);

/// <summary>Result of a read.</summary>
public readonly record struct FsalRead(int Count, bool EndOfFile);

/// <summary>Result of a write.</summary>
public readonly record struct FsalWrite(int Count, FsalStability Committed);

/// <summary>Changes to both directories of a rename.</summary>
public readonly record struct FsalRenamed(FsalChangeInfo Source, FsalChangeInfo Target);

/// <summary>Write stability, as the client asked or the backend achieved.</summary>
public enum FsalStability
{
    /// <summary>May be lost on a crash until COMMIT.</summary>
    Unstable = 0,
    /// <summary>Data is on stable storage.</summary>
    DataSync = 1,
    /// <summary>Data and metadata are on stable storage.</summary>
    FileSync = 2,
}

/// <summary>Space and file counts of a filesystem.</summary>
public readonly record struct FsalFsStats(ulong TotalBytes, ulong FreeBytes, ulong AvailableBytes, ulong TotalFiles, ulong FreeFiles, ulong AvailableFiles);

/// <summary>Access modes requested of <see cref="IFileSystem.OpenAsync"/>.</summary>
[Flags]
public enum FsalOpenFlags
{
    /// <summary>Read.</summary>
    Read = 1,
    /// <summary>Write.</summary>
    Write = 2,
}
