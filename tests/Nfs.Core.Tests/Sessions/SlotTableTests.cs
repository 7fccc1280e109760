using System.Text;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Tests.Sessions;

/// <summary>The fore channel slot table and reply cache (RFC 8881 sections 2.10.6 and 18.46).</summary>
public sealed class SlotTableTests : Session41Test
{
    private static CreateArgs Directory(string name) => new(NfsFileType4.Directory, "", default, Encoding.UTF8.GetBytes(name), default);

    [Test]
    public async Task First_request_on_a_slot_uses_sequence_id_1_and_is_echoed()
    {
        var s = await NewRawSessionAsync(fore: V41.Channel(slots: 4), reclaimComplete: false);
        var r = await s.SendAtAsync(2, 1, c => c.PutRootFh());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), r.Describe());
        var seq = r.Sequence();
        Assert.That(seq.SessionId, Is.EqualTo(s.Id));
        Assert.That(seq.SequenceId, Is.EqualTo(1u));
        Assert.That(seq.SlotId, Is.EqualTo(2u));
        Assert.That(seq.HighestSlotId, Is.EqualTo(3u), "highest slot of a 4-slot table");
    }

    [Test]
    public async Task Sequence_id_0_on_a_fresh_slot_is_SEQ_MISORDERED()
    {
        var s = await NewRawSessionAsync(reclaimComplete: false);
        var r = await s.SendAtAsync(1, 0, c => c.PutRootFh());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.SeqMisordered), r.Describe());
    }

    [Test]
    public async Task Retransmission_returns_the_cached_reply_byte_for_byte_and_CREATE_runs_once()
    {
        var s = await NewRawSessionAsync();
        var before = (ulong)(await s.SendAsync(c => c.PutRootFh().GetAttr(A.Change), slot: 1)).Attributes()[A.Change];

        Action<Compound> mkdir = c => c.PutRootFh().Create(Directory("d")).GetFh();
        var first = await s.SendAtRawAsync(2, 1, mkdir, cacheThis: true);
        var retransmitted = await s.SendAtRawAsync(2, 1, mkdir, cacheThis: true);

        Assert.That(retransmitted, Is.EqualTo(first), "a retransmission gets the cached reply");
        var decoded = CompoundReply.Decode(new Protocol.Xdr.XdrReader(first));
        Assert.That(decoded.Status, Is.EqualTo(NfsStat4.Ok), decoded.Describe());
        var change = ChangeInfo4.Decode(decoded.Last(NfsOp4.Create).Reader);

        // The directory changed once: its change attribute is the one the first CREATE reported.
        var after = (ulong)(await s.SendAsync(c => c.PutRootFh().GetAttr(A.Change), slot: 1)).Attributes()[A.Change];
        Assert.That(change.Before, Is.EqualTo(before));
        Assert.That(after, Is.EqualTo(change.After), "a second CREATE would have changed the directory again");

        // And the next request on the slot runs normally (a second CREATE of the name is EXIST).
        var next = await s.SendAtAsync(2, 2, mkdir);
        Assert.That(next.Status, Is.EqualTo(NfsStat4.Exist), next.Describe());
    }

    [Test]
    public async Task Retransmission_of_an_error_reply_is_replayed_too()
    {
        var s = await NewRawSessionAsync();
        var first = await s.SendAtRawAsync(3, 1, c => c.PutRootFh().Lookup("missing"), cacheThis: true);
        var again = await s.SendAtRawAsync(3, 1, c => c.PutRootFh().Lookup("missing"), cacheThis: true);
        Assert.That(again, Is.EqualTo(first));
        Assert.That(CompoundReply.Decode(new Protocol.Xdr.XdrReader(again)).Status, Is.EqualTo(NfsStat4.Noent));
    }

    [Test]
    public async Task Sequence_id_two_ahead_is_SEQ_MISORDERED()
    {
        var s = await NewRawSessionAsync();
        Assert.That((await s.SendAtAsync(1, 1, c => c.PutRootFh())).Status, Is.EqualTo(NfsStat4.Ok));
        var r = await s.SendAtAsync(1, 3, c => c.PutRootFh());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.SeqMisordered), r.Describe());
        Assert.That(r.Results, Has.Count.EqualTo(1), "nothing after a failed SEQUENCE runs");
        // The slot still expects 2.
        Assert.That((await s.SendAtAsync(1, 2, c => c.PutRootFh())).Status, Is.EqualTo(NfsStat4.Ok));
    }

    [Test]
    public async Task Sequence_id_behind_the_last_one_is_SEQ_MISORDERED()
    {
        var s = await NewRawSessionAsync();
        await s.SendAtAsync(1, 1, c => c.PutRootFh());
        await s.SendAtAsync(1, 2, c => c.PutRootFh());
        var r = await s.SendAtAsync(1, 1, c => c.PutRootFh());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.SeqMisordered), r.Describe());
    }

    [Test]
    public async Task Slot_beyond_the_negotiated_count_is_BADSLOT()
    {
        var s = await NewRawSessionAsync(fore: V41.Channel(slots: 4));
        Assert.That(s.Info.Fore.MaxRequests, Is.EqualTo(4u));
        Assert.That((await s.SendAtAsync(3, 1, c => c.PutRootFh())).Status, Is.EqualTo(NfsStat4.Ok));
        var r = await s.SendAtAsync(4, 1, c => c.PutRootFh());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Badslot), r.Describe());
    }

    [Test]
    public async Task Unknown_session_is_BADSESSION()
    {
        var s = await NewRawSessionAsync();
        var bogus = new SessionId4(s.Id.High ^ 0x5A5A, s.Id.Low ^ 0xA5A5);
        var r = await s.Client.CompoundAsync(s.Build(0, 1, c => c.PutRootFh(), session: bogus));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Badsession), r.Describe());
    }

    [Test]
    public async Task Retransmission_of_an_uncached_reply_is_RETRY_UNCACHED_REP()
    {
        var s = await NewRawSessionAsync();
        var fh = await s.CreateFileAsync("big", new byte[8192]);
        Action<Compound> read = c => c.PutFh(fh).Read(StateId4.Anonymous, 0, 8192);
        var first = await s.SendAtAsync(5, 1, read, cacheThis: false);
        Assert.That(first.Status, Is.EqualTo(NfsStat4.Ok), first.Describe());
        var again = await s.SendAtAsync(5, 1, read, cacheThis: false);
        Assert.That(again.Status, Is.EqualTo(NfsStat4.RetryUncachedRep), again.Describe());
        Assert.That(again.Results, Has.Count.EqualTo(1));
        Assert.That(again.Results[0].Op, Is.EqualTo(NfsOp4.Sequence));
    }

    [Test]
    public async Task Slots_have_independent_sequence_ids()
    {
        var s = await NewRawSessionAsync(fore: V41.Channel(slots: 4));
        Assert.That((await s.SendAtAsync(1, 1)).Status, Is.EqualTo(NfsStat4.Ok));
        Assert.That((await s.SendAtAsync(1, 2)).Status, Is.EqualTo(NfsStat4.Ok));
        Assert.That((await s.SendAtAsync(1, 3)).Status, Is.EqualTo(NfsStat4.Ok));
        // Slot 2 starts at 1 whatever slot 1 did, and slot 1's next is still 4.
        Assert.That((await s.SendAtAsync(2, 1)).Status, Is.EqualTo(NfsStat4.Ok));
        Assert.That((await s.SendAtAsync(2, 4)).Status, Is.EqualTo(NfsStat4.SeqMisordered));
        Assert.That((await s.SendAtAsync(1, 4)).Status, Is.EqualTo(NfsStat4.Ok));
        Assert.That((await s.SendAtAsync(2, 2)).Status, Is.EqualTo(NfsStat4.Ok));
    }

    [Test]
    public async Task Concurrent_requests_on_different_slots_all_run()
    {
        const int n = 8;
        var s = await NewRawSessionAsync(fore: V41.Channel(slots: n, maxOperations: 8));
        var replies = await Task.WhenAll(Enumerable.Range(0, n).Select(i =>
            s.SendAtAsync((uint)i, s.NextSequence((uint)i), c => c.PutRootFh().Create(Directory("dir" + i)))));
        for (int i = 0; i < n; i++)
        {
            Assert.That(replies[i].Status, Is.EqualTo(NfsStat4.Ok), $"slot {i}: {replies[i].Describe()}");
            Assert.That(replies[i].Sequence().SlotId, Is.EqualTo((uint)i));
        }
        for (int i = 0; i < n; i++)
        {
            var r = await s.SendAsync(c => c.PutRootFh().Lookup("dir" + i), slot: (uint)i);
            Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), $"dir{i}: {r.Describe()}");
        }
    }
}

