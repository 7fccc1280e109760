using Nfs.Protocol.Nlm;
using Nfs.Protocol.Portmap;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Nlm;

/// <summary>
/// Blocking LOCK: BLOCKED, then GRANTED to the client's lock manager (found through its port
/// mapper) once the holder lets go; CANCEL; refusals of GRANTED; the asynchronous _MSG forms.
/// </summary>
public sealed class NlmBlockingLockTests : NlmTest
{
    [Test]
    public async Task Blocked_lock_is_granted_through_GRANTED_after_the_holder_unlocks()
    {
        var fh = await FileAsync();
        var a = await NlmAsync("hostA");
        var b = await NlmAsync("hostB");
        Expect(await a.LockAsync(a.Lock(fh, 1, 0, 100), exclusive: true), Nlm4Stats.Granted);
        var wanted = b.Lock(fh, 2, 10, 20);
        Expect(await b.LockAsync(wanted, exclusive: true, block: true), Nlm4Stats.Blocked);
        Assert.That(Host.Received<Nlm4TestArgs>(NlmProcedure.Granted), Is.Empty);

        Expect(await a.UnlockAsync(a.Lock(fh, 1, 0, 100)), Nlm4Stats.Granted);
        var granted = await Host.WaitForAsync<Nlm4TestArgs>(NlmProcedure.Granted, null, CallbackTimeout);
        Assert.That((granted.Exclusive, granted.Lock.Svid, granted.Lock.Offset, granted.Lock.Length, granted.Lock.CallerName), Is.EqualTo((true, 2, 10UL, 20UL, "hostB")));
        Assert.That(granted.Lock.FileHandle.ToArray(), Is.EqualTo(fh));
        Assert.That(granted.Lock.OwnerHandle.ToArray(), Is.EqualTo(b.OwnerHandle(2)));
        // The client's port mapper was asked where its NLM version 4 listens.
        var asked = await Host.WaitForAsync<PortmapMapping>(PortmapConstants.Program, PortmapConstants.ProcGetPort, m => m.Program == NlmConstants.Program, CallbackTimeout);
        Assert.That((asked.Version, asked.Protocol), Is.EqualTo((4u, PortmapConstants.ProtocolTcp)));

        // The lock is now B's.
        var t = await a.TestAsync(a.Lock(fh, 1, 15, 1), exclusive: false);
        Expect(t.Stat, Nlm4Stats.Denied);
        Assert.That(t.Holder.Svid, Is.EqualTo(2));
        Assert.That(Server.Server.Nlm!.BlockedCount, Is.Zero);
    }

    [Test]
    public async Task Waiters_are_granted_in_turn_as_each_holder_unlocks()
    {
        var fh = await FileAsync();
        var a = await NlmAsync("hostA");
        var b = await NlmAsync("hostB");
        var c = await NlmAsync("hostC");
        Expect(await a.LockAsync(a.Lock(fh, 1, 0, 10), exclusive: true), Nlm4Stats.Granted);
        Expect(await b.LockAsync(b.Lock(fh, 1, 0, 10), exclusive: true, block: true), Nlm4Stats.Blocked);
        Expect(await c.LockAsync(c.Lock(fh, 1, 0, 10), exclusive: true, block: true), Nlm4Stats.Blocked);
        // A retransmitted blocked request is the same request, not a second one.
        Expect(await b.LockAsync(b.Lock(fh, 1, 0, 10), exclusive: true, block: true), Nlm4Stats.Blocked);
        Assert.That(Server.Server.Nlm!.BlockedCount, Is.EqualTo(2));

        Expect(await a.UnlockAsync(a.Lock(fh, 1, 0, 10)), Nlm4Stats.Granted);
        await Host.WaitForAsync<Nlm4TestArgs>(NlmProcedure.Granted, g => g.Lock.CallerName == "hostB", CallbackTimeout);
        await Task.Delay(300);
        Assert.That(Host.Received<Nlm4TestArgs>(NlmProcedure.Granted).Any(g => g.Lock.CallerName == "hostC"), Is.False, "C must wait for B");

        Expect(await b.UnlockAsync(b.Lock(fh, 1, 0, 10)), Nlm4Stats.Granted);
        await Host.WaitForAsync<Nlm4TestArgs>(NlmProcedure.Granted, g => g.Lock.CallerName == "hostC", CallbackTimeout);
    }

