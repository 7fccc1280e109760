using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;

namespace Nfs.Core.Tests.State;

/// <summary>Open-owner sequencing and replay (RFC 7530 sections 9.1.7 to 9.1.9) and OPEN_DOWNGRADE.</summary>
public sealed class SeqIdTests : ServerTest
{
    [Test]
    public async Task Seqid_out_of_order_is_BAD_SEQID_and_does_not_advance()
    {
        var open = await Session.OpenAsync("f");
        uint expected = open.Owner.SeqId;
        open.Owner.SeqId = expected + 5;
        var bad = await Session.OpenRawAsync("g", open.Owner);
        Assert.That(bad.Status, Is.EqualTo(NfsStat4.BadSeqid));
        open.Owner.SeqId = expected;
        var good = await Session.OpenRawAsync("g", open.Owner);
        Assert.That(good.Status, Is.EqualTo(NfsStat4.Ok), $"seqid {expected} must still be the next one: {good.Describe()}");
    }

    [Test]
    public async Task Retransmitted_OPEN_with_the_last_seqid_gets_the_cached_result()
    {
        var first = await Session.OpenAsync("f");
        var owner = first.Owner;
        uint seq = owner.SeqId;
        var again = await Session.OpenRawAsync("g", owner);
        Assert.That(again.Status, Is.EqualTo(NfsStat4.Ok));
        owner.SeqId = seq; // the client retransmits the same request (a new xid)
        var replay = await Session.OpenRawAsync("g", owner);
        Assert.That(replay.Status, Is.EqualTo(NfsStat4.Ok));
        Assert.That(replay.Last(NfsOp4.Open).Body.ToArray(), Is.EqualTo(again.Last(NfsOp4.Open).Body.ToArray()));
    }

    [Test]
    public async Task Errors_that_advance_the_seqid_are_replayed_from_the_cache()
    {
        var first = await Session.OpenAsync("f");
        var owner = first.Owner;
        uint seq = owner.SeqId;
        var missing = await Session.OpenRawAsync("late", owner, create: false);
        Assert.That(missing.Status, Is.EqualTo(NfsStat4.Noent));
        await Session.CreateFileAsync("late");
        owner.SeqId = seq;
        var replay = await Session.OpenRawAsync("late", owner, create: false);
        Assert.That(replay.Status, Is.EqualTo(NfsStat4.Noent), "a retransmission gets the original answer, not a new execution");
        var next = await Session.OpenRawAsync("late", owner, create: false);
        Assert.That(next.Status, Is.EqualTo(NfsStat4.Ok), next.Describe());
    }

