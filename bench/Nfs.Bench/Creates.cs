using System.Diagnostics;
using System.Text;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;

namespace Nfs.Bench;

/// <summary>
/// Creates <c>Count</c> files of <c>Block</c> bytes in a new directory <c>File</c>, each with
/// one COMPOUND (PUTFH, OPEN create, WRITE, CLOSE), <c>Depth</c> of them in flight.
/// </summary>
public static class Creates
{
    /// <summary>Runs the workload.</summary>
    public static async Task<BenchResult> RunAsync(BenchOptions o)
    {
        await using var client = await Nfs4Client.ConnectAsync(o.Server);
        await client.EstablishSessionAsync(1, slots: (uint)Math.Max(o.Depth, 1));
        // MKDIR fails when the directory exists: every run creates files, none overwrites.
        var parent = Path.GetDirectoryName(o.File) ?? "";
        var mkdir = await client.CompoundAsync(c => c.PutRootFh().LookupPath(parent).Mkdir(Path.GetFileName(o.File)).GetFh());
        Nfs4Client.Expect(mkdir, NfsStat4.Ok);
        var dir = mkdir.FileHandle;
        var data = new byte[o.Block];
        new Random(1).NextBytes(data);
        long next = 0, bytes = 0, files = 0;
        var latencies = new Latencies();
        var watch = Stopwatch.StartNew();
        async Task Worker(int worker)
        {
            // An open-owner per worker, as separate processes would have: no owner is shared by concurrent OPENs.
            var owner = new StateOwner4(client.ClientId, Encoding.UTF8.GetBytes($"creates-{worker}"));
            for (long i; (i = Interlocked.Increment(ref next) - 1) < o.Count;)
            {
                var open = new OpenArgs(0, OpenShare4.AccessWrite, OpenShare4.DenyNone, owner, OpenType4.Create, CreateMode4.Unchecked,
                    new Fattr4(Bitmap4.Empty, Array.Empty<byte>()), default, OpenClaimType4.Null, Encoding.UTF8.GetBytes($"f{i}"), default, default);
                long t0 = Stopwatch.GetTimestamp();
                // WRITE and CLOSE name the OPEN's stateid as the 4.1 "current stateid": one round trip per file.
                // UNSTABLE without COMMIT, like a local write(2) and close(2) with no fsync.
                var r = await client.CompoundAsync(c => c.PutFh(dir).Open(open)
                    .Write(StateId4.Current, 0, data, StableHow4.Unstable).Close(0, StateId4.Current));
                latencies.Add(Stopwatch.GetElapsedTime(t0));
                Nfs4Client.Expect(r, NfsStat4.Ok);
                Interlocked.Add(ref bytes, data.Length);
                Interlocked.Increment(ref files);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, o.Depth).Select(Worker));
        return new BenchResult("creates", bytes, files, watch.Elapsed, latencies.Percentile(50), latencies.Percentile(99), files);
    }
}
