using System.Text;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;

namespace Nfs.Core.Tests.State;

/// <summary>LOCK, LOCKT, LOCKU and RELEASE_LOCKOWNER (RFC 7530 sections 16.10 to 16.12 and 16.37), POSIX semantics.</summary>
public sealed class LockTests : ServerTest
{
    private OpenedFile _file = null!;

    [SetUp]
    public async Task OpenFileAsync() => _file = await Session.OpenAsync("f");

    private static LockDenied Denied(CompoundReply r, NfsOp4 op)
    {
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Denied), r.Describe());
        return LockDenied.Decode(r.Last(op).Reader);
    }

    private async Task LockOkAsync(OwnerState owner, NfsLockType4 type, ulong offset, ulong length, OpenedFile? file = null)
    {
        var r = await Session.LockAsync(file ?? _file, owner, type, offset, length);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), r.Describe());
    }

    [Test]
    public async Task Zero_length_is_INVAL()
    {
        var r = await Session.LockAsync(_file, Session.NewOwner(), NfsLockType4.Write, 0, 0);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Inval));
    }

    [TestCase(ulong.MaxValue - 10, 100UL)]
    [TestCase(ulong.MaxValue, 2UL)]
    [TestCase(3UL, ulong.MaxValue - 1)]
    public async Task Range_past_the_largest_offset_is_INVAL(ulong offset, ulong length)
    {
        var r = await Session.LockAsync(_file, Session.NewOwner(), NfsLockType4.Write, offset, length);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Inval));
    }

    [Test]
    public async Task Range_ending_exactly_at_the_largest_offset_is_granted()
    {
        await LockOkAsync(Session.NewOwner(), NfsLockType4.Write, 2, ulong.MaxValue - 1);
        var denied = Denied(await Session.TestLockAsync(_file.Handle, Session.NewOwner().Owner, NfsLockType4.Read, ulong.MaxValue, 1), NfsOp4.Lockt);
        Assert.That(denied.Offset, Is.EqualTo(2UL));
    }

    [Test]
    public async Task Length_of_all_ones_locks_to_the_end_of_the_file()
    {
        var owner = Session.NewOwner();
        await LockOkAsync(owner, NfsLockType4.Write, 1000, ulong.MaxValue);
        var other = Session.NewOwner();
        var denied = Denied(await Session.TestLockAsync(_file.Handle, other.Owner, NfsLockType4.Read, ulong.MaxValue - 1, 1), NfsOp4.Lockt);
        Assert.That((denied.Offset, denied.Length), Is.EqualTo((1000UL, ulong.MaxValue)));
    }

    [Test]
    public async Task First_LOCK_returns_a_stateid_with_seqid_1_and_each_change_advances_it()
    {
        var owner = Session.NewOwner();
        await LockOkAsync(owner, NfsLockType4.Write, 0, 10);
        Assert.That(owner.LockStateId.SeqId, Is.EqualTo(1u));
        await LockOkAsync(owner, NfsLockType4.Write, 20, 10);
        Assert.That(owner.LockStateId.SeqId, Is.EqualTo(2u));
        Assert.That((await Session.UnlockAsync(_file, owner, 0, 10)).Status, Is.EqualTo(NfsStat4.Ok));
        Assert.That(owner.LockStateId.SeqId, Is.EqualTo(3u));
    }

    [Test]
    public async Task Conflicting_lock_of_another_owner_is_DENIED_with_the_holders_range_type_and_owner()
    {
        var holder = Session.NewOwner("holder");
        await LockOkAsync(holder, NfsLockType4.Write, 100, 100);
        var denied = Denied(await Session.LockAsync(_file, Session.NewOwner(), NfsLockType4.Write, 150, 10), NfsOp4.Lock);
        Assert.That(denied.Offset, Is.EqualTo(100UL));
        Assert.That(denied.Length, Is.EqualTo(100UL));
        Assert.That(denied.LockType, Is.EqualTo(NfsLockType4.Write));
        Assert.That(denied.Owner.ClientId, Is.EqualTo(Session.ClientId));
        Assert.That(Encoding.UTF8.GetString(denied.Owner.Owner.Span), Is.EqualTo("holder"));
    }

    [Test]
    public async Task Lock_of_another_client_is_DENIED_with_that_clients_id()
    {
        var other = await Server.OpenSessionAsync();
        var theirs = await other.OpenAsync("f", create: false);
        var owner = other.NewOwner("theirs");
        Assert.That((await other.LockAsync(theirs, owner, NfsLockType4.Read, 0, 10)).Status, Is.EqualTo(NfsStat4.Ok));
        var denied = Denied(await Session.LockAsync(_file, Session.NewOwner(), NfsLockType4.Write, 5, 1), NfsOp4.Lock);
        Assert.That(denied.Owner.ClientId, Is.EqualTo(other.ClientId));
        Assert.That(denied.LockType, Is.EqualTo(NfsLockType4.Read));
    }

    [Test]
    public async Task Read_locks_of_different_owners_coexist_and_block_writers()
    {
        await LockOkAsync(Session.NewOwner(), NfsLockType4.Read, 0, 10);
        await LockOkAsync(Session.NewOwner(), NfsLockType4.Read, 5, 10);
        Denied(await Session.LockAsync(_file, Session.NewOwner(), NfsLockType4.Write, 9, 1), NfsOp4.Lock);
    }

    [Test]
    public async Task Same_owner_upgrades_and_downgrades_its_own_lock()
    {
        var owner = Session.NewOwner();
        var other = Session.NewOwner();
        await LockOkAsync(owner, NfsLockType4.Read, 0, 100);
        await LockOkAsync(owner, NfsLockType4.Write, 0, 100); // upgrade: no conflict with itself
        Assert.That(Denied(await Session.TestLockAsync(_file.Handle, other.Owner, NfsLockType4.Read, 50, 1), NfsOp4.Lockt).LockType, Is.EqualTo(NfsLockType4.Write));
        await LockOkAsync(owner, NfsLockType4.Read, 0, 100); // downgrade
        Assert.That((await Session.TestLockAsync(_file.Handle, other.Owner, NfsLockType4.Read, 50, 1)).Status, Is.EqualTo(NfsStat4.Ok));
        Denied(await Session.TestLockAsync(_file.Handle, other.Owner, NfsLockType4.Write, 50, 1), NfsOp4.Lockt);
    }

    [Test]
    public async Task Unlocking_the_middle_splits_a_lock()
    {
        var owner = Session.NewOwner();
        var other = Session.NewOwner();
        await LockOkAsync(owner, NfsLockType4.Write, 0, 100);
        Assert.That((await Session.UnlockAsync(_file, owner, 40, 20)).Status, Is.EqualTo(NfsStat4.Ok));
        Assert.That((await Session.TestLockAsync(_file.Handle, other.Owner, NfsLockType4.Write, 40, 20)).Status, Is.EqualTo(NfsStat4.Ok));
        var left = Denied(await Session.TestLockAsync(_file.Handle, other.Owner, NfsLockType4.Write, 30, 11), NfsOp4.Lockt);
        Assert.That((left.Offset, left.Length), Is.EqualTo((0UL, 40UL)));
        var right = Denied(await Session.TestLockAsync(_file.Handle, other.Owner, NfsLockType4.Write, 59, 2), NfsOp4.Lockt);
        Assert.That((right.Offset, right.Length), Is.EqualTo((60UL, 40UL)));
    }

    [Test]
    public async Task Adjacent_locks_of_one_owner_merge()
    {
        var owner = Session.NewOwner();
        await LockOkAsync(owner, NfsLockType4.Write, 0, 50);
        await LockOkAsync(owner, NfsLockType4.Write, 50, 50);
        var denied = Denied(await Session.TestLockAsync(_file.Handle, Session.NewOwner().Owner, NfsLockType4.Write, 0, 100), NfsOp4.Lockt);
        Assert.That((denied.Offset, denied.Length), Is.EqualTo((0UL, 100UL)));
    }

    [Test]
    public async Task LOCKT_reports_conflicts_only_with_other_owners()
    {
        var owner = Session.NewOwner("mine");
        await LockOkAsync(owner, NfsLockType4.Write, 0, 10);
        Assert.That((await Session.TestLockAsync(_file.Handle, owner.Owner, NfsLockType4.Write, 0, 10)).Status, Is.EqualTo(NfsStat4.Ok));
        var denied = Denied(await Session.TestLockAsync(_file.Handle, new StateOwner4(Session.ClientId, "other"u8.ToArray()), NfsLockType4.Read, 5, 1), NfsOp4.Lockt);
        Assert.That(Encoding.UTF8.GetString(denied.Owner.Owner.Span), Is.EqualTo("mine"));
    }

    [Test]
    public async Task LOCKT_on_an_unlocked_file_is_OK()
    {
        Assert.That((await Session.TestLockAsync(_file.Handle, Session.NewOwner().Owner, NfsLockType4.Write, 0, ulong.MaxValue)).Status, Is.EqualTo(NfsStat4.Ok));
    }

    [TestCase(0UL, 0UL)]
    [TestCase(ulong.MaxValue - 10, 100UL)]
    public async Task LOCKT_with_a_bad_range_is_INVAL(ulong offset, ulong length)
    {
        var r = await Session.TestLockAsync(_file.Handle, Session.NewOwner().Owner, NfsLockType4.Write, offset, length);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Inval));
    }

    [Test]
    public async Task LOCKT_for_an_unknown_client_is_STALE_CLIENTID()
    {
        var owner = new StateOwner4((ulong)Server.Server.State.BootEpoch << 32 | 0xEEEEEE, "o"u8.ToArray());
        Assert.That((await Session.TestLockAsync(_file.Handle, owner, NfsLockType4.Write, 0, 1)).Status, Is.EqualTo(NfsStat4.StaleClientid));
    }

    [Test]
    public async Task LOCK_and_LOCKT_of_a_directory_are_ISDIR()
    {
        var owner = Session.NewOwner();
        var args = new LockArgs(NfsLockType4.Write, false, 0, 1, true, _file.Owner.SeqId, _file.StateId, 0, owner.Owner, default);
        Assert.That((await CompoundAsync(c => c.PutRootFh().Lock(args))).Status, Is.EqualTo(NfsStat4.Isdir));
        Assert.That((await CompoundAsync(c => c.PutRootFh().LockT(new LockTArgs(NfsLockType4.Write, 0, 1, owner.Owner)))).Status, Is.EqualTo(NfsStat4.Isdir));
    }

    [Test]
    public async Task LOCKT_of_a_symlink_is_INVAL()
    {
        var link = await Session.SymlinkAsync("l", "f");
        var r = await CompoundAsync(c => c.PutFh(link).LockT(new LockTArgs(NfsLockType4.Write, 0, 1, Session.NewOwner().Owner)));
        Assert.That(r.Status, Is.AnyOf(NfsStat4.Inval, NfsStat4.Symlink));
    }

    [Test]
    public async Task LOCKU_then_lock_by_the_other_owner_succeeds()
    {
        var owner = Session.NewOwner();
        var other = Session.NewOwner();
        await LockOkAsync(owner, NfsLockType4.Write, 0, 10);
        Denied(await Session.LockAsync(_file, other, NfsLockType4.Write, 0, 10), NfsOp4.Lock);
        Assert.That((await Session.UnlockAsync(_file, owner, 0, 10)).Status, Is.EqualTo(NfsStat4.Ok));
        await LockOkAsync(other, NfsLockType4.Write, 0, 10);
    }

    [Test]
    public async Task Write_lock_through_a_read_only_open_is_OPENMODE()
    {
        var reader = await Session.OpenAsync("f", create: false, access: OpenShare4.AccessRead);
        var r = await Session.LockAsync(reader, Session.NewOwner(), NfsLockType4.Write, 0, 1);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Openmode));
    }

    [Test]
    public async Task Read_lock_through_a_read_only_open_is_granted()
    {
        var reader = await Session.OpenAsync("f", create: false, access: OpenShare4.AccessRead);
        await LockOkAsync(Session.NewOwner(), NfsLockType4.Read, 0, 1, reader);
    }

    [Test]
    public async Task LOCK_with_a_bad_lock_seqid_is_BAD_SEQID()
    {
        var owner = Session.NewOwner();
        await LockOkAsync(owner, NfsLockType4.Write, 0, 1);
        owner.SeqId += 5;
        var r = await Session.LockAsync(_file, owner, NfsLockType4.Write, 10, 1);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.BadSeqid));
    }

    [Test]
    public async Task LOCK_with_a_bad_open_seqid_is_BAD_SEQID()
    {
        _file.Owner.SeqId += 5;
        var r = await Session.LockAsync(_file, Session.NewOwner(), NfsLockType4.Write, 0, 1);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.BadSeqid));
    }

    [Test]
    public async Task Lock_stateid_used_on_another_file_is_BAD_STATEID()
    {
        var owner = Session.NewOwner();
        await LockOkAsync(owner, NfsLockType4.Write, 0, 1);
        var other = await Session.OpenAsync("g");
        var args = new LockArgs(NfsLockType4.Write, false, 0, 1, false, 0, default, owner.Next(), default, owner.LockStateId);
        var r = await CompoundAsync(c => c.PutFh(other.Handle).Lock(args));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.BadStateid));
    }

    [Test]
    public async Task LOCKU_with_an_old_lock_stateid_is_OLD_STATEID()
    {
        var owner = Session.NewOwner();
        await LockOkAsync(owner, NfsLockType4.Write, 0, 1);
        var old = owner.LockStateId;
        await LockOkAsync(owner, NfsLockType4.Write, 10, 1);
        var r = await CompoundAsync(c => c.PutFh(_file.Handle).LockU(new LockUArgs(NfsLockType4.Write, owner.Next(), old, 0, 1)));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.OldStateid));
    }

    [Test]
    public async Task LOCKU_with_an_open_stateid_is_BAD_STATEID()
    {
        var r = await CompoundAsync(c => c.PutFh(_file.Handle).LockU(new LockUArgs(NfsLockType4.Write, 0, _file.StateId, 0, 1)));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.BadStateid));
    }

    [Test]
    public async Task RELEASE_LOCKOWNER_with_locks_held_is_LOCKS_HELD_and_without_is_OK()
    {
        var owner = Session.NewOwner();
        await LockOkAsync(owner, NfsLockType4.Write, 0, 10);
        Assert.That((await CompoundAsync(c => c.ReleaseLockOwner(owner.Owner))).Status, Is.EqualTo(NfsStat4.LocksHeld));
        Assert.That((await Session.UnlockAsync(_file, owner, 0, 10)).Status, Is.EqualTo(NfsStat4.Ok));
        Assert.That((await CompoundAsync(c => c.ReleaseLockOwner(owner.Owner))).Status, Is.EqualTo(NfsStat4.Ok));
    }

    [Test]
    public async Task RELEASE_LOCKOWNER_of_an_unknown_owner_is_OK()
    {
        Assert.That((await CompoundAsync(c => c.ReleaseLockOwner(Session.NewOwner().Owner))).Status, Is.EqualTo(NfsStat4.Ok));
    }

    [Test]
    public async Task RELEASE_LOCKOWNER_for_an_unknown_client_is_STALE_CLIENTID()
    {
        var owner = new StateOwner4((ulong)Server.Server.State.BootEpoch << 32 | 0xDDDDDD, "o"u8.ToArray());
        Assert.That((await CompoundAsync(c => c.ReleaseLockOwner(owner))).Status, Is.EqualTo(NfsStat4.StaleClientid));
    }

    [Test]
    public async Task Locks_are_released_with_the_open_owner_state_so_CLOSE_after_LOCKU_frees_the_range()
    {
        var owner = Session.NewOwner();
        await LockOkAsync(owner, NfsLockType4.Write, 0, 10);
        Assert.That((await Session.UnlockAsync(_file, owner, 0, 10)).Status, Is.EqualTo(NfsStat4.Ok));
        await Session.CloseAsync(_file);
        var other = await Session.OpenAsync("f", create: false);
        await LockOkAsync(Session.NewOwner(), NfsLockType4.Write, 0, 10, other);
    }

    [Test]
    public async Task Lock_stateid_of_a_released_lock_owner_is_no_longer_valid()
    {
        var owner = Session.NewOwner();
        await LockOkAsync(owner, NfsLockType4.Write, 0, 10);
        Assert.That((await Session.UnlockAsync(_file, owner, 0, 10)).Status, Is.EqualTo(NfsStat4.Ok));
        Assert.That((await CompoundAsync(c => c.ReleaseLockOwner(owner.Owner))).Status, Is.EqualTo(NfsStat4.Ok));
        var r = await Session.LockAsync(_file, owner, NfsLockType4.Write, 0, 10);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.BadStateid));
        var read = await CompoundAsync(c => c.PutFh(_file.Handle).Read(owner.LockStateId, 0, 1));
        Assert.That(read.Status, Is.EqualTo(NfsStat4.BadStateid));
    }

    [Test]
    public async Task Lock_stateid_of_a_closed_open_is_no_longer_valid()
    {
        var owner = Session.NewOwner();
        await LockOkAsync(owner, NfsLockType4.Write, 0, 10);
        Assert.That((await Session.UnlockAsync(_file, owner, 0, 10)).Status, Is.EqualTo(NfsStat4.Ok));
        await Session.CloseAsync(_file);
        var read = await CompoundAsync(c => c.PutFh(_file.Handle).Read(owner.LockStateId, 0, 1));
        Assert.That(read.Status, Is.EqualTo(NfsStat4.BadStateid));
    }

    [Test]
    public async Task Lock_owners_of_one_open_owner_still_conflict_with_each_other()
    {
        await LockOkAsync(Session.NewOwner(), NfsLockType4.Write, 0, 10);
        Denied(await Session.LockAsync(_file, Session.NewOwner(), NfsLockType4.Read, 0, 1), NfsOp4.Lock);
    }
}