    [Test]
    public async Task CANCEL_withdraws_a_blocked_lock()
    {
        var fh = await FileAsync();
        var a = await NlmAsync("hostA");
        var b = await NlmAsync("hostB");
        Expect(await a.LockAsync(a.Lock(fh, 1, 0, 10), exclusive: true), Nlm4Stats.Granted);
        Expect(await b.LockAsync(b.Lock(fh, 5, 0, 10), exclusive: true, block: true), Nlm4Stats.Blocked);
        Assert.That(Server.Server.Nlm!.BlockedCount, Is.EqualTo(1));
        Expect(await b.CancelAsync(b.Lock(fh, 5, 0, 10), exclusive: true), Nlm4Stats.Granted);
        Assert.That(Server.Server.Nlm!.BlockedCount, Is.Zero);

        Expect(await a.UnlockAsync(a.Lock(fh, 1, 0, 10)), Nlm4Stats.Granted);
        await Task.Delay(1500); // past a periodic retry
        Assert.That(Host.Received<Nlm4TestArgs>(NlmProcedure.Granted), Is.Empty);
        var c = await NlmAsync("hostC");
        Expect(await c.LockAsync(c.Lock(fh, 1, 0, 10), exclusive: true), Nlm4Stats.Granted);
    }

    [Test]
    public async Task CANCEL_of_a_request_that_is_not_waiting_is_GRANTED()
    {
        var fh = await FileAsync();
        var a = await NlmAsync();
        Expect(await a.CancelAsync(a.Lock(fh, 1, 0, 10), exclusive: true), Nlm4Stats.Granted);
    }

    [Test]
    public async Task Lock_the_client_refuses_in_its_GRANTED_answer_is_released()
    {
        var fh = await FileAsync();
        var a = await NlmAsync("hostA");
        var b = await NlmAsync("hostB");
        Host.GrantedAnswer = Nlm4Stats.Denied; // B's process gave up meanwhile
        Expect(await a.LockAsync(a.Lock(fh, 1, 0, 10), exclusive: true), Nlm4Stats.Granted);
        Expect(await b.LockAsync(b.Lock(fh, 1, 0, 10), exclusive: true, block: true), Nlm4Stats.Blocked);
        Expect(await a.UnlockAsync(a.Lock(fh, 1, 0, 10)), Nlm4Stats.Granted);
        await Host.WaitForAsync<Nlm4TestArgs>(NlmProcedure.Granted, null, CallbackTimeout);
        await WaitUntilAsync(async () => (await a.TestAsync(a.Lock(fh, 1, 0, 10), exclusive: true)).Stat == Nlm4Stats.Granted);
    }

    [Test]
    public async Task Lock_granted_to_an_unreachable_client_is_released_after_the_retries()
    {
        var fh = await FileAsync();
        var a = await NlmAsync("hostA");
        var b = await NlmAsync("hostB");
        Expect(await a.LockAsync(a.Lock(fh, 1, 0, 10), exclusive: true), Nlm4Stats.Granted);
        Expect(await b.LockAsync(b.Lock(fh, 1, 0, 10), exclusive: true, block: true), Nlm4Stats.Blocked);
        await Host.DisposeAsync(); // B's host goes away: no port mapper, no lock manager
        Expect(await a.UnlockAsync(a.Lock(fh, 1, 0, 10)), Nlm4Stats.Granted);
        var c = await NlmAsync("hostC");
        await WaitUntilAsync(async () => await c.LockAsync(c.Lock(fh, 1, 0, 10), exclusive: true) == Nlm4Stats.Granted);
    }

