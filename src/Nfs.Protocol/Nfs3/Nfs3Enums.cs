namespace Nfs.Protocol.Nfs3;

/// <summary>ftype3: object types (the same numbers as the server's own file types).</summary>
public enum FileType3 : uint
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

/// <summary>stable_how: the stability a WRITE asks for or achieved.</summary>
public enum StableHow3 : uint
{
    /// <summary>May be lost on a server crash until COMMIT.</summary>
    Unstable = 0,
    /// <summary>Data on stable storage.</summary>
    DataSync = 1,
    /// <summary>Data and metadata on stable storage.</summary>
    FileSync = 2,
}

/// <summary>createmode3.</summary>
public enum CreateMode3 : uint
{
    /// <summary>Create, or use the existing file.</summary>
    Unchecked = 0,
    /// <summary>Fail if the name exists.</summary>
    Guarded = 1,
    /// <summary>Exactly-once create identified by a verifier.</summary>
    Exclusive = 2,
}

/// <summary>time_how: how SETATTR sets a time.</summary>
public enum TimeHow3 : uint
{
    /// <summary>Leave it.</summary>
    DontChange = 0,
    /// <summary>The server's clock.</summary>
    ServerTime = 1,
    /// <summary>The time given.</summary>
    ClientTime = 2,
}

/// <summary>ACCESS3_* bits (the same values as NFSv4's ACCESS4_*).</summary>
[Flags]
public enum Access3 : uint
{
    /// <summary>None.</summary>
    None = 0,
    /// <summary>Read data or list a directory.</summary>
    Read = 0x01,
    /// <summary>Look up a name in a directory.</summary>
    Lookup = 0x02,
    /// <summary>Rewrite data or change directory entries.</summary>
    Modify = 0x04,
    /// <summary>Write new data or add directory entries.</summary>
    Extend = 0x08,
    /// <summary>Delete a directory entry.</summary>
    Delete = 0x10,
    /// <summary>Execute a file.</summary>
    Execute = 0x20,
    /// <summary>Every bit RFC 1813 defines.</summary>
    All = 0x3F,
}

/// <summary>FSINFO properties bits (FSF3_*).</summary>
[Flags]
public enum FsInfoProperties3 : uint
{
    /// <summary>None.</summary>
    None = 0,
    /// <summary>Hard links are supported.</summary>
    Link = 0x0001,
    /// <summary>Symbolic links are supported.</summary>
    Symlink = 0x0002,
    /// <summary>PATHCONF is the same for every object.</summary>
    Homogeneous = 0x0008,
    /// <summary>SETATTR can set times to client values.</summary>
    CanSetTime = 0x0010,
}
