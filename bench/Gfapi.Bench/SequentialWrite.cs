using System.Diagnostics;
using Nfs.Bench;

namespace Gfapi.Bench;

/// <summary>
/// Writes a file of <c>Size</c> bytes in <c>Block</c>-byte glfs_pwrite calls from <c>Depth</c>
/// threads, over and over for <c>Duration</c>, then glfs_fsync (Nfs.Bench's UNSTABLE WRITEs and COMMIT).
/// </summary>
public static class SequentialWrite
{
    /// <summary>Runs the workload.</summary>
    public static unsafe BenchResult Run(GfapiOptions o, Volume volume)
    {
        // O_CREAT without O_TRUNC: as an NFS OPEN UNCHECKED, an existing file is written over.
        nint fd = GfApi.Check(GfApi.glfs_creat(volume.Fs, o.File, GfApi.O_WRONLY | GfApi.O_CREAT, 0x1a4 /* 0644 */), $"glfs_creat({o.File})", pointer: true);
        try
        {
            var data = new byte[o.Block];
            new Random(1).NextBytes(data);
            long blocks = Math.Max(1, o.Size / o.Block);
            long next = 0, bytes = 0, ops = 0;
            var latencies = new Latencies();
            var watch = Stopwatch.StartNew();
            Workers.Run(o.Depth, _ =>
            {
                while (watch.Elapsed < o.Duration)
                {
                    long offset = (Interlocked.Increment(ref next) - 1) % blocks * o.Block;
                    long t0 = Stopwatch.GetTimestamp();
                    nint n;
                    fixed (byte* p = data) n = GfApi.glfs_pwrite(fd, p, (nuint)data.Length, offset, 0, null, null);
                    latencies.Add(Stopwatch.GetElapsedTime(t0));
                    if (n != data.Length) GfApi.Check(-1, $"glfs_pwrite({o.File}, {offset}) = {n}");
                    Interlocked.Add(ref bytes, n);
                    Interlocked.Increment(ref ops);
                }
            });
            GfApi.Check(GfApi.glfs_fsync(fd, null, null), "glfs_fsync");
            return new BenchResult("seqwrite", bytes, ops, watch.Elapsed, latencies.Percentile(50), latencies.Percentile(99));
        }
        finally
        {
            GfApi.glfs_close(fd);
        }
    }
}