/// <summary>Slot table behaviour while a request runs: the slot is busy, the others are free.</summary>
public sealed class SlotInUseTests : Session41Test
{
    [Test]
    public async Task Retransmission_of_a_request_still_running_is_DELAY_while_other_slots_work()
    {
        // A GETATTR that waits for the holder of a write delegation to answer CB_GETATTR runs
        // as long as the test lets it.
        var holder = await NewClientAsync();
        await holder.Session.CreateFileAsync("f", [1, 2]);
        var (file, deleg) = await holder.Session.OpenWithDelegationAsync("f", OpenShare4.AccessBoth | Want.WriteDeleg);
        Assert.That(deleg.Type, Is.EqualTo(OpenDelegationType4.Write));
        using var gate = new ManualResetEventSlim();
        holder.Callbacks.OnGetAttr = _ =>
        {
            gate.Wait(TimeSpan.FromSeconds(10));
            return (NfsStat4.Ok, new FattrBuilder().UInt64(A.Change, 1).Size(2).Build());
        };

        var s = await NewRawSessionAsync();
        Action<Compound> getattr = c => c.PutFh(file.Handle).GetAttr(A.Change, A.Size);
        var running = s.SendAtAsync(1, 1, getattr);
        try
        {
            await holder.Callbacks.WaitForAsync<CbGetAttrRequest>(DelegationHelpers.CallbackTimeout);
            var retransmitted = await s.SendAtAsync(1, 1, getattr);
            Assert.That(retransmitted.Status, Is.EqualTo(NfsStat4.Delay), retransmitted.Describe());
            var otherSlot = await s.SendAtAsync(2, 1, c => c.PutRootFh().GetFh());
            Assert.That(otherSlot.Status, Is.EqualTo(NfsStat4.Ok), otherSlot.Describe());
        }
        finally
        {
            gate.Set();
        }
        var done = await running;
        Assert.That(done.Status, Is.EqualTo(NfsStat4.Ok), done.Describe());
        // The finished request's reply is now cached for a retransmission.
        var replayed = await s.SendAtAsync(1, 1, getattr);
        Assert.That(replayed.Status, Is.EqualTo(NfsStat4.Ok), replayed.Describe());
        Assert.That(holder.Callbacks.ReceivedOperations<CbGetAttrRequest>(), Has.Count.EqualTo(1), "the replay did not run GETATTR again");
    }

    [Test]
    public async Task Request_larger_than_ca_maxrequestsize_is_REQ_TOO_BIG()
    {
        var s = await NewRawSessionAsync(fore: V41.Channel(maxRequest: 512));
        var fh = await s.CreateFileAsync("f", new byte[16]);
        var small = await s.SendAsync(c => c.PutFh(fh).Write(StateId4.Anonymous, 0, new byte[16]));
        Assert.That(small.Status, Is.EqualTo(NfsStat4.Ok), small.Describe());
        var big = await s.SendAsync(c => c.PutFh(fh).Write(StateId4.Anonymous, 0, new byte[2048]));
        Assert.That(big.Status, Is.EqualTo(NfsStat4.ReqTooBig), big.Describe());
        Assert.That(big.Results, Has.Count.EqualTo(1), "refused at SEQUENCE");
    }
}
