using Fsal.Gluster.Native;
using Fsal.Gluster.Objects;
using Fsal.Gluster.Threads;
using Nfs.Core.Fsal;
using Nfs.Core.Fsal.Support;

namespace Fsal.Gluster;

// SEEK, ALLOCATE, DEALLOCATE through glfs_lseek (SEEK_DATA/SEEK_HOLE), glfs_fallocate and glfs_discard.
public sealed partial class GlusterFileSystem : ISparseFiles
{
    private const int SEEK_DATA = 3, SEEK_HOLE = 4;

    /// <inheritdoc/>
    public ValueTask<FsalResult<ulong>> SeekAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, bool findHole) => Run<ulong>(ctx, () =>
        WithDescriptor<ulong>(openToken, obj, FsalOpenFlags.Read, fd =>
        {
            if (offset > long.MaxValue) return FsalStatus.NoDevice;
            long at = GfApi.glfs_lseek(fd, (long)offset, findHole ? SEEK_HOLE : SEEK_DATA);
            return at < 0 ? LinuxErrno.LastStatus : (ulong)at;
        }));

    /// <inheritdoc/>
    public ValueTask<FsalStatus> AllocateAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, ulong length) => RunStatus(ctx, () =>
    {
        var r = WithDescriptor<bool>(openToken, obj, FsalOpenFlags.Write, fd =>
        {
            if (offset > long.MaxValue || length > (ulong)long.MaxValue - offset) return FsalStatus.FileTooBig;
            return GfApi.glfs_fallocate(fd, 0, (long)offset, (nuint)length) == 0 ? true : LinuxErrno.LastStatus;
        });
        return r.IsOk ? TouchModifyTime(obj) : r.Status;
    });

    /// <inheritdoc/>
    public ValueTask<FsalStatus> DeallocateAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, ulong length) => RunStatus(ctx, () =>
    {
        var r = WithDescriptor<bool>(openToken, obj, FsalOpenFlags.Write, fd =>
        {
            if (offset > long.MaxValue) return true;
            length = Math.Min(length, (ulong)long.MaxValue - offset);
            if (length == 0) return true;
            return GfApi.glfs_discard(fd, (long)offset, (nuint)length) == 0 ? true : LinuxErrno.LastStatus;
        });
        return r.IsOk ? TouchModifyTime(obj) : r.Status;
    });

    /// <summary>
    /// Sets the modification time to now, as Linux does for fallocate: the bricks' ctime feature
    /// does not time these calls itself, and clients watch the change attribute.
    /// </summary>
    private unsafe FsalStatus TouchModifyTime(FsalObject obj)
    {
        using var lease = Acquire(obj, out _, out var status);
        if (lease.IsEmpty) return status;
        nint handle = lease.Pointer;
        GlusterStat st = default;
        st.ModifyTime = TimeOf(FsalTimeSet.ServerTime, default, DateTimeOffset.UtcNow);
        GlusterStat* times = &st;
        return GlusterIdentity.AsRoot(() => GfApi.glfs_h_setattrs(_fs, handle, times, GfApi.SetMtime), out int errno) == 0 ? FsalStatus.Ok : LinuxErrno.ToStatus(errno);
    }

    /// <summary>The open's descriptor when the caller may use it, otherwise one opened as root after a permission check.</summary>
    private FsalResult<T> WithDescriptor<T>(object? openToken, FsalObject obj, FsalOpenFlags flags, Func<nint, FsalResult<T>> io)
    {
        if (openToken is GlusterOpenFile file && MayUse(file, flags))
        {
            using var lease = HandleLease.Take(file.Fd);
            if (!lease.IsEmpty) return io(lease.Pointer);
        }
        return WithAnonymousAccess(obj, flags, handle =>
        {
            var fd = AsRootOpen(handle, (flags & FsalOpenFlags.Write) != 0 ? O_WRONLY : O_RDONLY, out var status);
            if (fd is null) return status;
            using (fd)
            {
                using var lease = HandleLease.Take(fd);
                return io(lease.Pointer);
            }
        });
    }
}
