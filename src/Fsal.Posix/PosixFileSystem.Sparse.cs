using Fsal.Posix.Native;
using Nfs.Core.Fsal;

namespace Fsal.Posix;

// SEEK, ALLOCATE, DEALLOCATE through lseek(SEEK_DATA/SEEK_HOLE) and fallocate.
public sealed partial class PosixFileSystem : ISparseFiles
{
    /// <inheritdoc/>
    public ValueTask<FsalResult<ulong>> SeekAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, bool findHole) => Run<ulong>(ctx, () =>
        WithDescriptor<ulong>(openToken, obj, FsalOpenFlags.Read, fd =>
        {
            if (offset > long.MaxValue) return FsalStatus.NoDevice;
            long at = LibC.lseek(fd, (long)offset, findHole ? LibC.SEEK_HOLE : LibC.SEEK_DATA);
            return at < 0 ? Errno.LastStatus : (ulong)at;
        }));

    /// <inheritdoc/>
    public ValueTask<FsalStatus> AllocateAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, ulong length) => RunStatus(ctx, () =>
        ChangedAfter(obj, WithDescriptor<bool>(openToken, obj, FsalOpenFlags.Write, fd =>
            LibC.fallocate(fd, 0, (long)offset, (long)length) == 0 ? new FsalResult<bool>(true) : Errno.LastStatus).Status));

    /// <inheritdoc/>
    public ValueTask<FsalStatus> DeallocateAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, ulong length) => RunStatus(ctx, () =>
        ChangedAfter(obj, WithDescriptor<bool>(openToken, obj, FsalOpenFlags.Write, fd =>
            LibC.fallocate(fd, LibC.FALLOC_FL_PUNCH_HOLE | LibC.FALLOC_FL_KEEP_SIZE, (long)offset, (long)length) == 0 ? new FsalResult<bool>(true) : Errno.LastStatus).Status));

    /// <summary>The open's descriptor when there is one, otherwise an anonymous one.</summary>
    private FsalResult<T> WithDescriptor<T>(object? openToken, FsalObject obj, FsalOpenFlags flags, Func<int, FsalResult<T>> io) =>
        openToken is Objects.PosixOpenFile file ? io(file.Fd) : WithAnonymousDescriptor(obj, flags, io);
}
