using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Nfs4;

/// <summary>The one place where backend errors become NFSv4 status codes.</summary>
public static class Nfs4StatusMap
{
    /// <summary>Maps a backend status to nfsstat4.</summary>
    public static NfsStat4 ToNfs4(this FsalStatus status) => status switch
    {
        FsalStatus.Ok => NfsStat4.Ok,
        FsalStatus.NotPermitted => NfsStat4.Perm,
        FsalStatus.NoEntry => NfsStat4.Noent,
        FsalStatus.IOError => NfsStat4.Io,
        FsalStatus.NoDevice => NfsStat4.Nxio,
        FsalStatus.AccessDenied => NfsStat4.Access,
        FsalStatus.Exists => NfsStat4.Exist,
        FsalStatus.CrossDevice => NfsStat4.Xdev,
        FsalStatus.NotDirectory => NfsStat4.Notdir,
        FsalStatus.IsDirectory => NfsStat4.Isdir,
        FsalStatus.Invalid => NfsStat4.Inval,
        FsalStatus.FileTooBig => NfsStat4.Fbig,
        FsalStatus.NoSpace => NfsStat4.Nospc,
        FsalStatus.ReadOnly => NfsStat4.Rofs,
        FsalStatus.TooManyLinks => NfsStat4.Mlink,
        FsalStatus.NameTooLong => NfsStat4.Nametoolong,
        FsalStatus.NotEmpty => NfsStat4.Notempty,
        FsalStatus.QuotaExceeded => NfsStat4.Dquot,
        FsalStatus.Stale => NfsStat4.Stale,
        FsalStatus.BadHandle => NfsStat4.Badhandle,
        FsalStatus.BadCookie => NfsStat4.BadCookie,
        FsalStatus.NotSupported => NfsStat4.Notsupp,
        FsalStatus.TooSmall => NfsStat4.Toosmall,
        FsalStatus.BadType => NfsStat4.Badtype,
        FsalStatus.Delay => NfsStat4.Delay,
        FsalStatus.Symlink => NfsStat4.Symlink,
        FsalStatus.Locked => NfsStat4.Denied,
        FsalStatus.Deadlock => NfsStat4.Deadlock,
        FsalStatus.WrongType => NfsStat4.Inval,
        FsalStatus.BadName => NfsStat4.Badname,
        FsalStatus.AttributeNotSupported => NfsStat4.Attrnotsupp,
        FsalStatus.NoXattr => NfsStat4.Noxattr,
        FsalStatus.XattrTooBig => NfsStat4.Xattr2big,
        _ => NfsStat4.Serverfault,
    };
}
