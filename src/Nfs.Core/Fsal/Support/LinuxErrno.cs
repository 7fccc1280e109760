using System.Runtime.InteropServices;

namespace Nfs.Core.Fsal.Support;

/// <summary>
/// Linux errno values and the one map from errno to <see cref="FsalStatus"/>, for backends
/// whose native calls report failures through errno (a local filesystem, libgfapi).
/// </summary>
public static class LinuxErrno
{
#pragma warning disable CS1591 // the names are the C names
    public const int EPERM = 1, ENOENT = 2, EINTR = 4, EIO = 5, ENXIO = 6, E2BIG = 7, EBADF = 9, EAGAIN = 11, ENOMEM = 12, EACCES = 13, EBUSY = 16,
        EEXIST = 17, EXDEV = 18, ENODEV = 19, ENOTDIR = 20, EISDIR = 21, EINVAL = 22, ENFILE = 23, EMFILE = 24, ETXTBSY = 26, EFBIG = 27,
        ENOSPC = 28, ESPIPE = 29, EROFS = 30, EMLINK = 31, ERANGE = 34, EDEADLK = 35, ENAMETOOLONG = 36, ENOSYS = 38, ENOTEMPTY = 39,
        ELOOP = 40, ENODATA = 61, EOVERFLOW = 75, EOPNOTSUPP = 95, ENOTCONN = 107, ESTALE = 116, EDQUOT = 122;
#pragma warning restore CS1591

    /// <summary>The errno of the last failed P/Invoke call on this thread (declared with SetLastError).</summary>
    public static int Last => Marshal.GetLastPInvokeError();

    /// <summary>The status of the last failed P/Invoke call on this thread.</summary>
    public static FsalStatus LastStatus => ToStatus(Last);

    /// <summary>Maps an errno.</summary>
    public static FsalStatus ToStatus(int errno) => errno switch
    {
        EPERM => FsalStatus.NotPermitted,
        ENOENT => FsalStatus.NoEntry,
        EIO or ENOTCONN => FsalStatus.IOError,
        ENXIO => FsalStatus.NoDevice,
        EACCES => FsalStatus.AccessDenied,
        EEXIST => FsalStatus.Exists,
        EXDEV => FsalStatus.CrossDevice,
        ENOTDIR => FsalStatus.NotDirectory,
        EISDIR => FsalStatus.IsDirectory,
        EINVAL or ERANGE or EOVERFLOW => FsalStatus.Invalid,
        EFBIG => FsalStatus.FileTooBig,
        ENOSPC => FsalStatus.NoSpace,
        EROFS => FsalStatus.ReadOnly,
        EMLINK => FsalStatus.TooManyLinks,
        ENAMETOOLONG => FsalStatus.NameTooLong,
        ENOTEMPTY => FsalStatus.NotEmpty,
        EDQUOT => FsalStatus.QuotaExceeded,
        ESTALE => FsalStatus.Stale,
        EAGAIN or EBUSY or ETXTBSY or ENFILE or EMFILE or ENOMEM => FsalStatus.Delay,
        ELOOP => FsalStatus.Symlink,
        EDEADLK => FsalStatus.Deadlock,
        EOPNOTSUPP or ENOSYS or ENODEV => FsalStatus.NotSupported,
        ENODATA => FsalStatus.NoXattr,
        E2BIG => FsalStatus.XattrTooBig,
        EBADF => FsalStatus.BadHandle,
        _ => FsalStatus.IOError,
    };
}
