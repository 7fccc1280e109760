using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nlm;
using Nfs.Protocol.Rpc;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Nlm;

/// <summary>NLM version 4 TEST, LOCK, UNLOCK, NM_LOCK and FREE_ALL between NFSv3 client hosts and processes, over TCP.</summary>
public sealed class NlmLockTests : NlmTest
{
    [Test]
    public async Task NULL_answers_and_versions_other_than_4_are_PROG_MISMATCH()
    {
        var nlm = await NlmAsync();
        await nlm.NullAsync();
        var v3 = await nlm.CallAsync(NlmProcedure.Null, null, version: 3);
        RpcAssert.Accepted(v3, RpcAcceptStatus.ProgramMismatch);
        Assert.That((v3.Header.MismatchLow, v3.Header.MismatchHigh), Is.EqualTo((4u, 4u)));
    }

    [Test]
    public async Task Conflicting_lock_of_another_process_is_DENIED_and_a_disjoint_one_GRANTED()
    {
        var fh = await FileAsync();
        var a = await NlmAsync("hostA");
        var b = await NlmAsync("hostB");
        Expect(await a.LockAsync(a.Lock(fh, 10, 0, 100), exclusive: true), Nlm4Stats.Granted);
        Expect(await b.LockAsync(b.Lock(fh, 20, 50, 10), exclusive: true), Nlm4Stats.Denied);
        Expect(await b.LockAsync(b.Lock(fh, 20, 50, 10), exclusive: false), Nlm4Stats.Denied);
        Expect(await b.LockAsync(b.Lock(fh, 20, 100, 10), exclusive: true), Nlm4Stats.Granted);
        // Two processes of one host are two owners too.
        Expect(await a.LockAsync(a.Lock(fh, 11, 0, 1), exclusive: false), Nlm4Stats.Denied);
    }

    [Test]
    public async Task Read_locks_of_two_owners_coexist()
    {
        var fh = await FileAsync();
        var a = await NlmAsync("hostA");
        var b = await NlmAsync("hostB");
        Expect(await a.LockAsync(a.Lock(fh, 1, 0, 100), exclusive: false), Nlm4Stats.Granted);
        Expect(await b.LockAsync(b.Lock(fh, 1, 50, 100), exclusive: false), Nlm4Stats.Granted);
        Expect(await b.LockAsync(b.Lock(fh, 2, 99, 1), exclusive: true), Nlm4Stats.Denied);
    }

    [Test]
    public async Task TEST_returns_the_holder_and_GRANTED_to_the_holder_itself()
    {
        var fh = await FileAsync();
        var a = await NlmAsync("hostA");
        var b = await NlmAsync("hostB");
        Expect(await a.LockAsync(a.Lock(fh, 42, 100, 50), exclusive: true), Nlm4Stats.Granted);
        var t = await b.TestAsync(b.Lock(fh, 7, 120, 1), exclusive: false);
        Expect(t.Stat, Nlm4Stats.Denied);
        Assert.That((t.Holder.Exclusive, t.Holder.Svid, t.Holder.Offset, t.Holder.Length), Is.EqualTo((true, 42, 100UL, 50UL)));
        Assert.That(t.Holder.OwnerHandle.ToArray(), Is.EqualTo(a.OwnerHandle(42)));
        Expect((await a.TestAsync(a.Lock(fh, 42, 0, 0), exclusive: true)).Stat, Nlm4Stats.Granted);
        Expect((await b.TestAsync(b.Lock(fh, 7, 150, 10), exclusive: true)).Stat, Nlm4Stats.Granted);
    }

    [Test]
    public async Task Length_0_locks_to_the_end_of_the_file_and_TEST_reports_it_as_0()
    {
        var fh = await FileAsync();
        var a = await NlmAsync("hostA");
        var b = await NlmAsync("hostB");
        Expect(await a.LockAsync(a.Lock(fh, 1, 1000, 0), exclusive: true), Nlm4Stats.Granted);
        var t = await b.TestAsync(b.Lock(fh, 1, ulong.MaxValue - 1, 1), exclusive: false);
        Expect(t.Stat, Nlm4Stats.Denied);
        Assert.That((t.Holder.Offset, t.Holder.Length), Is.EqualTo((1000UL, 0UL)));
    }

    [Test]
    public async Task UNLOCK_frees_the_range_for_others_and_splits_a_larger_lock()
    {
        var fh = await FileAsync();
        var a = await NlmAsync("hostA");
        var b = await NlmAsync("hostB");
        Expect(await a.LockAsync(a.Lock(fh, 1, 0, 100), exclusive: true), Nlm4Stats.Granted);
        Expect(await a.UnlockAsync(a.Lock(fh, 1, 40, 20)), Nlm4Stats.Granted);
        Expect(await b.LockAsync(b.Lock(fh, 1, 40, 20), exclusive: true), Nlm4Stats.Granted);
        Expect(await b.LockAsync(b.Lock(fh, 1, 39, 1), exclusive: true), Nlm4Stats.Denied);
        Expect(await b.LockAsync(b.Lock(fh, 1, 60, 1), exclusive: true), Nlm4Stats.Denied);
        // Unlocking what one does not hold is fine.
        Expect(await b.UnlockAsync(b.Lock(fh, 9, 0, 0)), Nlm4Stats.Granted);
    }

