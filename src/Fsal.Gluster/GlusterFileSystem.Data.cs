using Fsal.Gluster.Native;
using Fsal.Gluster.Objects;
using Fsal.Gluster.Threads;
using Nfs.Core.Fsal;
using Nfs.Core.Fsal.Support;

namespace Fsal.Gluster;

// OPEN, CLOSE, READ, WRITE, COMMIT.
public sealed partial class GlusterFileSystem
{
    /// <inheritdoc/>
    /// <remarks>
    /// glfs_h_open under the caller's identity, so the bricks check permission. As with knfsd,
    /// the owner of a file may open it even when its mode forbids (a client that creates a file
    /// with mode 0444 must still write what it creates): that open is made as root.
    /// </remarks>
    public ValueTask<FsalResult<object?>> OpenAsync(FsalContext ctx, FsalObject obj, FsalOpenFlags flags) => Run<object?>(ctx, () =>
    {
        if (obj.Type == FsalFileType.Directory) return FsalStatus.IsDirectory;
        if (obj.Type != FsalFileType.Regular) return FsalStatus.Invalid;
        using var lease = Acquire(obj, out var go, out var status);
        if (lease.IsEmpty) return status;
        var fd = OpenDescriptor(lease.Pointer, flags, out status);
        if (fd is null) return status;
        var file = new GlusterOpenFile(fd, flags, go, GlusterIdentity.Current);
        go.AddOpen(file);
        return file;
    });

    private GlusterFdHandle? OpenDescriptor(nint handle, FsalOpenFlags flags, out FsalStatus status)
    {
        int mode = OpenMode(flags);
        nint fd = GfApi.glfs_h_open(_fs, handle, mode);
        int errno = fd == 0 ? GfApi.LastErrno : 0;
        if (fd == 0 && errno == LinuxErrno.EACCES && IsOwner(handle)) fd = GlusterIdentity.AsRoot(() => GfApi.glfs_h_open(_fs, handle, mode), out errno);
        status = fd == 0 ? LinuxErrno.ToStatus(errno) : FsalStatus.Ok;
        return fd == 0 ? null : new GlusterFdHandle(fd);
    }

    private static int OpenMode(FsalOpenFlags flags) =>
        (flags & FsalOpenFlags.Write) != 0 ? ((flags & FsalOpenFlags.Read) != 0 ? O_RDWR : O_WRONLY) : O_RDONLY;

