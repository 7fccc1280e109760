using System.Text;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.Protocol.Nlm;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Nlm;

/// <summary>NFSv3 (NLM) and NFSv4 clients share one lock table per file: each sees and waits for the other's locks.</summary>
public sealed class NlmNfs4InteropTests : NlmTest
{
    private OpenedFile _file = null!;

    [SetUp]
    public async Task OpenAsync() => _file = await Session.OpenAsync("shared");

    [Test]
    public async Task NLM_lock_is_seen_by_LOCKT_and_denies_an_NFSv4_LOCK()
    {
        var nlm = await NlmAsync("v3host");
        Expect(await nlm.LockAsync(nlm.Lock(_file.Handle, 77, 10, 10), exclusive: true), Nlm4Stats.Granted);

        var t = await Session.TestLockAsync(_file.Handle, Session.NewOwner().Owner, NfsLockType4.Read, 15, 1);
        Assert.That(t.Status, Is.EqualTo(NfsStat4.Denied), t.Describe());
        var denied = LockDenied.Decode(t.Last(NfsOp4.Lockt).Reader);
        Assert.That((denied.Offset, denied.Length, denied.LockType), Is.EqualTo((10UL, 10UL, NfsLockType4.Write)));
        Assert.That(denied.Owner.ClientId, Is.Zero, "an NLM owner belongs to no NFSv4 client");
        Assert.That(Encoding.ASCII.GetString(denied.Owner.Owner.Span), Is.EqualTo("77@v3host"));

        var l = await Session.LockAsync(_file, Session.NewOwner(), NfsLockType4.Write, 0, 11);
        Assert.That(l.Status, Is.EqualTo(NfsStat4.Denied), l.Describe());
        Assert.That((await Session.LockAsync(_file, Session.NewOwner(), NfsLockType4.Write, 20, 5)).Status, Is.EqualTo(NfsStat4.Ok));

        Expect(await nlm.UnlockAsync(nlm.Lock(_file.Handle, 77, 10, 10)), Nlm4Stats.Granted);
        Assert.That((await Session.LockAsync(_file, Session.NewOwner(), NfsLockType4.Write, 0, 11)).Status, Is.EqualTo(NfsStat4.Ok));
    }

    [Test]
    public async Task NFSv4_lock_is_seen_by_NLM_TEST_and_denies_an_NLM_LOCK()
    {
        var owner = Session.NewOwner("v4owner");
        Assert.That((await Session.LockAsync(_file, owner, NfsLockType4.Read, 100, 50)).Status, Is.EqualTo(NfsStat4.Ok));
        var nlm = await NlmAsync("v3host");
        var t = await nlm.TestAsync(nlm.Lock(_file.Handle, 1, 120, 1), exclusive: true);
        Expect(t.Stat, Nlm4Stats.Denied);
        Assert.That((t.Holder.Exclusive, t.Holder.Svid, t.Holder.Offset, t.Holder.Length), Is.EqualTo((false, 0, 100UL, 50UL)));
        Assert.That(Encoding.ASCII.GetString(t.Holder.OwnerHandle.Span), Is.EqualTo("v4owner"));
        Expect(await nlm.LockAsync(nlm.Lock(_file.Handle, 1, 149, 10), exclusive: true), Nlm4Stats.Denied);
        Expect(await nlm.LockAsync(nlm.Lock(_file.Handle, 1, 149, 10), exclusive: false), Nlm4Stats.Granted);
    }

    [Test]
    public async Task Blocked_NLM_lock_is_granted_when_the_NFSv4_holder_unlocks()
    {
        var owner = Session.NewOwner();
        Assert.That((await Session.LockAsync(_file, owner, NfsLockType4.Write, 0, 10)).Status, Is.EqualTo(NfsStat4.Ok));
        var nlm = await NlmAsync("v3host");
        Expect(await nlm.LockAsync(nlm.Lock(_file.Handle, 1, 5, 10), exclusive: true, block: true), Nlm4Stats.Blocked);
        Assert.That((await Session.UnlockAsync(_file, owner, 0, 10)).Status, Is.EqualTo(NfsStat4.Ok));
        var granted = await Host.WaitForAsync<Nlm4TestArgs>(NlmProcedure.Granted, null, CallbackTimeout);
        Assert.That(granted.Lock.Offset, Is.EqualTo(5UL));
        Assert.That((await Session.LockAsync(_file, Session.NewOwner(), NfsLockType4.Read, 6, 1)).Status, Is.EqualTo(NfsStat4.Denied));
    }

    [Test]
    public async Task Blocked_NLM_lock_waits_until_the_NFSv4_holder_released_the_whole_range()
    {
        var owner = Session.NewOwner();
        Assert.That((await Session.LockAsync(_file, owner, NfsLockType4.Write, 0, 10)).Status, Is.EqualTo(NfsStat4.Ok));
        var nlm = await NlmAsync("v3host");
        Expect(await nlm.LockAsync(nlm.Lock(_file.Handle, 1, 0, 10), exclusive: true, block: true), Nlm4Stats.Blocked);
        Assert.That((await Session.UnlockAsync(_file, owner, 0, 5)).Status, Is.EqualTo(NfsStat4.Ok));
        await Task.Delay(1500); // past a periodic retry
        Assert.That(Host.Received<Nlm4TestArgs>(NlmProcedure.Granted), Is.Empty, "half the range is still held");
        Assert.That((await Session.UnlockAsync(_file, owner, 5, 5)).Status, Is.EqualTo(NfsStat4.Ok));
        await Host.WaitForAsync<Nlm4TestArgs>(NlmProcedure.Granted, null, CallbackTimeout);
    }

    [Test]
    public async Task NFSv4_client_whose_lease_expires_lets_a_blocked_NLM_lock_through()
    {
        await using var server = TestServer.Start(o =>
        {
            Configure(o);
            o.Nfs4.LeaseSeconds = 5;
        });
        var v4 = await server.OpenSessionAsync();
        var file = await v4.OpenAsync("f");
        Assert.That((await v4.LockAsync(file, v4.NewOwner(), NfsLockType4.Write, 0, 10)).Status, Is.EqualTo(NfsStat4.Ok));
        var nlm = Nlm4Client.On(await server.ConnectRpcAsync(), "v3host");
        Expect(await nlm.LockAsync(nlm.Lock(file.Handle, 1, 0, 10), exclusive: true, block: true), Nlm4Stats.Blocked);
        // The NFSv4 client stops renewing; the reaper releases its locks.
        await Host.WaitForAsync<Nlm4TestArgs>(NlmProcedure.Granted, null, TimeSpan.FromSeconds(30));
    }
}
