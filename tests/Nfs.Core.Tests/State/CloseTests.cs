using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Tests.State;

/// <summary>CLOSE (RFC 7530 section 16.2).</summary>
public sealed class CloseTests : ServerTest
{
    [Test]
    public async Task CLOSE_with_locks_held_is_LOCKS_HELD_until_they_are_released()
    {
        var open = await Session.OpenAsync("f");
        var lockOwner = Session.NewOwner();
        Assert.That((await Session.LockAsync(open, lockOwner, NfsLockType4.Write, 0, 10)).Status, Is.EqualTo(NfsStat4.Ok));
        var r = await CompoundAsync(c => c.PutFh(open.Handle).Close(open.Owner.Next(), open.StateId));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.LocksHeld));
        Assert.That((await Session.UnlockAsync(open, lockOwner, 0, 10)).Status, Is.EqualTo(NfsStat4.Ok));
        await Session.CloseAsync(open);
    }

    [Test]
    public async Task CLOSE_returns_the_stateid_with_its_seqid_advanced()
    {
        var open = await Session.OpenAsync("f");
        var before = open.StateId;
        await Session.CloseAsync(open);
        Assert.That(open.StateId.SameOther(before), Is.True);
        Assert.That(open.StateId.SeqId, Is.EqualTo(before.SeqId + 1));
    }

    [Test]
    public async Task CLOSE_with_a_special_stateid_is_BAD_STATEID()
    {
        var open = await Session.OpenAsync("f");
        Assert.That((await CompoundAsync(c => c.PutFh(open.Handle).Close(open.Owner.Next(), StateId4.Anonymous))).Status, Is.EqualTo(NfsStat4.BadStateid));
        Assert.That((await CompoundAsync(c => c.PutFh(open.Handle).Close(open.Owner.Next(), StateId4.Bypass))).Status, Is.EqualTo(NfsStat4.BadStateid));
    }

    [Test]
    public async Task CLOSE_of_a_stateid_of_another_file_is_BAD_STATEID()
    {
        var open = await Session.OpenAsync("f");
        var other = await Session.CreateFileAsync("g");
        var r = await CompoundAsync(c => c.PutFh(other).Close(open.Owner.Next(), open.StateId));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.BadStateid));
    }

    [Test]
    public async Task CLOSE_of_a_stateid_of_an_earlier_server_instance_is_STALE_STATEID()
    {
        var open = await Session.OpenAsync("f");
        var stale = new StateId4(1, (ulong)(Server.Server.State.BootEpoch - 7) << 32 | 1, 1);
        var r = await CompoundAsync(c => c.PutFh(open.Handle).Close(open.Owner.Next(), stale));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.StaleStateid));
    }

    [Test]
    public async Task CLOSE_with_an_old_seqid_in_the_stateid_is_OLD_STATEID()
    {
        var open = await Session.OpenAsync("f", access: OpenShare4.AccessRead);
        var old = open.StateId;
        await Session.OpenAsync("f", open.Owner, create: false, access: OpenShare4.AccessWrite);
        var r = await CompoundAsync(c => c.PutFh(open.Handle).Close(open.Owner.Next(), old));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.OldStateid));
    }

    [Test]
    public async Task Second_CLOSE_of_the_same_open_is_refused()
    {
        var open = await Session.OpenAsync("f");
        await Session.CloseAsync(open);
        var r = await CompoundAsync(c => c.PutFh(open.Handle).Close(open.Owner.Next(), open.StateId));
        Assert.That(r.Status, Is.AnyOf(NfsStat4.BadStateid, NfsStat4.OldStateid));
    }
}
