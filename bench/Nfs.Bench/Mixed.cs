using System.Diagnostics;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;

namespace Nfs.Bench;

/// <summary>
/// A mixed load on one file (seqwrite makes it): of every ten operations six are random
/// <c>Block</c>-sized READs, two random WRITEs (UNSTABLE) and two GETATTRs, <c>Depth</c> in
/// flight on one connection.
/// </summary>
public static class Mixed
{
    /// <summary>Runs the workload.</summary>
    public static async Task<BenchResult> RunAsync(BenchOptions o)
    {
        await using var client = await BenchClient.ConnectAsync(o);
        var dir = Path.GetDirectoryName(o.File) ?? "";
        var (fh, stateId) = await client.OpenAsync(dir, Path.GetFileName(o.File), create: false, access: OpenShare4.AccessBoth);
        ulong blocks = Math.Min((ulong)o.Size, await SequentialRead.FileSizeAsync(client, fh)) / (ulong)o.Block;
        if (blocks == 0) throw new InvalidOperationException($"{o.File} is smaller than one block");
        var data = new byte[o.Block];
        new Random(1).NextBytes(data);
        var attributes = Bitmap4.Of(Nfs4Attribute.Type, Nfs4Attribute.Size, Nfs4Attribute.Change, Nfs4Attribute.TimeModify);
        long bytes = 0, ops = 0;
        var latencies = new Latencies();
        var watch = Stopwatch.StartNew();
        async Task Worker(int worker)
        {
            var random = new Random(worker);
            while (watch.Elapsed < o.Duration)
            {
                int kind = random.Next(10);
                ulong offset = (ulong)random.NextInt64((long)blocks) * (ulong)o.Block;
                long t0 = Stopwatch.GetTimestamp();
                var r = kind switch
                {
                    < 6 => await client.CompoundAsync(c => c.PutFh(fh).Read(stateId, offset, (uint)o.Block)),
                    < 8 => await client.CompoundAsync(c => c.PutFh(fh).Write(stateId, offset, data, StableHow4.Unstable)),
                    _ => await client.CompoundAsync(c => c.PutFh(fh).GetAttr(attributes)),
                };
                latencies.Add(Stopwatch.GetElapsedTime(t0));
                Nfs4Client.Expect(r, NfsStat4.Ok);
                if (kind < 6) Interlocked.Add(ref bytes, ReadResult.Decode(r.Last(NfsOp4.Read).Reader).Data.Length);
                else if (kind < 8) Interlocked.Add(ref bytes, data.Length);
                Interlocked.Increment(ref ops);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, o.Depth).Select(Worker));
        return new BenchResult("mixed", bytes, ops, watch.Elapsed, latencies.Percentile(50), latencies.Percentile(99));
    }
}