    [Test]
    public async Task LOCK_MSG_answers_with_LOCK_RES_and_a_blocked_one_with_GRANTED_MSG()
    {
        var fh = await FileAsync();
        var a = await NlmAsync("hostA");
        var b = await NlmAsync("hostB");
        byte[] c1 = [1, 1, 1, 1], c2 = [2, 2, 2, 2];
        Expect(await a.LockAsync(a.Lock(fh, 1, 0, 10), exclusive: true, procedure: NlmProcedure.LockMsg, cookie: c1), Nlm4Stats.Granted);
        var res1 = await Host.WaitForAsync<Nlm4Result>(NlmProcedure.LockRes, r => r.Cookie.Span.SequenceEqual(c1), CallbackTimeout);
        Expect(res1.Stat, Nlm4Stats.Granted);

        Expect(await b.LockAsync(b.Lock(fh, 1, 0, 10), exclusive: true, block: true, procedure: NlmProcedure.LockMsg, cookie: c2), Nlm4Stats.Granted);
        var res2 = await Host.WaitForAsync<Nlm4Result>(NlmProcedure.LockRes, r => r.Cookie.Span.SequenceEqual(c2), CallbackTimeout);
        Expect(res2.Stat, Nlm4Stats.Blocked);

        Expect(await a.UnlockAsync(a.Lock(fh, 1, 0, 10)), Nlm4Stats.Granted);
        var granted = await Host.WaitForAsync<Nlm4TestArgs>(NlmProcedure.GrantedMsg, null, CallbackTimeout);
        Assert.That(granted.Lock.CallerName, Is.EqualTo("hostB"));

        // The client's GRANTED_RES refusing the lock releases it.
        var answer = await b.CallAsync(NlmProcedure.GrantedRes, new Nlm4Result(granted.Cookie, Nlm4Stats.Denied).Encode);
        Assert.That(answer.Header.IsSuccess, Is.True);
        await WaitUntilAsync(async () => (await a.TestAsync(a.Lock(fh, 1, 0, 10), exclusive: true)).Stat == Nlm4Stats.Granted);
    }

    [Test]
    public async Task TEST_MSG_and_UNLOCK_MSG_answer_with_their_RES_calls()
    {
        var fh = await FileAsync();
        var a = await NlmAsync("hostA");
        var b = await NlmAsync("hostB");
        Expect(await a.LockAsync(a.Lock(fh, 3, 0, 10), exclusive: true), Nlm4Stats.Granted);
        byte[] cookie = [9, 8, 7];
        var sent = await b.CallAsync(NlmProcedure.TestMsg, new Nlm4TestArgs(cookie, true, b.Lock(fh, 1, 5, 1)).Encode);
        Assert.That(sent.Header.IsSuccess, Is.True);
        Assert.That(sent.Body.Length, Is.Zero, "a _MSG call's reply is empty");
        var res = await Host.WaitForAsync<Nlm4TestResult>(NlmProcedure.TestRes, r => r.Cookie.Span.SequenceEqual(cookie), CallbackTimeout);
        Expect(res.Stat, Nlm4Stats.Denied);
        Assert.That(res.Holder.Svid, Is.EqualTo(3));

        await a.CallAsync(NlmProcedure.UnlockMsg, new Nlm4UnlockArgs(cookie, a.Lock(fh, 3, 0, 10)).Encode);
        Expect((await Host.WaitForAsync<Nlm4Result>(NlmProcedure.UnlockRes, null, CallbackTimeout)).Stat, Nlm4Stats.Granted);
        Expect((await b.TestAsync(b.Lock(fh, 1, 5, 1), exclusive: true)).Stat, Nlm4Stats.Granted);
    }

    [Test]
    public async Task FREE_ALL_drops_the_hosts_blocked_requests()
    {
        var fh = await FileAsync();
        var a = await NlmAsync("hostA");
        var b = await NlmAsync("hostB");
        Expect(await a.LockAsync(a.Lock(fh, 1, 0, 10), exclusive: true), Nlm4Stats.Granted);
        Expect(await b.LockAsync(b.Lock(fh, 1, 0, 10), exclusive: true, block: true), Nlm4Stats.Blocked);
        await b.FreeAllAsync();
        Assert.That(Server.Server.Nlm!.BlockedCount, Is.Zero);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + CallbackTimeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("condition not met in time");
            await Task.Delay(100);
        }
    }
}
