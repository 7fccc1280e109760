using System.Diagnostics;
using Nfs.Bench;

namespace Gfapi.Bench;

/// <summary>
/// Reads one file from start to end over and over for <c>Duration</c> in <c>Block</c>-byte
/// glfs_pread calls from <c>Depth</c> threads (Nfs.Bench's READs in flight).
/// </summary>
public static class SequentialRead
{
    /// <summary>Runs the workload.</summary>
    public static unsafe BenchResult Run(GfapiOptions o, Volume volume)
    {
        nint fd = GfApi.Check(GfApi.glfs_open(volume.Fs, o.File, GfApi.O_RDONLY), $"glfs_open({o.File})", pointer: true);
        try
        {
            long size = GfApi.Check((nint)GfApi.glfs_lseek(fd, 0, GfApi.SeekEnd), "glfs_lseek");
            if (size < o.Block) throw new InvalidOperationException($"{o.File} is smaller than one block");
            long blocks = size / o.Block;
            long next = 0, bytes = 0, ops = 0;
            var latencies = new Latencies();
            var watch = Stopwatch.StartNew();
            Workers.Run(o.Depth, _ =>
            {
                var buffer = new byte[o.Block];
                while (watch.Elapsed < o.Duration)
                {
                    long offset = (Interlocked.Increment(ref next) - 1) % blocks * o.Block;
                    long t0 = Stopwatch.GetTimestamp();
                    nint n;
                    fixed (byte* p = buffer) n = GfApi.glfs_pread(fd, p, (nuint)buffer.Length, offset, 0, null);
                    latencies.Add(Stopwatch.GetElapsedTime(t0));
                    GfApi.Check(n, $"glfs_pread({o.File}, {offset})");
                    Interlocked.Add(ref bytes, n);
                    Interlocked.Increment(ref ops);
                }
            });
            return new BenchResult("seqread", bytes, ops, watch.Elapsed, latencies.Percentile(50), latencies.Percentile(99));
        }
        finally
        {
            GfApi.glfs_close(fd);
        }
    }
}
