using System.Diagnostics;
using System.Text;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;

namespace Nfs.Bench;

/// <summary>
/// The metadata cycle of small-file work, in a fresh directory <c>File</c>: each worker creates
/// an empty file (OPEN create + CLOSE), reads its attributes (GETATTR), finds it again
/// (LOOKUP + GETATTR) and removes it (REMOVE). Each of the four is one COMPOUND and counts as
/// one operation; <c>Depth</c> workers run at once.
/// </summary>
public static class Metadata
{
    /// <summary>Runs the workload.</summary>
    public static async Task<BenchResult> RunAsync(BenchOptions o)
    {
        await using var client = await BenchClient.ConnectAsync(o);
        var dir = await BenchClient.MakeDirectoryAsync(client, o.File);
        var attributes = Bitmap4.Of(Nfs4Attribute.Type, Nfs4Attribute.Size, Nfs4Attribute.Mode, Nfs4Attribute.Owner, Nfs4Attribute.TimeModify);
        long ops = 0;
        var latencies = new Latencies();
        var watch = Stopwatch.StartNew();

        async Task<CompoundReply> Timed(Func<Task<CompoundReply>> call)
        {
            long t0 = Stopwatch.GetTimestamp();
            var r = await call();
            latencies.Add(Stopwatch.GetElapsedTime(t0));
            Nfs4Client.Expect(r, NfsStat4.Ok);
            Interlocked.Increment(ref ops);
            return r;
        }

        async Task Worker(int worker)
        {
            var owner = new StateOwner4(client.ClientId, Encoding.UTF8.GetBytes($"metadata-{worker}"));
            for (int i = 0; watch.Elapsed < o.Duration; i++)
            {
                string name = $"w{worker}-{i}";
                var open = BenchClient.CreateOpen(owner, name);
                var created = await Timed(() => client.CompoundAsync(c => c.PutFh(dir).Open(open).GetFh().Close(0, StateId4.Current)));
                var fh = created.FileHandle;
                await Timed(() => client.CompoundAsync(c => c.PutFh(fh).GetAttr(attributes)));
                await Timed(() => client.CompoundAsync(c => c.PutFh(dir).Lookup(name).GetAttr(attributes)));
                await Timed(() => client.CompoundAsync(c => c.PutFh(dir).Remove(name)));
            }
        }
        await Task.WhenAll(Enumerable.Range(0, o.Depth).Select(Worker));
        return new BenchResult("metadata", 0, ops, watch.Elapsed, latencies.Percentile(50), latencies.Percentile(99));
    }
}
