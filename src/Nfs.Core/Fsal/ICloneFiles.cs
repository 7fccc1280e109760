namespace Nfs.Core.Fsal;

/// <summary>
/// Optional capability: CLONE, a copy of a byte range between files that shares storage or
/// is otherwise immediate. Without it, NFSv4.2 CLONE is NOTSUPP and COPY reads and writes.
/// </summary>
public interface ICloneFiles
{
    /// <summary>
    /// Block size clone ranges must be aligned to (the clone_blksize attribute): both offsets,
    /// and the count unless the range ends at the source's end of file. The core checks this
    /// before calling, and COPY clones only ranges that satisfy it.
    /// </summary>
    uint CloneBlockSize { get; }

    /// <summary>
    /// Clones a range (<paramref name="count"/> 0: to the end of the source); the destination
    /// grows if the range ends past its end. Ranges outside the source, misaligned ranges and
    /// overlapping ranges of one file are <see cref="FsalStatus.Invalid"/>; a backend that
    /// cannot clone these particular files may answer <see cref="FsalStatus.NotSupported"/> or
    /// <see cref="FsalStatus.CrossDevice"/> (COPY then falls back to reading and writing).
    /// </summary>
    ValueTask<FsalStatus> CloneAsync(FsalContext ctx, FsalObject source, object? sourceToken, ulong sourceOffset,
        FsalObject destination, object? destinationToken, ulong destinationOffset, ulong count);
}
