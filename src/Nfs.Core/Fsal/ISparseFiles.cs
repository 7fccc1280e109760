namespace Nfs.Core.Fsal;

/// <summary>
/// Optional capability: holes and preallocation (NFSv4.2 SEEK, ALLOCATE, DEALLOCATE,
/// READ_PLUS). Without it, the core treats every file as data only: SEEK for a hole answers
/// the end of file, READ_PLUS returns one data segment, DEALLOCATE and ALLOCATE are not
/// supported. Holes may be reported at the backend's granularity (a partly zeroed block is data).
/// </summary>
public interface ISparseFiles
{
    /// <summary>
    /// The first offset at or after <paramref name="offset"/> holding data
    /// (<paramref name="findHole"/> false) or a hole (true); the end of file counts as a hole.
    /// <see cref="FsalStatus.NoDevice"/> (ENXIO) when there is no such offset before the end.
    /// </summary>
    ValueTask<FsalResult<ulong>> SeekAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, bool findHole);

    /// <summary>Makes sure storage exists for the range (extending the size if it reaches past the end).</summary>
    ValueTask<FsalStatus> AllocateAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, ulong length);

    /// <summary>Turns the range into a hole (reads return zeros); never changes the size.</summary>
    ValueTask<FsalStatus> DeallocateAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, ulong length);
}
