using System.Diagnostics;
using Nfs.Protocol.Nfs4;
using Nfs.TestClient;

namespace Nfs.Bench;

/// <summary>Writes a file of <c>Size</c> bytes sequentially (UNSTABLE, then COMMIT), <c>Depth</c> WRITEs in flight, repeatedly.</summary>
public static class SequentialWrite
{
    /// <summary>Runs the workload.</summary>
    public static async Task<BenchResult> RunAsync(BenchOptions o)
    {
        await using var client = await BenchClient.ConnectAsync(o);
        var dir = Path.GetDirectoryName(o.File) ?? "";
        var (fh, stateId) = await client.OpenAsync(dir, Path.GetFileName(o.File), create: true, access: OpenShare4.AccessBoth);
        var data = new byte[o.Block];
        new Random(1).NextBytes(data);
        ulong blocks = Math.Max(1, (ulong)(o.Size / o.Block));
        long next = 0, bytes = 0, ops = 0;
        var latencies = new Latencies();
        var watch = Stopwatch.StartNew();
        async Task Worker()
        {
            while (watch.Elapsed < o.Duration)
            {
                ulong offset = (ulong)(Interlocked.Increment(ref next) - 1) % blocks * (ulong)o.Block;
                long t0 = Stopwatch.GetTimestamp();
                var r = await client.CompoundAsync(c => c.PutFh(fh).Write(stateId, offset, data, StableHow4.Unstable));
                latencies.Add(Stopwatch.GetElapsedTime(t0));
                Nfs4Client.Expect(r, NfsStat4.Ok);
                Interlocked.Add(ref bytes, data.Length);
                Interlocked.Increment(ref ops);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, o.Depth).Select(_ => Worker()));
        Nfs4Client.Expect(await client.CompoundAsync(c => c.PutFh(fh).Commit()), NfsStat4.Ok);
        return new BenchResult("seqwrite", bytes, ops, watch.Elapsed, latencies.Percentile(50), latencies.Percentile(99));
    }
}
