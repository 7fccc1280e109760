using System.Diagnostics;
using Nfs.Bench;

namespace Gfapi.Bench;

/// <summary>
/// Creates <c>Count</c> files of <c>Block</c> bytes in a new directory <c>File</c> (glfs_creat,
/// glfs_pwrite, glfs_close each) from <c>Depth</c> threads, as Nfs.Bench's creates does with
/// OPEN, WRITE and CLOSE.
/// </summary>
public static class Creates
{
    /// <summary>Runs the workload.</summary>
    public static unsafe BenchResult Run(GfapiOptions o, Volume volume)
    {
        // glfs_mkdir fails when the directory exists: every run creates files, none overwrites.
        GfApi.Check(GfApi.glfs_mkdir(volume.Fs, o.File, 0x1ed /* 0755 */), $"glfs_mkdir({o.File})");
        var data = new byte[o.Block];
        new Random(1).NextBytes(data);
        long next = 0, bytes = 0, files = 0;
        var latencies = new Latencies();
        var watch = Stopwatch.StartNew();
        Workers.Run(o.Depth, _ =>
        {
            for (long i; (i = Interlocked.Increment(ref next) - 1) < o.Count;)
            {
                string path = $"{o.File}/f{i}";
                long t0 = Stopwatch.GetTimestamp();
                nint fd = GfApi.Check(GfApi.glfs_creat(volume.Fs, path, GfApi.O_WRONLY | GfApi.O_CREAT, 0x1a4 /* 0644 */), $"glfs_creat({path})", pointer: true);
                nint n;
                fixed (byte* p = data) n = GfApi.glfs_pwrite(fd, p, (nuint)data.Length, 0, 0, null, null);
                int closed = GfApi.glfs_close(fd);
                latencies.Add(Stopwatch.GetElapsedTime(t0));
                if (n != data.Length) GfApi.Check(-1, $"glfs_pwrite({path}) = {n}");
                GfApi.Check(closed, $"glfs_close({path})");
                Interlocked.Add(ref bytes, n);
                Interlocked.Increment(ref files);
            }
        });
        return new BenchResult("creates", bytes, files, watch.Elapsed, latencies.Percentile(50), latencies.Percentile(99), files);
    }
}
