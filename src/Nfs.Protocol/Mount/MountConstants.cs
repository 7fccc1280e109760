namespace Nfs.Protocol.Mount;

/// <summary>Program, version and limits of the MOUNT protocol version 3 (RFC 1813 appendix I).</summary>
public static class MountConstants
{
    /// <summary>The MOUNT program number.</summary>
    public const uint Program = 100005;

    /// <summary>The version served in full (MOUNT v3, the one NFSv3 uses).</summary>
    public const uint Version = 3;

    /// <summary>
    /// The oldest version answered: versions 1 and 2 share EXPORT, DUMP, UMNT and UMNTALL with
    /// version 3 (showmount asks version 1), while their MNT, which gives NFSv2 handles, is refused.
    /// </summary>
    public const uint OldestVersion = 1;

    /// <summary>Longest path (MNTPATHLEN).</summary>
    public const int MaxPathLength = 1024;

    /// <summary>Longest host or group name (MNTNAMLEN).</summary>
    public const int MaxNameLength = 255;

    /// <summary>Largest filehandle (FHSIZE3).</summary>
    public const int MaxFileHandleSize = 64;
}

/// <summary>The MOUNT v3 procedures.</summary>
public enum MountProcedure : uint
{
    /// <summary>Does nothing.</summary>
    Null = 0,
    /// <summary>The root handle of an exported path.</summary>
    Mount = 1,
    /// <summary>The mount list.</summary>
    Dump = 2,
    /// <summary>Removes one mount list entry.</summary>
    Unmount = 3,
    /// <summary>Removes every mount list entry of the caller.</summary>
    UnmountAll = 4,
    /// <summary>The export list.</summary>
    Export = 5,
}

/// <summary>mountstat3.</summary>
public enum MountStat3 : uint
{
    /// <summary>Success.</summary>
    Ok = 0,
    /// <summary>Not owner.</summary>
    Perm = 1,
    /// <summary>No such file or directory.</summary>
    NoEnt = 2,
    /// <summary>I/O error.</summary>
    Io = 5,
    /// <summary>Permission denied.</summary>
    Acces = 13,
    /// <summary>Not a directory.</summary>
    NotDir = 20,
    /// <summary>Invalid argument.</summary>
    Inval = 22,
    /// <summary>Name too long.</summary>
    NameTooLong = 63,
    /// <summary>Operation not supported.</summary>
    NotSupp = 10004,
    /// <summary>A failure on the server.</summary>
    ServerFault = 10006,
}
