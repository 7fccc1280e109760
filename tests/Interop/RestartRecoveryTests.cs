using System.Text;
using Mono.Unix;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;

namespace Interop;

/// <summary>
/// A server killed with SIGKILL while clients hold opens and locks comes back (same port, same
/// state directory) in its grace period: the clients on record reclaim their opens and locks,
/// nobody gets new ones until grace ends, and a client not on record cannot reclaim. PosixServer,
/// because locks only mean something on data that outlives the server.
/// </summary>
[TestFixture]
[NonParallelizable]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RestartRecoveryTests
{
    private const int LeaseSeconds = 10;
    private const int GraceSeconds = 12;
    private string _root = "";
    private string _data = "";
    private string _state = "";
    private readonly List<IAsyncDisposable> _owned = [];

    [SetUp]
    public void MakeDirectories()
    {
        ExternalTool.RequireRoot();
        _root = Path.Combine(Path.GetTempPath(), "recovery-" + Guid.NewGuid().ToString("N"));
        _data = Path.Combine(_root, "data");
        _state = Path.Combine(_root, "state");
        Directory.CreateDirectory(_data);
        new UnixDirectoryInfo(_data).FileAccessPermissions = FileAccessPermissions.AllPermissions;
    }

    [TearDown]
    public async Task CleanUp()
    {
        // Clients first, then servers (a killed one is already gone), then the files.
        for (int i = _owned.Count - 1; i >= 0; i--) await _owned[i].DisposeAsync();
        _owned.Clear();
        if (_root.Length > 0 && Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private async Task<ServerProcess> StartServerAsync(int port = 0)
    {
        var server = await ServerProcess.StartAsync("PosixServer", "--listen", $"127.0.0.1:{port}", "--path", _data, "--state-dir", _state,
            "--lease", LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--grace", GraceSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _owned.Add(server);
        return server;
    }

    private async Task<Nfs4Client> ConnectAsync(ServerProcess server)
    {
        var client = await Nfs4Client.ConnectAsync(server.EndPoint);
        _owned.Add(client);
        return client;
    }

    /// <summary>Sets up a client identity (4.0: SETCLIENTID; 4.1: a session, RECLAIM_COMPLETE only when asked).</summary>
    private static async Task EstablishAsync(Nfs4Client client, uint minorVersion, string id, bool reclaimComplete)
    {
        if (minorVersion == 0) await client.EstablishClientAsync(id, verifier: 7);
        else await client.EstablishSessionAsync(minorVersion, id, verifier: 7, reclaimComplete: reclaimComplete);
    }

    private static StateOwner4 Owner(Nfs4Client client, string name) => new(client.ClientId, Encoding.UTF8.GetBytes(name));

    private static LockArgs NewLock(Nfs4Client client, StateId4 open, string lockOwner, bool reclaim, ulong offset = 0, ulong length = 100) =>
        new(NfsLockType4.Write, reclaim, offset, length, true, client.MinorVersion == 0 ? client.NextOpenSeqId() : 0, open, 0, Owner(client, lockOwner), default);

    /// <summary>OPEN with CLAIM_PREVIOUS of the file <paramref name="fh"/>, confirmed if 4.0 asks for it.</summary>
    private static async Task<(NfsStat4 Status, StateId4 StateId)> ReclaimOpenAsync(Nfs4Client client, byte[] fh, string owner = "owner")
    {
        var args = new OpenArgs(client.NextOpenSeqId(), OpenShare4.AccessBoth, OpenShare4.DenyNone, Owner(client, owner), OpenType4.NoCreate,
            CreateMode4.Unchecked, default, default, OpenClaimType4.Previous, default, OpenDelegationType4.None, default);
        var r = await client.CompoundAsync(c => c.PutFh(fh).Open(args));
        if (r.Status != NfsStat4.Ok) return (r.Status, default);
        var open = OpenResult.Decode(r.Last(NfsOp4.Open).Reader);
        var stateId = open.StateId;
        if ((open.Flags & OpenResultFlags4.Confirm) != 0 && client.MinorVersion == 0)
        {
            var cr = await client.CompoundAsync(c => c.PutFh(fh).OpenConfirm(stateId, client.NextOpenSeqId()));
            Nfs4Client.Expect(cr, NfsStat4.Ok);
            stateId = StateId4.Decode(cr.Last(NfsOp4.OpenConfirm).Reader);
        }
        return (NfsStat4.Ok, stateId);
    }

    private static string Steps(CompoundReply reply) => string.Join(", ", reply.Results.Select(x => $"{x.Op}:{x.Status}"));

    private static async Task<CompoundReply> LockAsync(Nfs4Client client, byte[] fh, LockArgs args) => await client.CompoundAsync(c => c.PutFh(fh).Lock(args));

    [TestCase(0u, TestName = "NFSv4.0 client reclaims its open and lock after kill -9; others wait for the grace period")]
    [TestCase(1u, TestName = "NFSv4.1 client reclaims its open and lock after kill -9; grace ends when every client completed reclaim")]
    public async Task Reclaim_after_kill_9(uint minorVersion)
    {
        string idA = $"recovery-A-{minorVersion}", idB = $"recovery-B-{minorVersion}";
        var first = await StartServerAsync();
        Assert.That(first.Log, Does.Not.Contain("Grace period of"), "nothing on record at the first start");

        // Before the crash: A opens f and locks [0, 100); B opens f too (and will want the lock).
        var a = await ConnectAsync(first);
        await EstablishAsync(a, minorVersion, idA, reclaimComplete: true);
        var (fh, openA) = await a.OpenAsync("", "f", create: true);
        var lockA = await LockAsync(a, fh, NewLock(a, openA, "lockA", reclaim: false));
        Nfs4Client.Expect(lockA, NfsStat4.Ok);
        var b = await ConnectAsync(first);
        await EstablishAsync(b, minorVersion, idB, reclaimComplete: true);
        var (_, openB) = await b.OpenAsync("", "f", create: false);
        Nfs4Client.Expect(await LockAsync(b, fh, NewLock(b, openB, "lockB", reclaim: false, 50, 10)), NfsStat4.Denied);

        await first.KillAsync();
        var second = await StartServerAsync(first.Port);
        Assert.That(second.Log, Does.Contain($"Grace period of {GraceSeconds} s for 2 NFSv4 client(s)"), second.Log);

        // The clients come back (same owner strings and boot verifiers: they did not restart).
        a = await ConnectAsync(second);
        await EstablishAsync(a, minorVersion, idA, reclaimComplete: false);
        b = await ConnectAsync(second);
        await EstablishAsync(b, minorVersion, idB, reclaimComplete: false);

        // A reclaims its open and its lock.
        var (reclaimed, openA2) = await ReclaimOpenAsync(a, fh);
        Assert.That(reclaimed, Is.EqualTo(NfsStat4.Ok));
        var relock = await LockAsync(a, fh, NewLock(a, openA2, "lockA", reclaim: true));
        Assert.That(relock.Status, Is.EqualTo(NfsStat4.Ok), Steps(relock));
        var lockStateA = StateId4.Decode(relock.Last(NfsOp4.Lock).Reader);

        // B reclaims its open, but may not take a new lock, nor open anything new, in grace.
        var (reclaimedB, openB2) = await ReclaimOpenAsync(b, fh);
        Assert.That(reclaimedB, Is.EqualTo(NfsStat4.Ok));
        var inGrace = await LockAsync(b, fh, NewLock(b, openB2, "lockB", reclaim: false, 50, 10));
        Assert.That(inGrace.Status, Is.EqualTo(NfsStat4.Grace), Steps(inGrace));
        // Nor may it pass off a new lock as a reclaim: A reclaimed that range.
        var fakeReclaim = await LockAsync(b, fh, NewLock(b, openB2, "lockB2", reclaim: true, 50, 10));
        Assert.That(fakeReclaim.Status, Is.EqualTo(NfsStat4.Denied), Steps(fakeReclaim));
        var newOpen = await b.CompoundAsync(c => c.PutRootFh().Open(new OpenArgs(b.NextOpenSeqId(), OpenShare4.AccessBoth, OpenShare4.DenyNone,
            Owner(b, "owner"), OpenType4.Create, CreateMode4.Unchecked, default, default, OpenClaimType4.Null, Encoding.UTF8.GetBytes("g"), OpenDelegationType4.None, default)));
        Assert.That(newOpen.Status, Is.EqualTo(NfsStat4.Grace), Steps(newOpen));

        // A client the previous instance never had cannot reclaim anything.
        var stranger = await ConnectAsync(second);
        await EstablishAsync(stranger, minorVersion, $"recovery-C-{minorVersion}", reclaimComplete: false);
        var (strangerStatus, _) = await ReclaimOpenAsync(stranger, fh);
        Assert.That(strangerStatus, Is.EqualTo(NfsStat4.NoGrace));

        if (minorVersion == 0)
        {
            // 4.0 clients cannot say they are done: the grace period runs its length. A renews meanwhile.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(GraceSeconds + 10);
            while (true)
            {
                Nfs4Client.Expect(await a.CompoundAsync(c => c.Renew(a.ClientId)), NfsStat4.Ok);
                var r = await LockAsync(b, fh, NewLock(b, openB2, "lockB", reclaim: false, 50, 10));
                if (r.Status != NfsStat4.Grace)
                {
                    Assert.That(r.Status, Is.EqualTo(NfsStat4.Denied), "A's reclaimed lock holds after grace: " + Steps(r));
                    break;
                }
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the grace period did not end");
                await Task.Delay(500);
            }
        }
        else
        {
            Nfs4Client.Expect(await a.CompoundAsync(c => c.ReclaimComplete()), NfsStat4.Ok);
            // B has not finished reclaiming (nor has the stranger, but it was never on record).
            var stillGrace = await LockAsync(b, fh, NewLock(b, openB2, "lockB", reclaim: false, 50, 10));
            Assert.That(stillGrace.Status, Is.EqualTo(NfsStat4.Grace), Steps(stillGrace));
            // A is done reclaiming: a late reclaim of its own is NO_GRACE.
            var (late, _) = await ReclaimOpenAsync(a, fh, "another-owner");
            Assert.That(late, Is.EqualTo(NfsStat4.NoGrace));
            Nfs4Client.Expect(await b.CompoundAsync(c => c.ReclaimComplete()), NfsStat4.Ok);
            // Everyone on record is done: the grace period is lifted at once.
            var r = await LockAsync(b, fh, NewLock(b, openB2, "lockB", reclaim: false, 50, 10));
            Assert.That(r.Status, Is.EqualTo(NfsStat4.Denied), "A's reclaimed lock holds after grace: " + Steps(r));
            Assert.That(second.Log, Does.Contain("Grace period ended"));
        }

        // Reclaims after the grace period are NO_GRACE.
        var (afterGrace, _) = await ReclaimOpenAsync(b, fh);
        Assert.That(afterGrace, Is.EqualTo(NfsStat4.NoGrace));

        // A lets go; B gets the lock.
        Nfs4Client.Expect(await a.CompoundAsync(c => c.PutFh(fh).LockU(new LockUArgs(NfsLockType4.Write, 1, lockStateA, 0, 100))), NfsStat4.Ok);
        var granted = await LockAsync(b, fh, NewLock(b, openB2, "lockB3", reclaim: false, 50, 10));
        Assert.That(granted.Status, Is.EqualTo(NfsStat4.Ok), Steps(granted));
    }
}