    /// <inheritdoc/>
    public ValueTask CloseAsync(FsalObject obj, object? openToken)
    {
        if (openToken is not GlusterOpenFile file) return ValueTask.CompletedTask;
        file.Object.RemoveOpen(file);
        return new ValueTask(_threads.RunAsync(() =>
        {
            file.Fd.Dispose();
            return 0;
        }));
    }

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalRead>> ReadAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, Memory<byte> destination) => Run(ctx, () =>
    {
        if (openToken is GlusterOpenFile file && MayUse(file, FsalOpenFlags.Read))
        {
            using var fd = HandleLease.Take(file.Fd);
            if (!fd.IsEmpty) return Read(fd.Pointer, offset, destination);
        }
        return WithAnonymousAccess(obj, FsalOpenFlags.Read, handle => AnonymousRead(handle, offset, destination));
    });

    /// <summary>glfs_pread until the buffer is full or the file ends; the post-read stat tells where it ends.</summary>
    private static unsafe FsalResult<FsalRead> Read(nint fd, ulong offset, Memory<byte> destination)
    {
        if (offset > long.MaxValue) return new FsalRead(0, true);
        int length = (int)Math.Min((ulong)destination.Length, (ulong)long.MaxValue - offset);
        using var pin = destination.Pin();
        byte* p = (byte*)pin.Pointer;
        int total = 0;
        GlusterStatX post = default;
        while (total < length)
        {
            post.Mask = 0;
            nint n = GfApi.glfs_pread(fd, p + total, (nuint)(length - total), (long)offset + total, 0, &post);
            if (n < 0) return LinuxErrno.LastStatus;
            if (n == 0) return new FsalRead(total, true);
            total += (int)n;
        }
        bool eof;
        if ((post.Mask & GlusterStatX.SizeValid) != 0) eof = offset + (ulong)total >= (ulong)post.Size;
        else
        {
            GlusterStat st;
            eof = GfApi.glfs_fstat(fd, &st) == 0 && offset + (ulong)total >= (ulong)st.Size;
        }
        return new FsalRead(total, eof);
    }

    /// <summary>Reads through gfapi's anonymous descriptor (no open round trip), as root: access was checked.</summary>
    private unsafe FsalResult<FsalRead> AnonymousRead(nint handle, ulong offset, Memory<byte> destination)
    {
        if (offset > long.MaxValue) return new FsalRead(0, true);
        int length = (int)Math.Min((ulong)destination.Length, (ulong)long.MaxValue - offset);
        using var pin = destination.Pin();
        byte* p = (byte*)pin.Pointer;
        int total = 0;
        while (total < length)
        {
            nint n = GlusterIdentity.AsRoot(() => GfApi.glfs_h_anonymous_read(_fs, handle, p + total, (nuint)(length - total), (long)offset + total), out int errno);
            if (n < 0) return LinuxErrno.ToStatus(errno);
            if (n == 0) return new FsalRead(total, true);
            total += (int)n;
        }
        GlusterStat st;
        bool eof = GfApi.glfs_h_stat(_fs, handle, &st) == 0 && offset + (ulong)total >= (ulong)st.Size;
        return new FsalRead(total, eof);
    }

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalWrite>> WriteAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, ReadOnlyMemory<byte> data, FsalStability stability) => Run(ctx, () =>
    {
        if (offset + (ulong)data.Length > long.MaxValue) return FsalStatus.FileTooBig;
        if (openToken is GlusterOpenFile file && MayUse(file, FsalOpenFlags.Write))
        {
            using var fd = HandleLease.Take(file.Fd);
            if (!fd.IsEmpty) return Write(fd.Pointer, offset, data, stability);
        }
        return WithAnonymousAccess(obj, FsalOpenFlags.Write, handle =>
        {
            if (stability == FsalStability.Unstable) return AnonymousWrite(handle, offset, data);
            // A stable write needs a descriptor to sync: open one as root (access was checked).
            var fd = AsRootOpen(handle, O_WRONLY, out var status);
            if (fd is null) return status;
            using (fd)
            {
                using var lease = HandleLease.Take(fd);
                return Write(lease.Pointer, offset, data, stability);
            }
        });
    });

    private static unsafe FsalResult<FsalWrite> Write(nint fd, ulong offset, ReadOnlyMemory<byte> data, FsalStability stability)
    {
        using var pin = data.Pin();
        byte* p = (byte*)pin.Pointer;
        int total = 0;
        while (total < data.Length)
        {
            nint n = GfApi.glfs_pwrite(fd, p + total, (nuint)(data.Length - total), (long)offset + total, 0, null, null);
            if (n < 0) return LinuxErrno.LastStatus;
            if (n == 0) return FsalStatus.IOError;
            total += (int)n;
        }
        if (stability == FsalStability.FileSync && GfApi.glfs_fsync(fd, null, null) != 0) return LinuxErrno.LastStatus;
        if (stability == FsalStability.DataSync && GfApi.glfs_fdatasync(fd, null, null) != 0) return LinuxErrno.LastStatus;
        return new FsalWrite(total, stability);
    }

    private unsafe FsalResult<FsalWrite> AnonymousWrite(nint handle, ulong offset, ReadOnlyMemory<byte> data)
    {
        using var pin = data.Pin();
        byte* p = (byte*)pin.Pointer;
        int total = 0;
        while (total < data.Length)
        {
            nint n = GlusterIdentity.AsRoot(() => GfApi.glfs_h_anonymous_write(_fs, handle, p + total, (nuint)(data.Length - total), (long)offset + total), out int errno);
            if (n < 0) return LinuxErrno.ToStatus(errno);
            if (n == 0) return FsalStatus.IOError;
            total += (int)n;
        }
        return new FsalWrite(total, FsalStability.Unstable);
    }

    /// <inheritdoc/>
    /// <remarks>glfs_fsync on a descriptor opened for the purpose: gfapi flushes the volume's write-behind and the bricks fsync.</remarks>
    public ValueTask<FsalStatus> CommitAsync(FsalContext ctx, FsalObject obj, ulong offset, uint count) => RunStatus(ctx, () =>
    {
        if (obj.Type == FsalFileType.Directory) return FsalStatus.IsDirectory;
        if (obj.Type != FsalFileType.Regular) return FsalStatus.Invalid;
        using var lease = Acquire(obj, out _, out var status);
        if (lease.IsEmpty) return status;
        var fd = AsRootOpen(lease.Pointer, O_RDONLY, out status);
        if (fd is null) return status;
        using (fd)
        {
            using var f = HandleLease.Take(fd);
            return Fsync(f.Pointer);
        }
    });

    private static unsafe FsalStatus Fsync(nint fd) => GfApi.glfs_fsync(fd, null, null) == 0 ? FsalStatus.Ok : LinuxErrno.LastStatus;

    /// <summary>A descriptor opened as root, for work whose permission was checked already.</summary>
    private GlusterFdHandle? AsRootOpen(nint handle, int mode, out FsalStatus status)
    {
        nint fd = GlusterIdentity.AsRoot(() => GfApi.glfs_h_open(_fs, handle, mode), out int errno);
        status = fd == 0 ? LinuxErrno.ToStatus(errno) : FsalStatus.Ok;
        return fd == 0 ? null : new GlusterFdHandle(fd);
    }

    /// <summary>
    /// Whether the current caller may use an open's descriptor directly: the opener may (its
    /// access was checked at OPEN); anyone else is checked like I/O without state, as knfsd
    /// checks each READ and WRITE.
    /// </summary>
    private static bool MayUse(GlusterOpenFile file, FsalOpenFlags access) =>
        (file.Flags & access) == access && file.Opener.Equals(GlusterIdentity.Current);

    /// <summary>
    /// I/O without open state (a special stateid), or by someone other than the opener: the
    /// caller's permission is checked against the mode bits the bricks report (the owner may
    /// always, as with knfsd), then <paramref name="io"/> runs on the object.
    /// </summary>
    private unsafe FsalResult<T> WithAnonymousAccess<T>(FsalObject obj, FsalOpenFlags flags, Func<nint, FsalResult<T>> io)
    {
        if (obj.Type == FsalFileType.Directory) return FsalStatus.IsDirectory;
        if (obj.Type != FsalFileType.Regular) return FsalStatus.Invalid;
        using var lease = Acquire(obj, out var go, out var status);
        if (lease.IsEmpty) return status;
        var attrs = Stat(lease.Pointer, go);
        if (!attrs.IsOk) return attrs.Status;
        var caller = GlusterIdentity.Current;
        int want = (flags & FsalOpenFlags.Write) != 0 ? PosixPermissions.Write : PosixPermissions.Read;
        if (caller.Uid != attrs.Value.Uid && !PosixPermissions.Allows(caller, attrs.Value, want)) return FsalStatus.AccessDenied;
        return io(lease.Pointer);
    }
}
