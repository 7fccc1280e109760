using Fsal.Memory.Nodes;
using Fsal.Memory.Support;
using Nfs.Core.Fsal;

namespace Fsal.Memory;

// Holes and preallocation (ISparseFiles): NFSv4.2 SEEK, ALLOCATE and DEALLOCATE. A hole is a
// missing 64 KiB storage chunk; an allocated chunk is data even when it holds only zeros.
public sealed partial class MemoryFileSystem
{
    /// <inheritdoc/>
    /// <remarks>
    /// Needs read access. Data is found at chunk granularity: an offset inside an allocated chunk
    /// is data, the first byte of a missing chunk (or the end of file) starts a hole.
    /// </remarks>
    public ValueTask<FsalResult<ulong>> SeekAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, bool findHole) =>
        new(Seek(CallerOf(ctx), obj, offset, findHole));

    /// <inheritdoc/>
    /// <remarks>
    /// Needs write access. Allocates zero-filled chunks for the holes of the range, counting them
    /// against <see cref="MemoryFsalOptions.MaxTotalBytes"/> (<see cref="FsalStatus.NoSpace"/>
    /// when they do not fit, with nothing changed). An empty range is <see cref="FsalStatus.Invalid"/>.
    /// </remarks>
    public ValueTask<FsalStatus> AllocateAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, ulong length) =>
        new(Allocate(CallerOf(ctx), obj, offset, length));

    /// <inheritdoc/>
    /// <remarks>
    /// Needs write access. Frees the chunks the range covers wholly and zeroes the rest of it;
    /// a chunk left all zero is freed too. An empty range is <see cref="FsalStatus.Invalid"/>.
    /// </remarks>
    public ValueTask<FsalStatus> DeallocateAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, ulong length) =>
        new(Deallocate(CallerOf(ctx), obj, offset, length));

    private static FsalResult<ulong> Seek(Credential caller, FsalObject obj, ulong offset, bool findHole)
    {
        FsalStatus status = AsRegularFile(obj, out RegularFileNode? file);
        if (status != FsalStatus.Ok) return status;
        lock (file!.Sync)
        {
            if (file.IsRemoved) return FsalStatus.Stale;
            if (!AccessRules.MayReadData(caller, file)) return FsalStatus.AccessDenied;
            if (offset >= (ulong)file.Content.Length) return FsalStatus.NoDevice;
            long found = findHole ? file.Content.NextHole((long)offset) : file.Content.NextData((long)offset);
            return found < 0 ? FsalStatus.NoDevice : (ulong)found;
        }
    }

    private FsalStatus Allocate(Credential caller, FsalObject obj, ulong offset, ulong length)
    {
        FsalStatus status = AsRegularFile(obj, out RegularFileNode? file);
        if (status != FsalStatus.Ok) return status;
        if (length == 0) return FsalStatus.Invalid;
        if (offset > Capabilities.MaxFileSize || length > Capabilities.MaxFileSize - offset) return FsalStatus.FileTooBig;
        lock (file!.Sync)
        {
            if (file.IsRemoved) return FsalStatus.Stale;
            if (!AccessRules.MayWriteData(caller, file)) return FsalStatus.AccessDenied;
            long bytes = file.Content.BytesToAllocate((long)offset, (long)length);
            if (!_space.TryReserveBytes(bytes)) return FsalStatus.NoSpace;
            long before = file.Content.Length;
            file.Content.Allocate((long)offset, (long)length);
            if (bytes != 0 || file.Content.Length != before) file.TouchData(WallClock.Now());
            return FsalStatus.Ok;
        }
    }

    private FsalStatus Deallocate(Credential caller, FsalObject obj, ulong offset, ulong length)
    {
        FsalStatus status = AsRegularFile(obj, out RegularFileNode? file);
        if (status != FsalStatus.Ok) return status;
        if (length == 0) return FsalStatus.Invalid;
        lock (file!.Sync)
        {
            if (file.IsRemoved) return FsalStatus.Stale;
            if (!AccessRules.MayWriteData(caller, file)) return FsalStatus.AccessDenied;
            if (offset < (ulong)file.Content.Length)
            {
                long clipped = (long)Math.Min(length, (ulong)long.MaxValue);
                _space.ReleaseBytes(file.Content.Deallocate((long)offset, clipped));
            }
            file.TouchData(WallClock.Now());
            return FsalStatus.Ok;
        }
    }
}
