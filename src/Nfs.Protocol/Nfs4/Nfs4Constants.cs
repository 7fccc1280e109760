namespace Nfs.Protocol.Nfs4;

/// <summary>Program numbers and fixed sizes of NFSv4.</summary>
public static class Nfs4Constants
{
    /// <summary>The NFS RPC program number.</summary>
    public const uint Program = 100003;
    /// <summary>The NFSv4 RPC program version.</summary>
    public const uint Version = 4;
    /// <summary>The NFSv4 callback program number base (client-chosen in 4.0).</summary>
    public const uint CallbackProgramDefault = 0x40000000;
    /// <summary>NFSPROC4_NULL.</summary>
    public const uint ProcNull = 0;
    /// <summary>NFSPROC4_COMPOUND.</summary>
    public const uint ProcCompound = 1;
    /// <summary>NFS4_FHSIZE: maximum filehandle size.</summary>
    public const int MaxFileHandleSize = 128;
    /// <summary>NFS4_VERIFIER_SIZE.</summary>
    public const int VerifierSize = 8;
    /// <summary>NFS4_OTHER_SIZE: size of stateid4.other.</summary>
    public const int StateIdOtherSize = 12;
    /// <summary>NFS4_OPAQUE_LIMIT: bound of client ids, owners and similar opaque values.</summary>
    public const int OpaqueLimit = 1024;
    /// <summary>Bound we apply to component names and link targets read from the wire.</summary>
    public const int MaxNameLength = 255;
    /// <summary>Bound we apply to symlink targets and paths.</summary>
    public const int MaxPathLength = 4096;
    /// <summary>Bound on the number of words in a bitmap4 we accept.</summary>
    public const int MaxBitmapWords = 64;
}

/// <summary>nfs_ftype4.</summary>
public enum NfsFileType4
{
    /// <summary>Regular file.</summary>
    Regular = 1,
    /// <summary>Directory.</summary>
    Directory = 2,
    /// <summary>Block special device.</summary>
    BlockDevice = 3,
    /// <summary>Character special device.</summary>
    CharacterDevice = 4,
    /// <summary>Symbolic link.</summary>
    Symlink = 5,
    /// <summary>Socket.</summary>
    Socket = 6,
    /// <summary>Named pipe.</summary>
    Fifo = 7,
    /// <summary>Attribute directory.</summary>
    AttributeDirectory = 8,
    /// <summary>Named attribute.</summary>
    NamedAttribute = 9,
}

/// <summary>ACCESS4_* bits.</summary>
[Flags]
public enum Access4 : uint
{
    /// <summary>No access.</summary>
    None = 0,
    /// <summary>Read data or list a directory.</summary>
    Read = 0x01,
    /// <summary>Look up a name in a directory.</summary>
    Lookup = 0x02,
    /// <summary>Rewrite existing data or change directory entries.</summary>
    Modify = 0x04,
    /// <summary>Write new data or add directory entries.</summary>
    Extend = 0x08,
    /// <summary>Delete an existing directory entry.</summary>
    Delete = 0x10,
    /// <summary>Execute a file.</summary>
    Execute = 0x20,
    /// <summary>Read an extended attribute (RFC 8276).</summary>
    XattrRead = 0x40,
    /// <summary>Write an extended attribute (RFC 8276).</summary>
    XattrWrite = 0x80,
    /// <summary>List extended attributes (RFC 8276).</summary>
    XattrList = 0x100,
}

/// <summary>stable_how4.</summary>
public enum StableHow4
{
    /// <summary>Data may be cached.</summary>
    Unstable = 0,
    /// <summary>Data committed, metadata may be cached.</summary>
    DataSync = 1,
    /// <summary>Data and metadata committed.</summary>
    FileSync = 2,
}

/// <summary>createmode4 for OPEN.</summary>
public enum CreateMode4
{
    /// <summary>Create or open if it exists.</summary>
    Unchecked = 0,
    /// <summary>Create, fail if it exists.</summary>
    Guarded = 1,
    /// <summary>Exclusive create with a verifier (4.0).</summary>
    Exclusive = 2,
    /// <summary>Exclusive create with a verifier and attributes (4.1).</summary>
    Exclusive41 = 3,
}

