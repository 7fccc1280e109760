using System.Diagnostics;
using System.Text;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;

namespace Nfs.Bench;

/// <summary>
/// Lists a directory of <c>Count</c> entries from start to end, again and again, with READDIRs
/// of 64 KiB asking what <c>ls -l</c> asks (type, size, mode, owner, mtime, fileid). The
/// directory <c>File</c> is filled first (empty files, <c>Depth</c> creates in flight) unless
/// it holds that many already; only the walks are timed. Operations are entries listed;
/// latencies are per READDIR.
/// </summary>
public static class ReadDirWalk
{
    /// <summary>Runs the workload.</summary>
    public static async Task<BenchResult> RunAsync(BenchOptions o)
    {
        await using var client = await BenchClient.ConnectAsync(o);
        var parent = Path.GetDirectoryName(o.File) ?? "";
        var name = Path.GetFileName(o.File);
        var found = await client.CompoundAsync(c => c.PutRootFh().LookupPath(parent).Lookup(name).GetFh());
        if (found.Status == NfsStat4.Noent)
        {
            found = await client.CompoundAsync(c => c.PutRootFh().LookupPath(parent).Mkdir(name).GetFh());
        }
        Nfs4Client.Expect(found, NfsStat4.Ok);
        var dir = found.FileHandle;
        var attributes = Bitmap4.Of(Nfs4Attribute.Type, Nfs4Attribute.Size, Nfs4Attribute.Mode, Nfs4Attribute.Owner, Nfs4Attribute.TimeModify, Nfs4Attribute.Fileid);
        var latencies = new Latencies();
        int present = await WalkAsync(client, dir, attributes, null);
        if (present < o.Count) await FillAsync(client, dir, present, o);

        long entries = 0, walks = 0;
        var watch = Stopwatch.StartNew();
        do
        {
            int listed = await WalkAsync(client, dir, attributes, latencies);
            if (listed < o.Count) throw new InvalidOperationException($"listed {listed} entries of {o.Count}");
            entries += listed;
            walks++;
        }
        while (watch.Elapsed < o.Duration);
        return new BenchResult("readdir", 0, entries, watch.Elapsed, latencies.Percentile(50), latencies.Percentile(99), Extra: $" walks={walks} entries={entries}");
    }

    private static async Task<int> WalkAsync(Nfs4Client client, byte[] dir, Bitmap4 attributes, Latencies? latencies)
    {
        ulong cookie = 0, verifier = 0;
        int count = 0;
        while (true)
        {
            long t0 = Stopwatch.GetTimestamp();
            var r = await client.CompoundAsync(c => c.PutFh(dir).ReadDir(cookie, 64 * 1024, attributes, verifier));
            latencies?.Add(Stopwatch.GetElapsedTime(t0));
            Nfs4Client.Expect(r, NfsStat4.Ok);
            var page = ReadDirPage.Scan(r.Last(NfsOp4.Readdir).Reader);
            count += page.Count;
            if (page.Eof || page.Count == 0) return count;
            cookie = page.LastCookie;
            verifier = page.Verifier;
        }
    }

    private static async Task FillAsync(Nfs4Client client, byte[] dir, int from, BenchOptions o)
    {
        long next = from;
        async Task Worker(int worker)
        {
            var owner = new StateOwner4(client.ClientId, Encoding.UTF8.GetBytes($"readdir-fill-{worker}"));
            for (long i; (i = Interlocked.Increment(ref next) - 1) < o.Count;)
            {
                var open = BenchClient.CreateOpen(owner, $"entry-{i:D6}");
                Nfs4Client.Expect(await client.CompoundAsync(c => c.PutFh(dir).Open(open).Close(0, StateId4.Current)), NfsStat4.Ok);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, o.Depth)).Select(Worker));
    }
}