    [Test]
    public async Task Same_owner_upgrades_its_own_lock()
    {
        var fh = await FileAsync();
        var a = await NlmAsync("hostA");
        Expect(await a.LockAsync(a.Lock(fh, 1, 0, 10), exclusive: false), Nlm4Stats.Granted);
        Expect(await a.LockAsync(a.Lock(fh, 1, 0, 10), exclusive: true), Nlm4Stats.Granted);
        var b = await NlmAsync("hostB");
        Assert.That((await b.TestAsync(b.Lock(fh, 1, 5, 1), exclusive: false)).Holder.Exclusive, Is.True);
    }

    [Test]
    public async Task Last_unlock_forgets_the_host()
    {
        var fh = await FileAsync();
        var a = await NlmAsync("hostA");
        Expect(await a.LockAsync(a.Lock(fh, 1, 0, 10), exclusive: true), Nlm4Stats.Granted);
        Assert.That(Server.Server.State.NlmHostNames, Is.EquivalentTo(new[] { "hostA" }));
        Expect(await a.UnlockAsync(a.Lock(fh, 1, 0, 10)), Nlm4Stats.Granted);
        Assert.That(Server.Server.State.NlmHostNames, Is.Empty);
    }

    [Test]
    public async Task FREE_ALL_releases_every_lock_of_the_host_only()
    {
        var f1 = await FileAsync("f1");
        var f2 = await FileAsync("f2");
        var a = await NlmAsync("hostA");
        var b = await NlmAsync("hostB");
        var c = await NlmAsync("hostC");
        Expect(await a.LockAsync(a.Lock(f1, 1, 0, 0), exclusive: true), Nlm4Stats.Granted);
        Expect(await a.LockAsync(a.Lock(f2, 2, 0, 10), exclusive: false), Nlm4Stats.Granted);
        Expect(await b.LockAsync(b.Lock(f2, 1, 20, 10), exclusive: true), Nlm4Stats.Granted);
        await c.FreeAllAsync("HOSTA"); // host names compare without case
        Expect(await c.LockAsync(c.Lock(f1, 1, 0, 0), exclusive: true), Nlm4Stats.Granted);
        Expect(await c.LockAsync(c.Lock(f2, 1, 0, 10), exclusive: true), Nlm4Stats.Granted);
        Expect(await c.LockAsync(c.Lock(f2, 1, 25, 1), exclusive: true), Nlm4Stats.Denied);
    }

    [Test]
    public async Task LOCK_records_the_host_for_restart_notification_and_NM_LOCK_does_not()
    {
        var fh = await FileAsync();
        var a = await NlmAsync("monitored");
        var b = await NlmAsync("unmonitored");
        Expect(await a.LockAsync(a.Lock(fh, 1, 0, 10), exclusive: true), Nlm4Stats.Granted);
        Expect(await b.LockAsync(b.Lock(fh, 1, 10, 10), exclusive: true, procedure: NlmProcedure.NmLock), Nlm4Stats.Granted);
        Expect(await b.LockAsync(b.Lock(fh, 1, 0, 1), exclusive: true, procedure: NlmProcedure.NmLock), Nlm4Stats.Denied);
        var hosts = await Server.Server.Nlm!.Hosts.GetAllAsync();
        Assert.That(hosts.Select(h => h.Name), Is.EquivalentTo(new[] { "monitored" }));
    }

    [Test]
    public async Task Unknown_filehandle_is_STALE_FH()
    {
        var a = await NlmAsync();
        Expect(await a.LockAsync(a.Lock([1, 0, 0, 99, 5, 5], 1, 0, 1), exclusive: true), Nlm4Stats.StaleFileHandle);
        Expect(await a.LockAsync(a.Lock([7, 7, 7], 1, 0, 1), exclusive: true), Nlm4Stats.StaleFileHandle);
        Expect((await a.TestAsync(a.Lock([7, 7, 7], 1, 0, 1), exclusive: true)).Stat, Nlm4Stats.StaleFileHandle);
    }

    [Test]
    public async Task Directory_cannot_be_locked()
    {
        var dir = await Session.MkdirAsync("d");
        var a = await NlmAsync();
        Expect(await a.LockAsync(a.Lock(dir, 1, 0, 1), exclusive: true), Nlm4Stats.Failed);
    }
}