/// <summary>opentype4.</summary>
public enum OpenType4
{
    /// <summary>Do not create.</summary>
    NoCreate = 0,
    /// <summary>Create.</summary>
    Create = 1,
}

/// <summary>open_claim_type4.</summary>
public enum OpenClaimType4
{
    /// <summary>Open by name in the current directory.</summary>
    Null = 0,
    /// <summary>Reclaim after a server restart.</summary>
    Previous = 1,
    /// <summary>Open under a delegation that is being recalled.</summary>
    DelegateCurrent = 2,
    /// <summary>Reclaim a delegated open after a client restart.</summary>
    DelegatePrevious = 3,
    /// <summary>Open the current filehandle (4.1).</summary>
    Fh = 4,
    /// <summary>Delegated open of the current filehandle (4.1).</summary>
    DelegCurFh = 5,
    /// <summary>Reclaim a delegated open of the current filehandle (4.1).</summary>
    DelegPrevFh = 6,
}

/// <summary>open_delegation_type4.</summary>
public enum OpenDelegationType4
{
    /// <summary>No delegation.</summary>
    None = 0,
    /// <summary>Read delegation.</summary>
    Read = 1,
    /// <summary>Write delegation.</summary>
    Write = 2,
    /// <summary>No delegation, with a reason (4.1).</summary>
    NoneExt = 3,
}

/// <summary>nfs_lock_type4.</summary>
public enum NfsLockType4
{
    /// <summary>Shared lock.</summary>
    Read = 1,
    /// <summary>Exclusive lock.</summary>
    Write = 2,
    /// <summary>Shared lock; the client will poll.</summary>
    ReadWait = 3,
    /// <summary>Exclusive lock; the client will poll.</summary>
    WriteWait = 4,
}

/// <summary>OPEN4_SHARE_ACCESS_* and OPEN4_SHARE_DENY_* values and flags.</summary>
public static class OpenShare4
{
    /// <summary>Read access.</summary>
    public const uint AccessRead = 1;
    /// <summary>Write access.</summary>
    public const uint AccessWrite = 2;
    /// <summary>Read and write access.</summary>
    public const uint AccessBoth = 3;
    /// <summary>Deny nothing.</summary>
    public const uint DenyNone = 0;
    /// <summary>Deny reads.</summary>
    public const uint DenyRead = 1;
    /// <summary>Deny writes.</summary>
    public const uint DenyWrite = 2;
    /// <summary>Deny both.</summary>
    public const uint DenyBoth = 3;
    /// <summary>Mask of the "want" delegation flags of 4.1 in share_access.</summary>
    public const uint WantMask = 0xFF00;
    /// <summary>Mask of the 4.1 signal flags in share_access.</summary>
    public const uint SignalMask = 0xFF0000;
}

/// <summary>OPEN4_RESULT_* flags.</summary>
[Flags]
public enum OpenResultFlags4 : uint
{
    /// <summary>None.</summary>
    None = 0,
    /// <summary>The client must confirm the open (4.0).</summary>
    Confirm = 0x2,
    /// <summary>The server uses POSIX lock semantics.</summary>
    LockTypePosix = 0x4,
    /// <summary>The file may be opened by another with a conflicting mode.</summary>
    PreserveUnlinked = 0x8,
    /// <summary>May notify on lock availability (4.1).</summary>
    MayNotifyLock = 0x20,
}

/// <summary>time_how4 for settime4.</summary>
public enum TimeHow4
{
    /// <summary>Set to the server's current time.</summary>
    ServerTime = 0,
    /// <summary>Set to the time the client gives.</summary>
    ClientTime = 1,
}

/// <summary>FH4_* values of fh_expire_type.</summary>
public static class FhExpireType4
{
    /// <summary>Filehandles never expire.</summary>
    public const uint Persistent = 0;
}

/// <summary>Mode bits as used by the mode attribute.</summary>
public static class Mode4
{
    /// <summary>Set user id on execution.</summary>
    public const uint SetUid = 0x800;
    /// <summary>Set group id on execution.</summary>
    public const uint SetGid = 0x400;
    /// <summary>Sticky bit.</summary>
    public const uint Sticky = 0x200;
    /// <summary>All twelve permission bits.</summary>
    public const uint AllBits = 0xFFF;
}
