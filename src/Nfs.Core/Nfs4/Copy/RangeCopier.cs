using System.Buffers;
using Nfs.Core.Fsal;

namespace Nfs.Core.Nfs4.Copy;

/// <summary>A copy of a byte range between two files (or within one) of one backend.</summary>
/// <param name="FileSystem">The backend holding both files.</param>
/// <param name="Source">The file read.</param>
/// <param name="SourceToken">The backend open token the source is read under, if any.</param>
/// <param name="SourceOffset">Where the range starts in the source.</param>
/// <param name="Destination">The file written.</param>
/// <param name="DestinationToken">The backend open token the destination is written under, if any.</param>
/// <param name="DestinationOffset">Where the range goes in the destination.</param>
/// <param name="Count">Bytes to copy (already resolved: never "0 = to the end").</param>
/// <param name="SourceSize">The source's size when the range was checked (a range ending there may be cloned unaligned).</param>
public readonly record struct CopyRequest(IFileSystem FileSystem, FsalObject Source, object? SourceToken, ulong SourceOffset,
    FsalObject Destination, object? DestinationToken, ulong DestinationOffset, ulong Count, ulong SourceSize);

/// <summary>What a copy achieved: its status, the bytes copied (also when it failed part way) and the weakest stability of its writes.</summary>
public readonly record struct CopyOutcome(FsalStatus Status, ulong Copied, FsalStability Committed);

/// <summary>
/// Copies byte ranges for COPY: through <see cref="ICloneFiles"/> when the backend offers it and
/// the range is aligned to its clone block size, otherwise by reading and writing through a
/// pooled 1 MiB buffer. Writes are UNSTABLE; the outcome reports the weakest stability the
/// backend achieved (clones count as UNSTABLE), so the client commits when it must.
/// </summary>
public static class RangeCopier
{
    /// <summary>Size of the buffer a read-and-write copy moves data through.</summary>
    public const int BufferSize = 1024 * 1024;

    /// <summary>
    /// Copies the range. A source that ends early (it shrank) ends the copy with what was
    /// copied. <paramref name="progress"/>, when given, receives the bytes copied after each step
    /// and is asked whether to stop (then the outcome is <see cref="FsalStatus.Delay"/> with the
    /// bytes copied so far).
    /// </summary>
    public static async ValueTask<CopyOutcome> CopyAsync(CopyRequest request, FsalContext ctx, AsyncCopy? progress = null)
    {
        if (request.Count == 0) return new(FsalStatus.Ok, 0, FsalStability.FileSync);
        if (request.FileSystem is ICloneFiles clone && IsCloneable(clone.CloneBlockSize, request))
        {
            var status = await clone.CloneAsync(ctx, request.Source, request.SourceToken, request.SourceOffset,
                request.Destination, request.DestinationToken, request.DestinationOffset, request.Count).ConfigureAwait(false);
            if (status == FsalStatus.Ok)
            {
                progress?.Report(request.Count);
                return new(FsalStatus.Ok, request.Count, FsalStability.Unstable);
            }
            // A backend that cannot clone this particular range still copies it the slow way.
            if (status is not (FsalStatus.NotSupported or FsalStatus.Invalid or FsalStatus.CrossDevice)) return new(status, 0, FsalStability.FileSync);
        }
        return await ReadWriteAsync(request, ctx, progress).ConfigureAwait(false);
    }

    /// <summary>Whether both offsets, and the count unless the range ends at the source's end, are multiples of the clone block size.</summary>
    public static bool IsCloneable(uint blockSize, in CopyRequest request)
    {
        ulong block = Math.Max(1u, blockSize);
        bool reachesEnd = request.SourceOffset + request.Count == request.SourceSize;
        return request.SourceOffset % block == 0 && request.DestinationOffset % block == 0 && (reachesEnd || request.Count % block == 0);
    }

    private static async ValueTask<CopyOutcome> ReadWriteAsync(CopyRequest request, FsalContext ctx, AsyncCopy? progress)
    {
        var fs = request.FileSystem;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var committed = FsalStability.FileSync;
        ulong done = 0;
        try
        {
            while (done < request.Count)
            {
                if (progress is { ShouldStop: true }) return new(FsalStatus.Delay, done, committed);
                int want = (int)Math.Min(BufferSize, request.Count - done);
                var read = await fs.ReadAsync(ctx, request.Source, request.SourceToken, request.SourceOffset + done, buffer.AsMemory(0, want)).ConfigureAwait(false);
                if (!read.IsOk) return new(read.Status, done, committed);
                int n = read.Value.Count;
                if (n == 0) break;
                int written = 0;
                while (written < n)
                {
                    var write = await fs.WriteAsync(ctx, request.Destination, request.DestinationToken, request.DestinationOffset + done + (ulong)written,
                        buffer.AsMemory(written, n - written), FsalStability.Unstable).ConfigureAwait(false);
                    if (!write.IsOk) return new(write.Status, done + (ulong)written, committed);
                    if (write.Value.Count <= 0) return new(FsalStatus.IOError, done + (ulong)written, committed);
                    written += write.Value.Count;
                    if (write.Value.Committed < committed) committed = write.Value.Committed;
                }
                done += (ulong)n;
                progress?.Report(done);
                if (read.Value.EndOfFile && done < request.Count) break;
            }
            return new(FsalStatus.Ok, done, committed);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
