using System.Diagnostics;
using System.Text;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;

namespace Nfs.Bench;

/// <summary>
/// Creates <c>Count</c> files of <c>Block</c> bytes in a new directory <c>File</c>, each with
/// one COMPOUND (PUTFH, OPEN create, WRITE, CLOSE), <c>Depth</c> of them in flight, after an
/// untimed warm-up of the same in <c>File</c>-warm-up.
/// </summary>
public static class Creates
{
    /// <summary>Files created first in a sibling directory, untimed: the client's JIT reaches optimized code before the timed run, which is short.</summary>
    public const int WarmUpFiles = 1000;

    /// <summary>Runs the workload.</summary>
    public static async Task<BenchResult> RunAsync(BenchOptions o)
    {
        await using var client = await BenchClient.ConnectAsync(o);
        var data = new byte[o.Block];
        new Random(1).NextBytes(data);
        var warmUp = await BenchClient.MakeDirectoryAsync(client, o.File + "-warm-up");
        await CreateAsync(client, warmUp, Math.Min(WarmUpFiles, o.Count), o.Depth, data, null);
        await Task.Delay(200); // the runtime compiles hot methods in the background after a short delay
        var dir = await BenchClient.MakeDirectoryAsync(client, o.File);
        var latencies = new Latencies();
        var watch = Stopwatch.StartNew();
        long files = await CreateAsync(client, dir, o.Count, o.Depth, data, latencies);
        var elapsed = watch.Elapsed;
        return new BenchResult("creates", files * data.Length, files, elapsed, latencies.Percentile(50), latencies.Percentile(99), files);
    }

    private static async Task<long> CreateAsync(Nfs4Client client, byte[] dir, int count, int depth, byte[] data, Latencies? latencies)
    {
        long next = 0, files = 0;
        async Task Worker(int worker)
        {
            // An open-owner per worker, as separate processes would have: no owner is shared by concurrent OPENs.
            var owner = new StateOwner4(client.ClientId, Encoding.UTF8.GetBytes($"creates-{worker}"));
            for (long i; (i = Interlocked.Increment(ref next) - 1) < count;)
            {
                var open = BenchClient.CreateOpen(owner, $"f{i}");
                long t0 = Stopwatch.GetTimestamp();
                // WRITE and CLOSE name the OPEN's stateid as the 4.1 "current stateid": one round trip per file.
                // UNSTABLE without COMMIT, like a local write(2) and close(2) with no fsync.
                var r = await client.CompoundAsync(c => c.PutFh(dir).Open(open)
                    .Write(StateId4.Current, 0, data, StableHow4.Unstable).Close(0, StateId4.Current));
                latencies?.Add(Stopwatch.GetElapsedTime(t0));
                Nfs4Client.Expect(r, NfsStat4.Ok);
                Interlocked.Increment(ref files);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, depth).Select(Worker));
        return files;
    }
}
