using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Mono.Unix;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;

namespace Interop;

/// <summary>
/// Active/active: three gateways in front of one backend (a real Gluster volume, or one POSIX
/// directory standing for a shared filesystem), each on its own loopback address, sharing a
/// cluster grace database on that backend. One is killed with SIGKILL mid-workload: a survivor
/// takes over its address, its client reclaims its open and lock there, nobody is granted a
/// conflicting lock meanwhile, and no committed write is lost.
/// </summary>
[TestFixture]
[NonParallelizable]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ClusterFailoverTests
{
    private const int LeaseSeconds = 10;
    private const int GraceSeconds = 20;
    private const int Chunk = 64 * 1024;
    private readonly List<IAsyncDisposable> _owned = [];
    private string _root = "";
    private string _clusterDirectory = "";

    [SetUp]
    public void Prepare()
    {
        ExternalTool.RequireRoot();
        _clusterDirectory = ".nfs-cluster-" + Guid.NewGuid().ToString("N")[..8];
    }

    [TearDown]
    public async Task CleanUp()
    {
        for (int i = _owned.Count - 1; i >= 0; i--) await _owned[i].DisposeAsync();
        _owned.Clear();
        if (_root.Length > 0 && Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        _root = "";
    }

    /// <summary>The sample and its backend arguments, and the first of three loopback addresses.</summary>
    private async Task<(string Sample, string[] Backend, int FirstAddress)> BackendAsync(string sample)
    {
        if (sample == "GlusterServer")
        {
            await GlusterVolume.EnsureUpAsync();
            return (sample, GlusterVolume.ServerArguments(), 31);
        }
        _root = Path.Combine(Path.GetTempPath(), "cluster-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
        new UnixDirectoryInfo(_root).FileAccessPermissions = FileAccessPermissions.AllPermissions;
        return (sample, ["--path", _root], 21);
    }

    private async Task<ServerProcess> StartNodeAsync(string sample, string[] backend, string node, string address)
    {
        var server = await ServerProcess.StartAsync(sample, [.. backend, "--listen", address + ":0", "--cluster", "true", "--node-id", node,
            "--cluster-dir", _clusterDirectory, "--cluster-check-ms", "500", "--nfs3", "false",
            "--lease", LeaseSeconds.ToString(CultureInfo.InvariantCulture), "--grace", GraceSeconds.ToString(CultureInfo.InvariantCulture)]);
        _owned.Add(server);
        return server;
    }

    private async Task<Nfs4Client> SessionAsync(IPEndPoint endPoint, string id, bool reclaimComplete)
    {
        var client = await Nfs4Client.ConnectAsync(endPoint);
        _owned.Add(client);
        await client.EstablishSessionAsync(1, id, verifier: 7, reclaimComplete: reclaimComplete);
        return client;
    }

    private static StateOwner4 Owner(Nfs4Client client, string name) => new(client.ClientId, Encoding.UTF8.GetBytes(name));

    private static Task<CompoundReply> LockAsync(Nfs4Client client, byte[] fh, StateId4 open, string owner, bool reclaim, ulong offset, ulong length) =>
        client.CompoundAsync(c => c.PutFh(fh).Lock(new LockArgs(NfsLockType4.Write, reclaim, offset, length, true, 0, open, 0, Owner(client, owner), default)));

    private static string Steps(CompoundReply reply) => string.Join(", ", reply.Results.Select(x => $"{x.Op}:{x.Status}"));

    /// <summary>Retries what a client retries: DELAY (a peer not yet enforcing the grace period).</summary>
    private static async Task<CompoundReply> RetryDelayAsync(Func<Task<CompoundReply>> call)
    {
        for (int i = 0; ; i++)
        {
            var r = await call();
            if (r.Status != NfsStat4.Delay || i > 100) return r;
            await Task.Delay(100);
        }
    }

    /// <summary>A client comes back at a dead node's address (retrying until a survivor serves it) and opens a session there.</summary>
    private async Task<Nfs4Client> ReconnectAsync(IPEndPoint endPoint, string id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                return await SessionAsync(endPoint, id, reclaimComplete: false);
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException)
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"nobody took over {endPoint}: {ex.Message}");
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Reclaims an open (CLAIM_PREVIOUS) and a write lock on [0, 100); returns the replies.</summary>
    private static async Task<(CompoundReply Open, CompoundReply Lock)> ReclaimAsync(Nfs4Client client, byte[] fh, string lockOwner)
    {
        var reopen = await RetryDelayAsync(() => client.CompoundAsync(cc => cc.PutFh(fh).Open(new OpenArgs(0, OpenShare4.AccessBoth, OpenShare4.DenyNone,
            Owner(client, "owner"), OpenType4.NoCreate, CreateMode4.Unchecked, default, default, OpenClaimType4.Previous, default, OpenDelegationType4.None, default))));
        if (reopen.Status != NfsStat4.Ok) return (reopen, reopen);
        var open = OpenResult.Decode(reopen.Last(NfsOp4.Open).Reader).StateId;
        return (reopen, await RetryDelayAsync(() => LockAsync(client, fh, open, lockOwner, reclaim: true, 0, 100)));
    }

    [TestCase("PosixServer", TestName = "Cluster of three PosixServers on one shared directory: a killed node's client reclaims on a survivor")]
    [TestCase("GlusterServer", TestName = "Cluster of three GlusterServers on one volume: a killed node's client reclaims on a survivor")]
    public async Task A_killed_node_is_taken_over(string which)
    {
        var (sample, backend, first) = await BackendAsync(which);
        var nodes = new List<ServerProcess>();
        foreach (var (name, i) in new[] { "A", "B", "C" }.Select((n, i) => (n, i)))
        {
            nodes.Add(await StartNodeAsync(sample, backend, name, $"127.0.0.{first + i}"));
        }
        var (a, b, c) = (nodes[0], nodes[1], nodes[2]);
        string dir = "d-" + Guid.NewGuid().ToString("N")[..8];
        string idX = "cluster-x-" + dir, idY = "cluster-y-" + dir;

        // X works on node A: an open, a lock on [0, 100), writes it commits. Y, on node B, sees X's lock.
        var x = await SessionAsync(a.EndPoint, idX, reclaimComplete: true);
        await NfsFiles.MkdirAsync(x, dir);
        var (fh, openX) = await x.OpenAsync(dir, "f", create: true);
        var lockX = await LockAsync(x, fh, openX, "lock-x", reclaim: false, 0, 100);
        Nfs4Client.Expect(lockX, NfsStat4.Ok);
        var y = await SessionAsync(b.EndPoint, idY, reclaimComplete: true);
        var (fhY, openY) = await y.OpenAsync(dir, "f", create: false);
        Assert.That(fhY, Is.EqualTo(fh), "every node hands out the same filehandle");
        var before = await LockAsync(y, fh, openY, "lock-y", reclaim: false, 50, 10);
        Assert.That(before.Status, Is.EqualTo(NfsStat4.Denied), "a lock taken through node A holds on node B: " + Steps(before));

        long committed = 0;
        var writing = Task.Run(async () =>
        {
            for (int i = 0; ; i++)
            {
                var data = NfsFiles.Content(Chunk, i);
                ulong offset = 4096 + (ulong)i * Chunk;
                var w = await x.CompoundAsync(c => c.PutFh(fh).Write(openX, offset, data, StableHow4.Unstable).Commit(offset, Chunk));
                if (w.Status != NfsStat4.Ok) return;
                Interlocked.Exchange(ref committed, i + 1);
            }
        });
        var started = DateTime.UtcNow;
        while (Interlocked.Read(ref committed) < 16)
        {
            Assert.That(writing.IsCompleted, Is.False, "the writes failed before node A was killed");
            Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(60)), "the writes did not get going");
            await Task.Delay(20);
        }

        // Mid-workload, node A dies.
        var clock = Stopwatch.StartNew();
        var clock2 = Stopwatch.StartNew();
        await a.KillAsync();
        try
        {
            await writing.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The connection to the dead node broke mid-request.
        }
        long acknowledged = Interlocked.Read(ref committed);

        // Meanwhile Y keeps asking for a lock that conflicts with X's: it must never get it.
        using var stopContending = new CancellationTokenSource();
        var answers = new List<NfsStat4>();
        var timeline = new List<string>();
        var contending = Task.Run(async () =>
        {
            while (!stopContending.IsCancellationRequested)
            {
                var r = await LockAsync(y, fh, openY, "lock-y", reclaim: false, 50, 10);
                lock (answers) { answers.Add(r.Status); timeline.Add($"{clock.ElapsedMilliseconds}ms:{r.Status}"); }
                if (r.Status == NfsStat4.Ok) return;
                await Task.Delay(100);
            }
        });

        // X comes back at A's address, where a survivor now answers, and reclaims there.
        var x2 = await ReconnectAsync(a.EndPoint, idX);
        var (reopen, relock) = await ReclaimAsync(x2, fh, "lock-x");
        Assert.That(reopen.Status, Is.EqualTo(NfsStat4.Ok), "the open is reclaimed: " + Steps(reopen));
        Assert.That(relock.Status, Is.EqualTo(NfsStat4.Ok), "the lock is reclaimed: " + Steps(relock) + " contender saw: " + string.Join(",", timeline));
        clock.Stop();
        var lockX2 = StateId4.Decode(relock.Last(NfsOp4.Lock).Reader);
        Nfs4Client.Expect(await x2.CompoundAsync(cc => cc.ReclaimComplete()), NfsStat4.Ok);

        var taker = new[] { b, c }.Single(n => n.Log.Contains("Cluster node A is dead"));
        TestContext.Out.WriteLine($"{which}: node A killed; X reclaimed its open and lock at A's address on {(taker == b ? "B" : "C")} after {clock.Elapsed.TotalSeconds:F2} s");
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)), "failover within the 15 s goal");

        // The grace period ends once X (the only client to wait for) completed reclaim; Y still cannot have X's range.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(GraceSeconds + 10);
        while (true)
        {
            int count;
            lock (answers) count = answers.Count(s => s == NfsStat4.Denied);
            if (count > 0 || contending.IsCompleted) break;
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the cluster grace period did not end");
            await Task.Delay(200);
        }
        TestContext.Out.WriteLine($"{which}: cluster grace period over (Y answered DENIED, not GRACE) {clock2.Elapsed.TotalSeconds:F2} s after the kill");
        await stopContending.CancelAsync();
        await contending;
        List<NfsStat4> seen;
        lock (answers) seen = [.. answers];
        Assert.That(seen, Does.Not.Contain(NfsStat4.Ok), "no conflicting lock was granted while X's lock was being recovered");
        Assert.That(seen, Does.Contain(NfsStat4.Grace), "Y was told to wait for the grace period");
        Assert.That(seen.All(s => s is NfsStat4.Grace or NfsStat4.Denied), Is.True, string.Join(", ", seen));

        // Every write the dead node acknowledged as committed is there.
        for (int i = 0; i < acknowledged; i++)
        {
            ulong offset = 4096 + (ulong)i * Chunk;
            var r = await y.CompoundAsync(cc => cc.PutFh(fh).Read(openY, offset, Chunk));
            Nfs4Client.Expect(r, NfsStat4.Ok);
            var read = ReadResult.Decode(r.Last(NfsOp4.Read).Reader);
            Assert.That(read.Data.ToArray(), Is.EqualTo(NfsFiles.Content(Chunk, i)), $"committed chunk {i} of {acknowledged}");
        }

        // X lets go; Y gets the lock.
        Nfs4Client.Expect(await x2.CompoundAsync(cc => cc.PutFh(fh).LockU(new LockUArgs(NfsLockType4.Write, 0, lockX2, 0, 100))), NfsStat4.Ok);
        var granted = await LockAsync(y, fh, openY, "lock-y", reclaim: false, 50, 10);
        Assert.That(granted.Status, Is.EqualTo(NfsStat4.Ok), Steps(granted));
    }

    /// <summary>Runs a sample's <c>cluster</c> verb against the same backend and cluster directory.</summary>
    private async Task<string> AdminAsync(string sample, string[] backend, params string[] verb)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, sample + ".dll");
        var (exit, output, error) = await ExternalTool.RunAsync("dotnet", [dll, "cluster", .. verb, .. backend, "--cluster-dir", _clusterDirectory], TimeSpan.FromMinutes(1));
        Assert.That(exit, Is.EqualTo(0), $"cluster {string.Join(' ', verb)}: {output}{error}");
        return output;
    }

    [Test(Description = "The admin verbs list the nodes, hold and lift a grace period, and move a node's clients to a survivor")]
    public async Task An_operator_can_hold_grace_and_move_a_node()
    {
        var (sample, backend, _) = await BackendAsync("PosixServer");
        var a = await StartNodeAsync(sample, backend, "A", "127.0.0.24");
        var b = await StartNodeAsync(sample, backend, "B", "127.0.0.25");
        var status = await AdminAsync(sample, backend, "status");
        Assert.That(status, Does.Contain("current epoch 1, not in grace").And.Contain("A: alive").And.Contain("B: alive"), status);
        Assert.That(status, Does.Contain($"A up records@1 [{a.EndPoint}]"), status);

        string id = "admin-x-" + Guid.NewGuid().ToString("N")[..8];
        var x = await SessionAsync(a.EndPoint, id, reclaimComplete: true);
        var (fh, openX) = await x.OpenAsync("", "f-" + id, create: true);
        Nfs4Client.Expect(await LockAsync(x, fh, openX, "lock-x", reclaim: false, 0, 100), NfsStat4.Ok);
        var y = await SessionAsync(b.EndPoint, "admin-y-" + id, reclaimComplete: true);
        var (_, openY) = await y.OpenAsync("", "f-" + id, create: false);

        // An operator holds the whole cluster in grace: no node grants new locks until lifted.
        var held = await AdminAsync(sample, backend, "grace", "start");
        Assert.That(held, Does.Contain("in grace (recovery epoch 1, held by an administrator)"), held);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        CompoundReply r;
        while ((r = await LockAsync(y, fh, openY, "lock-y", reclaim: false, 200, 10)).Status != NfsStat4.Grace)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "node B did not enter the grace period: " + Steps(r));
            await Task.Delay(100);
        }
        await Task.Delay(2000);
        Assert.That((await LockAsync(y, fh, openY, "lock-y", reclaim: false, 200, 10)).Status, Is.EqualTo(NfsStat4.Grace), "still held");
        var lifted = await AdminAsync(sample, backend, "grace", "lift");
        Assert.That(lifted, Does.Contain("not in grace"), lifted);
        deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while ((r = await LockAsync(y, fh, openY, "lock-y", reclaim: false, 200, 10)).Status == NfsStat4.Grace)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the lifted grace period did not end on node B");
            await Task.Delay(100);
        }
        Nfs4Client.Expect(r, NfsStat4.Ok);

        // The operator moves node A's clients to B: A stops by itself, B serves A's address, X reclaims there.
        await AdminAsync(sample, backend, "takeover", "A");
        Assert.That(await a.WaitForExitAsync(TimeSpan.FromSeconds(15)), Is.True, "node A stopped after the takeover request:\n" + a.Log);
        Assert.That(a.Log, Does.Contain("must stop serving: an administrator asked for its takeover"));
        var x2 = await ReconnectAsync(a.EndPoint, id);
        var (reopen, relock) = await ReclaimAsync(x2, fh, "lock-x");
        Assert.That(reopen.Status, Is.EqualTo(NfsStat4.Ok), Steps(reopen));
        Assert.That(relock.Status, Is.EqualTo(NfsStat4.Ok), Steps(relock));
        status = await AdminAsync(sample, backend, "status");
        Assert.That(status, Does.Contain("A down").And.Contain("taken-over-by=B"), status);
    }
}
