namespace Nfs.Core.Fsal;

/// <summary>
/// The errors a backend reports. A small POSIX-like vocabulary that the core maps to each
/// protocol's status codes in one place (<see cref="Nfs.Core.Nfs4.Nfs4StatusMap"/>), so a
/// backend never needs to know which NFS version asked.
/// </summary>
public enum FsalStatus
{
    /// <summary>Success.</summary>
    Ok = 0,
    /// <summary>Not owner / operation not permitted (EPERM).</summary>
    NotPermitted,
    /// <summary>No such file or directory (ENOENT).</summary>
    NoEntry,
    /// <summary>I/O error (EIO).</summary>
    IOError,
    /// <summary>No such device or address (ENXIO).</summary>
    NoDevice,
    /// <summary>Permission denied (EACCES).</summary>
    AccessDenied,
    /// <summary>The name exists (EEXIST).</summary>
    Exists,
    /// <summary>Cross-device link or rename (EXDEV).</summary>
    CrossDevice,
    /// <summary>Not a directory (ENOTDIR).</summary>
    NotDirectory,
    /// <summary>Is a directory (EISDIR).</summary>
    IsDirectory,
    /// <summary>Invalid argument (EINVAL).</summary>
    Invalid,
    /// <summary>File too large (EFBIG).</summary>
    FileTooBig,
    /// <summary>No space left (ENOSPC).</summary>
    NoSpace,
    /// <summary>Read-only filesystem (EROFS).</summary>
    ReadOnly,
    /// <summary>Too many links (EMLINK).</summary>
    TooManyLinks,
    /// <summary>Name too long (ENAMETOOLONG).</summary>
    NameTooLong,
    /// <summary>Directory not empty (ENOTEMPTY).</summary>
    NotEmpty,
    /// <summary>Quota exceeded (EDQUOT).</summary>
    QuotaExceeded,
    /// <summary>The object no longer exists (ESTALE).</summary>
    Stale,
    /// <summary>The handle is not one this backend issued.</summary>
    BadHandle,
    /// <summary>The READDIR cookie is not valid for this directory.</summary>
    BadCookie,
    /// <summary>The backend does not support the operation.</summary>
    NotSupported,
    /// <summary>A result would not fit in the space the caller allowed.</summary>
    TooSmall,
    /// <summary>Internal error in the backend.</summary>
    ServerFault,
    /// <summary>The object type is not valid for the operation (for example CREATE of a regular file).</summary>
    BadType,
    /// <summary>Temporarily unavailable; the client should retry (EAGAIN, EBUSY).</summary>
    Delay,
    /// <summary>A symlink where a directory or file was expected (ELOOP).</summary>
    Symlink,
    /// <summary>A byte-range lock conflicts (EAGAIN on a lock).</summary>
    Locked,
    /// <summary>Deadlock detected (EDEADLK).</summary>
    Deadlock,
    /// <summary>Named object is of the wrong type for the call (for example READLINK of a file).</summary>
    WrongType,
    /// <summary>The name contains characters the backend refuses.</summary>
    BadName,
    /// <summary>The attribute is not supported.</summary>
    AttributeNotSupported,
    /// <summary>
    /// The named extended attribute does not exist (ENODATA): a get or remove of a missing name,
    /// or a replace-only set of one (<see cref="XattrSetMode.Replace"/>).
    /// </summary>
    NoXattr,
    /// <summary>An extended attribute value is larger than the backend can store (E2BIG).</summary>
    XattrTooBig,
}
