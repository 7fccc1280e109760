using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs4;

namespace Nfs.TestClient;

/// <summary>A result that is a status and the object's post-operation attributes (GETATTR, ACCESS, READLINK ... failures).</summary>
public readonly record struct AttrResult3(NfsStat3 Status, Fattr3? Attributes);

/// <summary>A result with one wcc_data (SETATTR, REMOVE, RMDIR).</summary>
public readonly record struct WccResult3(NfsStat3 Status, WccData Wcc);

/// <summary>LOOKUP3res.</summary>
public readonly record struct LookupResult3(NfsStat3 Status, NfsFileHandle Handle, Fattr3? Attributes, Fattr3? DirectoryAttributes);

/// <summary>ACCESS3res.</summary>
public readonly record struct AccessResult3(NfsStat3 Status, Fattr3? Attributes, Access3 Access);

/// <summary>READLINK3res.</summary>
public readonly record struct ReadLinkResult3(NfsStat3 Status, Fattr3? Attributes, string Target);

/// <summary>READ3res.</summary>
public readonly record struct ReadResult3(NfsStat3 Status, Fattr3? Attributes, uint Count, bool Eof, byte[] Data);

/// <summary>WRITE3res.</summary>
public readonly record struct WriteResult3(NfsStat3 Status, WccData Wcc, uint Count, StableHow3 Committed, ulong Verifier);

/// <summary>CREATE3res, MKDIR3res, SYMLINK3res and MKNOD3res.</summary>
public readonly record struct CreateResult3(NfsStat3 Status, NfsFileHandle Handle, Fattr3? Attributes, WccData DirectoryWcc);

/// <summary>RENAME3res.</summary>
public readonly record struct RenameResult3(NfsStat3 Status, WccData FromWcc, WccData ToWcc);

/// <summary>LINK3res.</summary>
public readonly record struct LinkResult3(NfsStat3 Status, Fattr3? FileAttributes, WccData DirectoryWcc);

/// <summary>One READDIR or READDIRPLUS entry (attributes and handle only with PLUS).</summary>
public readonly record struct DirEntry3(ulong FileId, string Name, ulong Cookie, Fattr3? Attributes, NfsFileHandle Handle);

/// <summary>READDIR3res and READDIRPLUS3res.</summary>
public sealed record ReadDirResult3(NfsStat3 Status, Fattr3? DirectoryAttributes, ulong CookieVerifier, IReadOnlyList<DirEntry3> Entries, bool Eof);

/// <summary>FSSTAT3res.</summary>
public readonly record struct FsStatResult3(NfsStat3 Status, Fattr3? Attributes, ulong TotalBytes, ulong FreeBytes, ulong AvailableBytes, ulong TotalFiles, ulong FreeFiles, ulong AvailableFiles, uint InvarSec);

/// <summary>FSINFO3res.</summary>
public readonly record struct FsInfoResult3(NfsStat3 Status, Fattr3? Attributes, uint ReadMax, uint ReadPreferred, uint ReadMultiple, uint WriteMax,
    uint WritePreferred, uint WriteMultiple, uint DirectoryPreferred, ulong MaxFileSize, NfsTime3 TimeDelta, FsInfoProperties3 Properties);

/// <summary>PATHCONF3res.</summary>
public readonly record struct PathConfResult3(NfsStat3 Status, Fattr3? Attributes, uint LinkMax, uint NameMax, bool NoTrunc, bool ChownRestricted, bool CaseInsensitive, bool CasePreserving);

/// <summary>COMMIT3res.</summary>
public readonly record struct CommitResult3(NfsStat3 Status, WccData Wcc, ulong Verifier);
