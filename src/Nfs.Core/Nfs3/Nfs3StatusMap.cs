using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs3;

namespace Nfs.Core.Nfs3;

/// <summary>The one place where backend errors become NFSv3 status codes.</summary>
public static class Nfs3StatusMap
{
    /// <summary>Maps a backend status to nfsstat3.</summary>
    public static NfsStat3 ToNfs3(this FsalStatus status) => status switch
    {
        FsalStatus.Ok => NfsStat3.Ok,
        FsalStatus.NotPermitted => NfsStat3.Perm,
        FsalStatus.NoEntry => NfsStat3.NoEnt,
        FsalStatus.IOError => NfsStat3.Io,
        FsalStatus.NoDevice => NfsStat3.NxIo,
        FsalStatus.AccessDenied => NfsStat3.Acces,
        FsalStatus.Exists => NfsStat3.Exist,
        FsalStatus.CrossDevice => NfsStat3.XDev,
        FsalStatus.NotDirectory => NfsStat3.NotDir,
        FsalStatus.IsDirectory => NfsStat3.IsDir,
        FsalStatus.Invalid => NfsStat3.Inval,
        FsalStatus.FileTooBig => NfsStat3.FBig,
        FsalStatus.NoSpace => NfsStat3.NoSpc,
        FsalStatus.ReadOnly => NfsStat3.RoFs,
        FsalStatus.TooManyLinks => NfsStat3.MLink,
        FsalStatus.NameTooLong => NfsStat3.NameTooLong,
        FsalStatus.NotEmpty => NfsStat3.NotEmpty,
        FsalStatus.QuotaExceeded => NfsStat3.DQuot,
        FsalStatus.Stale => NfsStat3.Stale,
        FsalStatus.BadHandle => NfsStat3.BadHandle,
        FsalStatus.BadCookie => NfsStat3.BadCookie,
        FsalStatus.NotSupported => NfsStat3.NotSupp,
        FsalStatus.TooSmall => NfsStat3.TooSmall,
        FsalStatus.ServerFault => NfsStat3.ServerFault,
        FsalStatus.BadType => NfsStat3.BadType,
        // NFSv3 has no "try again" besides JUKEBOX, which clients retry after a pause.
        FsalStatus.Delay or FsalStatus.Locked => NfsStat3.Jukebox,
        // A symlink where a directory was expected: v3 has no SYMLINK error, knfsd answers NOTDIR.
        FsalStatus.Symlink => NfsStat3.NotDir,
        FsalStatus.Deadlock or FsalStatus.WrongType or FsalStatus.BadName or FsalStatus.XattrTooBig => NfsStat3.Inval,
        FsalStatus.AttributeNotSupported or FsalStatus.NoXattr => NfsStat3.NotSupp,
        _ => NfsStat3.ServerFault,
    };
}
