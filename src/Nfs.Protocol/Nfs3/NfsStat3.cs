namespace Nfs.Protocol.Nfs3;

/// <summary>nfsstat3 (RFC 1813 section 2.6).</summary>
public enum NfsStat3 : uint
{
    /// <summary>Success.</summary>
    Ok = 0,
    /// <summary>Not owner.</summary>
    Perm = 1,
    /// <summary>No such file or directory.</summary>
    NoEnt = 2,
    /// <summary>I/O error.</summary>
    Io = 5,
    /// <summary>No such device or address.</summary>
    NxIo = 6,
    /// <summary>Permission denied.</summary>
    Acces = 13,
    /// <summary>File exists.</summary>
    Exist = 17,
    /// <summary>Cross-device link.</summary>
    XDev = 18,
    /// <summary>No such device.</summary>
    NoDev = 19,
    /// <summary>Not a directory.</summary>
    NotDir = 20,
    /// <summary>Is a directory.</summary>
    IsDir = 21,
    /// <summary>Invalid argument.</summary>
    Inval = 22,
    /// <summary>File too large.</summary>
    FBig = 27,
    /// <summary>No space left on device.</summary>
    NoSpc = 28,
    /// <summary>Read-only filesystem.</summary>
    RoFs = 30,
    /// <summary>Too many hard links.</summary>
    MLink = 31,
    /// <summary>Name too long.</summary>
    NameTooLong = 63,
    /// <summary>Directory not empty.</summary>
    NotEmpty = 66,
    /// <summary>Quota exceeded.</summary>
    DQuot = 69,
    /// <summary>Stale filehandle.</summary>
    Stale = 70,
    /// <summary>Too many levels of remote in path.</summary>
    Remote = 71,
    /// <summary>Illegal filehandle.</summary>
    BadHandle = 10001,
    /// <summary>SETATTR guard failed (ctime differs).</summary>
    NotSync = 10002,
    /// <summary>READDIR cookie is stale.</summary>
    BadCookie = 10003,
    /// <summary>Operation not supported.</summary>
    NotSupp = 10004,
    /// <summary>Buffer or request too small.</summary>
    TooSmall = 10005,
    /// <summary>Server error not covered by another code.</summary>
    ServerFault = 10006,
    /// <summary>Object type not supported by the server.</summary>
    BadType = 10007,
    /// <summary>Try again later.</summary>
    Jukebox = 10008,
}
