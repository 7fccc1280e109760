using Fsal.Memory.Nodes;
using Fsal.Memory.Storage;
using Fsal.Memory.Support;
using Nfs.Core.Fsal;

namespace Fsal.Memory;

// CLONE (ICloneFiles): a range copied chunk by chunk inside the process, holes staying holes.
public sealed partial class MemoryFileSystem
{
    /// <inheritdoc/>
    /// <remarks>
    /// 64 KiB, the storage chunk size: an aligned clone copies whole chunks, so the storage of the
    /// destination matches the source's (holes stay holes). Offsets must be multiples of it, and
    /// so must the count unless the range ends at the source's end of file.
    /// </remarks>
    public uint CloneBlockSize => SparseContent.ChunkSize;

    /// <inheritdoc/>
    /// <remarks>
    /// Needs read access to the source and write access to the destination. The data is copied
    /// (memory has no shared extents); the bytes that needs count against
    /// <see cref="MemoryFsalOptions.MaxTotalBytes"/>. Misaligned ranges (see
    /// <see cref="CloneBlockSize"/>), a range past the source's end and overlapping ranges of
    /// one file are <see cref="FsalStatus.Invalid"/>.
    /// </remarks>
    public ValueTask<FsalStatus> CloneAsync(FsalContext ctx, FsalObject source, object? sourceToken, ulong sourceOffset,
        FsalObject destination, object? destinationToken, ulong destinationOffset, ulong count) =>
        new(Clone(CallerOf(ctx), source, sourceOffset, destination, destinationOffset, count));

    private FsalStatus Clone(Credential caller, FsalObject source, ulong sourceOffset, FsalObject destination, ulong destinationOffset, ulong count)
    {
        FsalStatus status = AsRegularFile(source, out RegularFileNode? from);
        if (status != FsalStatus.Ok) return status;
        status = AsRegularFile(destination, out RegularFileNode? to);
        if (status != FsalStatus.Ok) return status;
        if (ReferenceEquals(from, to))
        {
            lock (from!.Sync) return CloneLocked(caller, from, sourceOffset, from, destinationOffset, count);
        }
        // Two node locks at once: only under the namespace lock (see the class remarks).
        lock (_namespaceLock)
        lock (from!.Sync)
        lock (to!.Sync)
        {
            return CloneLocked(caller, from, sourceOffset, to, destinationOffset, count);
        }
    }

    private FsalStatus CloneLocked(Credential caller, RegularFileNode from, ulong sourceOffset, RegularFileNode to, ulong destinationOffset, ulong count)
    {
        if (from.IsRemoved || to.IsRemoved) return FsalStatus.Stale;
        if (!AccessRules.MayReadData(caller, from) || !AccessRules.MayWriteData(caller, to)) return FsalStatus.AccessDenied;
        ulong size = (ulong)from.Content.Length;
        if (sourceOffset > size) return FsalStatus.Invalid;
        if (count == 0) count = size - sourceOffset;
        if (count > size - sourceOffset) return FsalStatus.Invalid;
        const ulong block = SparseContent.ChunkSize;
        bool reachesEnd = sourceOffset + count == size;
        if (sourceOffset % block != 0 || destinationOffset % block != 0 || (count % block != 0 && !reachesEnd)) return FsalStatus.Invalid;
        if (ReferenceEquals(from, to) && sourceOffset < destinationOffset + count && destinationOffset < sourceOffset + count) return FsalStatus.Invalid;
        if (destinationOffset > Capabilities.MaxFileSize || count > Capabilities.MaxFileSize - destinationOffset) return FsalStatus.FileTooBig;
        if (count == 0) return FsalStatus.Ok;
        if (!_space.TryReserveBytes(to.Content.BytesToAllocateForCopy(from.Content, (long)sourceOffset, (long)destinationOffset, (long)count))) return FsalStatus.NoSpace;
        to.Content.CopyFrom(from.Content, (long)sourceOffset, (long)destinationOffset, (long)count);
        to.Mode = AccessRules.ModeAfterWrite(caller, to.Mode);
        to.TouchData(WallClock.Now());
        return FsalStatus.Ok;
    }
}
