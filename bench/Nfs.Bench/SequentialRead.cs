using System.Diagnostics;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;

namespace Nfs.Bench;

/// <summary>
/// Reads one file from start to end over and over with <c>Depth</c> READs of <c>Block</c>
/// bytes in flight on one connection (as the Linux client does with readahead).
/// </summary>
public static class SequentialRead
{
    /// <summary>Runs the workload.</summary>
    public static async Task<BenchResult> RunAsync(BenchOptions o)
    {
        await using var client = await BenchClient.ConnectAsync(o);
        var dir = Path.GetDirectoryName(o.File) ?? "";
        var (fh, stateId) = await client.OpenAsync(dir, Path.GetFileName(o.File), create: false, access: OpenShare4.AccessRead);
        var size = await FileSizeAsync(client, fh);
        if (size < (ulong)o.Block) throw new InvalidOperationException($"{o.File} is smaller than one block");
        ulong blocks = size / (ulong)o.Block;
        long next = 0, bytes = 0, ops = 0;
        var latencies = new Latencies();
        var watch = Stopwatch.StartNew();
        async Task Worker()
        {
            while (watch.Elapsed < o.Duration)
            {
                ulong offset = (ulong)(Interlocked.Increment(ref next) - 1) % blocks * (ulong)o.Block;
                long t0 = Stopwatch.GetTimestamp();
                var r = await client.CompoundAsync(c => c.PutFh(fh).Read(stateId, offset, (uint)o.Block));
                latencies.Add(Stopwatch.GetElapsedTime(t0));
                Nfs4Client.Expect(r, NfsStat4.Ok);
                Interlocked.Add(ref bytes, ReadResult.Decode(r.Last(NfsOp4.Read).Reader).Data.Length);
                Interlocked.Increment(ref ops);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, o.Depth).Select(_ => Worker()));
        return new BenchResult("seqread", bytes, ops, watch.Elapsed, latencies.Percentile(50), latencies.Percentile(99));
    }

    internal static async Task<ulong> FileSizeAsync(Nfs4Client client, byte[] fh)
    {
        var r = await client.CompoundAsync(c => c.PutFh(fh).GetAttr(Nfs4Attribute.Size));
        Nfs4Client.Expect(r, NfsStat4.Ok);
        return new Nfs.Protocol.Xdr.XdrReader(Fattr4.Decode(r.Last(NfsOp4.Getattr).Reader).Values).ReadUInt64();
    }
}
