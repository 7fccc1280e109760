using System.Collections.Concurrent;
using System.Security.Cryptography;
using Fsal.Gluster.Native;
using Fsal.Gluster.Objects;
using Fsal.Gluster.Threads;
using Nfs.Core.Fsal;
using Nfs.Core.Fsal.Support;

namespace Fsal.Gluster;

// Byte-range locks as the volume's POSIX locks, so every gateway (and every other gfapi or FUSE client) sees them.
public sealed partial class GlusterFileSystem : IByteRangeLocks
{
    /// <summary>
    /// One descriptor per (file key, NFS lock-owner), carrying the owner as its gfapi lock owner:
    /// the bricks' locks translator tells owners apart by (lock owner, client), so distinct NFS
    /// owners conflict with each other, and each gateway is a client of its own.
    /// </summary>
    private readonly ConcurrentDictionary<(string File, string Owner), GlusterFdHandle> _lockFiles = new();

    /// <inheritdoc/>
    public ValueTask<FsalStatus> LockAsync(FsalContext ctx, FsalObject obj, object? openToken, ReadOnlyMemory<byte> owner, FsalLockType type, ulong offset, ulong length) => RunStatus(ctx, () =>
    {
        if (obj.Type != FsalFileType.Regular) return FsalStatus.Invalid;
        if (offset > long.MaxValue) return FsalStatus.Invalid;
        var key = LockKey(obj, owner.Span);
        if (!_lockFiles.TryGetValue(key, out var fd))
        {
            if (type == FsalLockType.Unlock) return FsalStatus.Ok;
            fd = OpenLockFile(obj, owner.Span, out var status);
            if (fd is null) return status;
            if (!_lockFiles.TryAdd(key, fd))
            {
                fd.Dispose();
                fd = _lockFiles[key];
            }
        }
        var flock = new GlusterFlock
        {
            Type = type switch { FsalLockType.Read => GlusterFlock.ReadLock, FsalLockType.Write => GlusterFlock.WriteLock, _ => GlusterFlock.Unlock },
            Whence = 0,
            Start = (long)offset,
            // 0 means "to the end, however far it grows", as an NFS length of all ones does.
            Length = length == ulong.MaxValue || length > (ulong)(long.MaxValue - (long)offset) ? 0 : (long)length,
        };
        return SetLock(fd, flock);
    });

    /// <inheritdoc/>
    /// <remarks>F_GETLK with the owner's lock owner: its own locks never conflict; those of other owners and other gateways do.</remarks>
    public ValueTask<FsalResult<FsalLockConflict>> TestLockAsync(FsalContext ctx, FsalObject obj, ReadOnlyMemory<byte> owner, FsalLockType type, ulong offset, ulong length) => Run<FsalLockConflict>(ctx, () =>
    {
        if (obj.Type != FsalFileType.Regular) return FsalStatus.Invalid;
        if (offset > long.MaxValue || type == FsalLockType.Unlock) return FsalLockConflict.None;
        bool own = _lockFiles.TryGetValue(LockKey(obj, owner.Span), out var fd);
        if (!own)
        {
            fd = OpenLockFile(obj, owner.Span, out var status);
            if (fd is null) return status;
        }
        try
        {
            var flock = new GlusterFlock
            {
                Type = type == FsalLockType.Write ? GlusterFlock.WriteLock : GlusterFlock.ReadLock,
                Start = (long)offset,
                Length = length == ulong.MaxValue || length > (ulong)(long.MaxValue - (long)offset) ? 0 : (long)length,
            };
            return GetLock(fd!, ref flock);
        }
        finally
        {
            if (!own) fd!.Dispose();
        }
    });

    private static unsafe FsalResult<FsalLockConflict> GetLock(GlusterFdHandle fd, ref GlusterFlock flock)
    {
        using var lease = HandleLease.Take(fd);
        if (lease.IsEmpty) return FsalStatus.IOError;
        fixed (GlusterFlock* f = &flock)
        {
            if (GfApi.glfs_posix_lock(lease.Pointer, GlusterFlock.GetLock, f) != 0) return LinuxErrno.LastStatus;
        }
        if (flock.Type == GlusterFlock.Unlock) return FsalLockConflict.None;
        return new FsalLockConflict(flock.Type == GlusterFlock.WriteLock ? FsalLockType.Write : FsalLockType.Read, (ulong)flock.Start, flock.Length == 0 ? ulong.MaxValue : (ulong)flock.Length);
    }

    private static unsafe FsalStatus SetLock(GlusterFdHandle fd, GlusterFlock flock)
    {
        using var lease = HandleLease.Take(fd);
        if (lease.IsEmpty) return FsalStatus.IOError;
        if (GfApi.glfs_posix_lock(lease.Pointer, GlusterFlock.SetLock, &flock) == 0) return FsalStatus.Ok;
        int errno = GfApi.LastErrno;
        return errno is LinuxErrno.EAGAIN or LinuxErrno.EACCES ? FsalStatus.Locked : LinuxErrno.ToStatus(errno);
    }

    private static (string, string) LockKey(FsalObject obj, ReadOnlySpan<byte> owner) =>
        (Convert.ToBase64String(((GlusterObject)obj).Key), Convert.ToBase64String(owner));

    /// <summary>
    /// A read-write descriptor (read-only if the file cannot be written) opened as root (the
    /// client's open was checked already), with the lock owner set: a digest of the NFS owner,
    /// which may be longer than gfapi's 255-byte limit.
    /// </summary>
    private unsafe GlusterFdHandle? OpenLockFile(FsalObject obj, ReadOnlySpan<byte> owner, out FsalStatus status)
    {
        using var lease = Acquire(obj, out _, out status);
        if (lease.IsEmpty) return null;
        nint handle = lease.Pointer;
        nint fd = GlusterIdentity.AsRoot(() =>
        {
            nint rw = GfApi.glfs_h_open(_fs, handle, O_RDWR);
            return rw != 0 ? rw : GfApi.glfs_h_open(_fs, handle, O_RDONLY);
        }, out int errno);
        if (fd == 0)
        {
            status = LinuxErrno.ToStatus(errno);
            return null;
        }
        var file = new GlusterFdHandle(fd);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(owner, digest);
        fixed (byte* d = digest)
        {
            if (GfApi.glfs_fd_set_lkowner(fd, d, digest.Length) != 0)
            {
                status = LinuxErrno.LastStatus;
                file.Dispose();
                return null;
            }
        }
        status = FsalStatus.Ok;
        return file;
    }

    /// <inheritdoc/>
    /// <remarks>Unlocks the whole file for the owner, then closes its descriptor.</remarks>
    public ValueTask ReleaseAsync(FsalObject obj, ReadOnlyMemory<byte> owner)
    {
        if (!_lockFiles.TryRemove(LockKey(obj, owner.Span), out var fd)) return ValueTask.CompletedTask;
        return new ValueTask(_threads.RunAsync(() =>
        {
            SetLock(fd, new GlusterFlock { Type = GlusterFlock.Unlock });
            fd.Dispose();
            return 0;
        }));
    }
}