    [Test]
    public async Task Retransmitted_CLOSE_gets_the_cached_result()
    {
        var open = await Session.OpenAsync("f");
        uint seq = open.Owner.SeqId;
        var sid = open.StateId;
        var r1 = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutFh(open.Handle).Close(seq, sid));
        var r2 = await CompoundAsync(c => c.PutFh(open.Handle).Close(seq, sid));
        Assert.That(r2.Status, Is.EqualTo(NfsStat4.Ok), r2.Describe());
        Assert.That(r2.Last(NfsOp4.Close).Body.ToArray(), Is.EqualTo(r1.Last(NfsOp4.Close).Body.ToArray()));
    }

    [Test]
    public async Task Retransmitted_OPEN_CONFIRM_gets_the_cached_result()
    {
        var owner = Session.NewOwner();
        var r = await Session.OpenRawAsync("f", owner);
        var sid = OpenResult.Decode(r.Last(NfsOp4.Open).Reader).StateId;
        uint seq = owner.Next();
        var c1 = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutFh(r.FileHandle).OpenConfirm(sid, seq));
        var c2 = await CompoundAsync(c => c.PutFh(r.FileHandle).OpenConfirm(sid, seq));
        Assert.That(c2.Status, Is.EqualTo(NfsStat4.Ok));
        Assert.That(c2.Last(NfsOp4.OpenConfirm).Body.ToArray(), Is.EqualTo(c1.Last(NfsOp4.OpenConfirm).Body.ToArray()));
    }

    [Test]
    public async Task CLOSE_with_a_bad_seqid_is_BAD_SEQID_and_the_right_one_still_works()
    {
        var open = await Session.OpenAsync("f");
        var bad = await CompoundAsync(c => c.PutFh(open.Handle).Close(open.Owner.SeqId + 3, open.StateId));
        Assert.That(bad.Status, Is.EqualTo(NfsStat4.BadSeqid));
        await Session.CloseAsync(open);
    }

    [Test]
    public async Task Stateid_from_before_OPEN_CONFIRM_is_OLD_STATEID()
    {
        var owner = Session.NewOwner();
        var r = await Session.OpenRawAsync("f", owner);
        var original = OpenResult.Decode(r.Last(NfsOp4.Open).Reader).StateId;
        await Session.ExpectAsync(NfsStat4.Ok, c => c.PutFh(r.FileHandle).OpenConfirm(original, owner.Next()));
        var read = await CompoundAsync(c => c.PutFh(r.FileHandle).Read(original, 0, 1));
        Assert.That(read.Status, Is.EqualTo(NfsStat4.OldStateid));
    }

    [Test]
    public async Task OPEN_DOWNGRADE_to_a_mode_never_granted_is_INVAL()
    {
        var open = await Session.OpenAsync("f", access: OpenShare4.AccessBoth);
        var r = await CompoundAsync(c => c.PutFh(open.Handle).OpenDowngrade(open.StateId, open.Owner.Next(), OpenShare4.AccessRead, OpenShare4.DenyNone));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Inval));
    }

    [TestCase(0u, OpenShare4.DenyNone)]
    [TestCase(OpenShare4.AccessBoth, OpenShare4.DenyNone)] // more than the open holds
    [TestCase(OpenShare4.AccessRead, OpenShare4.DenyRead)]
    [TestCase(4u, OpenShare4.DenyNone)]
    public async Task OPEN_DOWNGRADE_beyond_what_the_open_holds_is_INVAL(uint access, uint deny)
    {
        var open = await Session.OpenAsync("f", access: OpenShare4.AccessRead);
        var r = await CompoundAsync(c => c.PutFh(open.Handle).OpenDowngrade(open.StateId, open.Owner.Next(), access, deny));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Inval));
    }

    [Test]
    public async Task OPEN_DOWNGRADE_to_an_earlier_open_mode_narrows_the_open()
    {
        var open = await Session.OpenAsync("f", access: OpenShare4.AccessRead);
        var upgraded = await Session.OpenAsync("f", open.Owner, create: false, access: OpenShare4.AccessWrite);
        var r = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutFh(open.Handle).OpenDowngrade(upgraded.StateId, open.Owner.Next(), OpenShare4.AccessRead, OpenShare4.DenyNone));
        var narrowed = StateId4.Decode(r.Last(NfsOp4.OpenDowngrade).Reader);
        Assert.That(narrowed.SeqId, Is.EqualTo(upgraded.StateId.SeqId + 1));
        var write = await CompoundAsync(c => c.PutFh(open.Handle).Write(narrowed, 0, new byte[1]));
        Assert.That(write.Status, Is.EqualTo(NfsStat4.Openmode));
        var read = await CompoundAsync(c => c.PutFh(open.Handle).Read(narrowed, 0, 1));
        Assert.That(read.Status, Is.EqualTo(NfsStat4.Ok));
    }

    [Test]
    public async Task OPEN_DOWNGRADE_releases_a_deny_so_others_can_open()
    {
        var open = await Session.OpenAsync("f", access: OpenShare4.AccessRead, deny: OpenShare4.DenyNone);
        var stricter = await Session.OpenAsync("f", open.Owner, create: false, access: OpenShare4.AccessRead, deny: OpenShare4.DenyWrite);
        var blocked = await Session.OpenRawAsync("f", Session.NewOwner(), create: false, access: OpenShare4.AccessWrite);
        Assert.That(blocked.Status, Is.EqualTo(NfsStat4.ShareDenied));
        await Session.ExpectAsync(NfsStat4.Ok, c => c.PutFh(open.Handle).OpenDowngrade(stricter.StateId, open.Owner.Next(), OpenShare4.AccessRead, OpenShare4.DenyNone));
        var allowed = await Session.OpenRawAsync("f", Session.NewOwner(), create: false, access: OpenShare4.AccessWrite);
        Assert.That(allowed.Status, Is.EqualTo(NfsStat4.Ok), allowed.Describe());
    }
}
