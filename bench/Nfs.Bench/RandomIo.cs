using System.Diagnostics;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;

namespace Nfs.Bench;

/// <summary>
/// Random <c>Block</c>-sized READs or WRITEs (UNSTABLE) at aligned offsets within the first
/// <c>Size</c> bytes of a file, <c>Depth</c> in flight on one connection: the queue depth of
/// the run (1 for latency, 32 for throughput). Reads need the file (seqwrite makes it).
/// </summary>
public static class RandomIo
{
    /// <summary>Runs the workload.</summary>
    public static async Task<BenchResult> RunAsync(BenchOptions o, bool write)
    {
        await using var client = await BenchClient.ConnectAsync(o);
        var dir = Path.GetDirectoryName(o.File) ?? "";
        var (fh, stateId) = await client.OpenAsync(dir, Path.GetFileName(o.File), create: write, access: write ? OpenShare4.AccessBoth : OpenShare4.AccessRead);
        ulong span = write ? (ulong)o.Size : Math.Min((ulong)o.Size, await SequentialRead.FileSizeAsync(client, fh));
        ulong blocks = span / (ulong)o.Block;
        if (blocks == 0) throw new InvalidOperationException($"{o.File} is smaller than one block");
        var data = new byte[o.Block];
        new Random(1).NextBytes(data);
        long bytes = 0, ops = 0;
        var latencies = new Latencies();
        var watch = Stopwatch.StartNew();
        async Task Worker(int worker)
        {
            var random = new Random(worker);
            while (watch.Elapsed < o.Duration)
            {
                ulong offset = (ulong)random.NextInt64((long)blocks) * (ulong)o.Block;
                long t0 = Stopwatch.GetTimestamp();
                var r = write
                    ? await client.CompoundAsync(c => c.PutFh(fh).Write(stateId, offset, data, StableHow4.Unstable))
                    : await client.CompoundAsync(c => c.PutFh(fh).Read(stateId, offset, (uint)o.Block));
                latencies.Add(Stopwatch.GetElapsedTime(t0));
                Nfs4Client.Expect(r, NfsStat4.Ok);
                Interlocked.Add(ref bytes, write ? data.Length : ReadResult.Decode(r.Last(NfsOp4.Read).Reader).Data.Length);
                Interlocked.Increment(ref ops);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, o.Depth).Select(Worker));
        var elapsed = watch.Elapsed;
        if (write) Nfs4Client.Expect(await client.CompoundAsync(c => c.PutFh(fh).Commit()), NfsStat4.Ok);
        return new BenchResult(write ? "randwrite" : "randread", bytes, ops, elapsed, latencies.Percentile(50), latencies.Percentile(99));
    }
}
