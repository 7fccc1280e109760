using System.Collections.Concurrent;
using Fsal.Posix.Native;
using Fsal.Posix.Objects;
using Nfs.Core.Fsal;

namespace Fsal.Posix;

// Byte-range locks as OFD locks, so local processes and other servers on the same files see NFS clients' locks.
public sealed partial class PosixFileSystem : IByteRangeLocks
{
    /// <summary>
    /// One open file description per (file key, NFS lock-owner): OFD locks belong to the open file
    /// description, so distinct owners conflict with each other in the kernel as they must.
    /// </summary>
    private readonly ConcurrentDictionary<(string File, string Owner), int> _lockFiles = new();

    /// <inheritdoc/>
    public ValueTask<FsalStatus> LockAsync(FsalContext ctx, FsalObject obj, object? openToken, ReadOnlyMemory<byte> owner, FsalLockType type, ulong offset, ulong length) => RunStatus(ctx, () =>
    {
        if (obj.Type != FsalFileType.Regular) return FsalStatus.Invalid;
        if (offset > long.MaxValue) return FsalStatus.Invalid;
        var key = (Convert.ToBase64String(((PosixObject)obj).Key), Convert.ToBase64String(owner.Span));
        if (!_lockFiles.TryGetValue(key, out int fd))
        {
            if (type == FsalLockType.Unlock) return FsalStatus.Ok;
            fd = OpenLockFile(obj, out var status);
            if (fd < 0) return status;
            if (!_lockFiles.TryAdd(key, fd))
            {
                LibC.close(fd);
                fd = _lockFiles[key];
            }
        }
        var flock = new Flock
        {
            Type = type switch { FsalLockType.Read => LibC.F_RDLCK, FsalLockType.Write => LibC.F_WRLCK, _ => LibC.F_UNLCK },
            Whence = LibC.SEEK_SET,
            Start = (long)offset,
            // 0 means "to the end, however far it grows", as an NFS length of all ones does.
            Length = length == ulong.MaxValue || length > (ulong)(long.MaxValue - (long)offset) ? 0 : (long)length,
        };
        if (LibC.fcntl(fd, LibC.F_OFD_SETLK, ref flock) != 0)
        {
            int errno = Errno.Last;
            return errno is Errno.EAGAIN or Errno.EACCES ? FsalStatus.Locked : Errno.ToStatus(errno);
        }
        return FsalStatus.Ok;
    });

    /// <inheritdoc/>
    /// <remarks>F_OFD_GETLK on the owner's own open file description (its own locks never conflict), or on a fresh one when it holds none.</remarks>
    public ValueTask<FsalResult<FsalLockConflict>> TestLockAsync(FsalContext ctx, FsalObject obj, ReadOnlyMemory<byte> owner, FsalLockType type, ulong offset, ulong length) => Run<FsalLockConflict>(ctx, () =>
    {
        if (obj.Type != FsalFileType.Regular) return FsalStatus.Invalid;
        if (offset > long.MaxValue || type == FsalLockType.Unlock) return FsalLockConflict.None;
        bool own = _lockFiles.TryGetValue((Convert.ToBase64String(((PosixObject)obj).Key), Convert.ToBase64String(owner.Span)), out int fd);
        if (!own)
        {
            fd = OpenLockFile(obj, out var status);
            if (fd < 0) return status;
        }
        try
        {
            var flock = new Flock
            {
                Type = type == FsalLockType.Write ? LibC.F_WRLCK : LibC.F_RDLCK,
                Whence = LibC.SEEK_SET,
                Start = (long)offset,
                Length = length == ulong.MaxValue || length > (ulong)(long.MaxValue - (long)offset) ? 0 : (long)length,
            };
            if (LibC.fcntl(fd, LibC.F_OFD_GETLK, ref flock) != 0) return Errno.LastStatus;
            if (flock.Type == LibC.F_UNLCK) return FsalLockConflict.None;
            return new FsalLockConflict(flock.Type == LibC.F_WRLCK ? FsalLockType.Write : FsalLockType.Read, (ulong)flock.Start, flock.Length == 0 ? ulong.MaxValue : (ulong)flock.Length);
        }
        finally
        {
            if (!own) LibC.close(fd);
        }
    });

    /// <summary>A read-write descriptor (read-only if the file cannot be written) opened as root: the client's open was checked already.</summary>
    private unsafe int OpenLockFile(FsalObject obj, out FsalStatus status)
    {
        int pathFd = Acquire(obj, out var po, out status);
        if (pathFd < 0) return -1;
        try
        {
            Span<byte> procBuffer = stackalloc byte[32];
            fixed (byte* p = NativeString.ProcFd(pathFd, procBuffer))
            {
                byte* path = p;
                int fd = AsRoot(() =>
                {
                    int rw = LibC.openat(LibC.AT_FDCWD, path, LibC.O_RDWR | LibC.O_CLOEXEC, 0);
                    return rw >= 0 ? rw : LibC.openat(LibC.AT_FDCWD, path, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
                }, out int errno);
                status = fd < 0 ? Errno.ToStatus(errno) : FsalStatus.Ok;
                return fd;
            }
        }
        finally
        {
            po.Release();
        }
    }

    /// <inheritdoc/>
    /// <remarks>Closing the owner's open file description drops its locks.</remarks>
    public ValueTask ReleaseAsync(FsalObject obj, ReadOnlyMemory<byte> owner)
    {
        if (!_lockFiles.TryRemove((Convert.ToBase64String(((PosixObject)obj).Key), Convert.ToBase64String(owner.Span)), out int fd)) return ValueTask.CompletedTask;
        return new ValueTask(_threads.RunAsync(() => LibC.close(fd)));
    }
}
