namespace Nfs.Protocol.Nfs3;

/// <summary>The procedures of NFS version 3 (RFC 1813 section 3).</summary>
public enum Nfs3Procedure : uint
{
    /// <summary>Does nothing (ping).</summary>
    Null = 0,
    /// <summary>Attributes of an object.</summary>
    GetAttr = 1,
    /// <summary>Changes attributes, optionally guarded by ctime.</summary>
    SetAttr = 2,
    /// <summary>A name in a directory.</summary>
    Lookup = 3,
    /// <summary>Which access the caller has.</summary>
    Access = 4,
    /// <summary>A symlink's target.</summary>
    ReadLink = 5,
    /// <summary>Reads file data.</summary>
    Read = 6,
    /// <summary>Writes file data.</summary>
    Write = 7,
    /// <summary>Creates a regular file.</summary>
    Create = 8,
    /// <summary>Creates a directory.</summary>
    Mkdir = 9,
    /// <summary>Creates a symbolic link.</summary>
    Symlink = 10,
    /// <summary>Creates a special file.</summary>
    Mknod = 11,
    /// <summary>Removes a non-directory.</summary>
    Remove = 12,
    /// <summary>Removes an empty directory.</summary>
    Rmdir = 13,
    /// <summary>Renames.</summary>
    Rename = 14,
    /// <summary>Creates a hard link.</summary>
    Link = 15,
    /// <summary>Lists names and file ids.</summary>
    ReadDir = 16,
    /// <summary>Lists names with attributes and handles.</summary>
    ReadDirPlus = 17,
    /// <summary>Dynamic filesystem information (space, files).</summary>
    FsStat = 18,
    /// <summary>Static filesystem information (sizes, properties).</summary>
    FsInfo = 19,
    /// <summary>POSIX pathconf values.</summary>
    PathConf = 20,
    /// <summary>Makes unstable writes stable.</summary>
    Commit = 21,
}
