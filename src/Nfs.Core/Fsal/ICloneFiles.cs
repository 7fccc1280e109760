namespace Nfs.Core.Fsal;

/// <summary>
/// Optional capability: CLONE, a copy of a byte range between files that shares storage or
/// is otherwise immediate.
/// </summary>
public interface ICloneFiles
{
    /// <summary>Block size clone ranges must be aligned to (the clone_blksize attribute).</summary>
    uint CloneBlockSize { get; }

    /// <summary>Clones a range (<paramref name="count"/> 0: to the end of the source); the destination grows if the range ends past its end.</summary>
    ValueTask<FsalStatus> CloneAsync(FsalContext ctx, FsalObject source, object? sourceToken, ulong sourceOffset,
        FsalObject destination, object? destinationToken, ulong destinationOffset, ulong count);
}
