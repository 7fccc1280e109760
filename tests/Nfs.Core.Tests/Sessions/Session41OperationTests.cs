using System.Text;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Sessions;

/// <summary>
/// Operations new in 4.1 or changed by it: RECLAIM_COMPLETE, TEST_STATEID, FREE_STATEID,
/// SECINFO_NO_NAME and the current stateid (RFC 8881 sections 18.51, 18.48, 18.38, 18.45, 16.2.3.1.2).
/// </summary>
public sealed class Session41OperationTests : Session41Test
{
    private static OpenArgs OpenArgs(RawSession s, string name, uint access = OpenShare4.AccessBoth, bool create = true) =>
        NfsSession.OpenArgsFor(new OwnerState(s.ClientId, "owner"), name, create, access);

    [Test]
    public async Task Second_RECLAIM_COMPLETE_is_COMPLETE_ALREADY()
    {
        var s = await NewRawSessionAsync();
        var r = await s.SendAsync(c => c.ReclaimComplete());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.CompleteAlready), r.Describe());
    }

    [Test]
    public async Task OPEN_before_RECLAIM_COMPLETE_is_GRACE_and_works_after_it()
    {
        var s = await NewRawSessionAsync(reclaimComplete: false);
        var r = await s.SendAsync(c => c.PutRootFh().Open(OpenArgs(s, "f")));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Grace), r.Describe());
        Assert.That((await s.SendAsync(c => c.ReclaimComplete())).Status, Is.EqualTo(NfsStat4.Ok));
        var after = await s.SendAsync(c => c.PutRootFh().Open(OpenArgs(s, "f")));
        Assert.That(after.Status, Is.EqualTo(NfsStat4.Ok), after.Describe());
    }

    [Test]
    public async Task TEST_STATEID_reports_each_stateid()
    {
        var s = await NewRawSessionAsync();
        var other = await NewRawSessionAsync();
        var (_, mine) = await s.OpenAsync("mine");
        var (_, theirs) = await other.OpenAsync("theirs");
        var bogus = new StateId4(1, mine.OtherHigh, mine.OtherLow + 1000);

        var r = await s.SendAsync(c => c.TestStateId(mine, bogus, theirs, StateId4.Anonymous, mine with { SeqId = 0 }));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), r.Describe());
        Assert.That(r.TestStateIdStatuses(), Is.EqualTo(new[] { NfsStat4.Ok, NfsStat4.BadStateid, NfsStat4.BadStateid, NfsStat4.BadStateid, NfsStat4.Ok }));
    }

    [Test]
    public async Task FREE_STATEID_of_an_open_stateid_is_LOCKS_HELD()
    {
        var s = await NewRawSessionAsync();
        var (_, open) = await s.OpenAsync("f");
        var r = await s.SendAsync(c => c.FreeStateId(open));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.LocksHeld), r.Describe());
        Assert.That((await s.SendAsync(c => c.TestStateId(open))).TestStateIdStatuses(), Is.EqualTo(new[] { NfsStat4.Ok }));
    }

    [Test]
    public async Task FREE_STATEID_of_a_lock_stateid_is_LOCKS_HELD_while_it_has_locks_and_frees_it_without()
    {
        var s = await NewRawSessionAsync();
        var (fh, open) = await s.OpenAsync("f");
        var lockOwner = new StateOwner4(s.ClientId, "lock-owner"u8.ToArray());
        var locked = await s.ExpectOkAsync(c => c.PutFh(fh).Lock(new LockArgs(NfsLockType4.Write, false, 0, 10, true, 0, open, 0, lockOwner, default)));
        var lockId = StateId4.Decode(locked.Last(NfsOp4.Lock).Reader);

        var held = await s.SendAsync(c => c.FreeStateId(lockId));
        Assert.That(held.Status, Is.EqualTo(NfsStat4.LocksHeld), held.Describe());

        var unlocked = await s.ExpectOkAsync(c => c.PutFh(fh).LockU(new LockUArgs(NfsLockType4.Write, 0, lockId, 0, 10)));
        lockId = StateId4.Decode(unlocked.Last(NfsOp4.Locku).Reader);
        var freed = await s.SendAsync(c => c.FreeStateId(lockId));
        Assert.That(freed.Status, Is.EqualTo(NfsStat4.Ok), freed.Describe());
        Assert.That((await s.SendAsync(c => c.TestStateId(lockId))).TestStateIdStatuses(), Is.EqualTo(new[] { NfsStat4.BadStateid }));
    }

    [Test]
    public async Task FREE_STATEID_of_another_clients_stateid_is_BAD_STATEID()
    {
        var s = await NewRawSessionAsync();
        var other = await NewRawSessionAsync();
        var (_, theirs) = await other.OpenAsync("f");
        var r = await s.SendAsync(c => c.FreeStateId(theirs));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.BadStateid), r.Describe());
    }

    [Test]
    public async Task SECINFO_NO_NAME_answers_the_flavors_and_consumes_the_current_filehandle()
    {
        var s = await NewRawSessionAsync();
        var r = await s.SendAsync(c => c.PutRootFh().SecInfoNoName(0).GetFh());
        Assert.That(r.Statuses(), Is.EqualTo(new[] { NfsStat4.Ok, NfsStat4.Ok, NfsStat4.Ok, NfsStat4.Nofilehandle }), r.Describe());
        var body = r.Last(NfsOp4.SecinfoNoName).Reader;
        int n = (int)body.ReadUInt32();
        var flavors = Enumerable.Range(0, n).Select(_ => body.ReadUInt32()).ToArray();
        Assert.That(flavors, Does.Contain((uint)Protocol.Rpc.AuthFlavor.Sys));
    }

    [Test]
    public async Task SECINFO_NO_NAME_parent_of_the_root_is_NOENT()
    {
        var s = await NewRawSessionAsync();
        var r = await s.SendAsync(c => c.PutRootFh().SecInfoNoName(1));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Noent), r.Describe());
    }

    [Test]
    public async Task Current_stateid_after_OPEN_serves_WRITE_and_CLOSE_in_the_same_COMPOUND()
    {
        var s = await NewRawSessionAsync();
        var data = Encoding.UTF8.GetBytes("current stateid");
        var r = await s.SendAsync(c => c.PutRootFh().Open(OpenArgs(s, "f")).GetFh().Write(StateId4.Current, 0, data).Close(0, StateId4.Current));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), r.Describe());
        var fh = r.FileHandle;
        var read = await s.ExpectOkAsync(c => c.PutFh(fh).Read(StateId4.Anonymous, 0, 100));
        Assert.That(ReadResult.Decode(read.Last(NfsOp4.Read).Reader).Data.ToArray(), Is.EqualTo(data));
    }

    [Test]
    public async Task Current_stateid_without_an_operation_that_set_it_is_BAD_STATEID()
    {
        var s = await NewRawSessionAsync();
        var fh = await s.CreateFileAsync("f", [1, 2, 3]);
        var r = await s.SendAsync(c => c.PutFh(fh).Write(StateId4.Current, 0, new byte[1]));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.BadStateid), r.Describe());
    }

    [Test]
    public async Task Changing_the_current_filehandle_clears_the_current_stateid()
    {
        var s = await NewRawSessionAsync();
        var r = await s.SendAsync(c => c.PutRootFh().Open(OpenArgs(s, "f")).PutRootFh().Lookup("f").Close(0, StateId4.Current));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.BadStateid), r.Describe());
    }

    [Test]
    public async Task SAVEFH_and_RESTOREFH_carry_the_current_stateid()
    {
        var s = await NewRawSessionAsync();
        var r = await s.SendAsync(c => c.PutRootFh().Open(OpenArgs(s, "f")).SaveFh().PutRootFh().RestoreFh().Close(0, StateId4.Current));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), r.Describe());
    }
}

/// <summary>A 4.1 session's stateids are its client's: another client's stateid names nothing.</summary>
public sealed class ForeignStateIdTests : Session41Test
{
    [Test]
    public async Task CLOSE_of_another_clients_open_stateid_is_BAD_STATEID_and_leaves_the_open()
    {
        var owner = await NewRawSessionAsync();
        var intruder = await NewRawSessionAsync();
        var (fh, open) = await owner.OpenAsync("f", deny: OpenShare4.DenyWrite);
        var r = await intruder.SendAsync(c => c.PutFh(fh).Close(0, open));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.BadStateid), r.Describe());
        var test = await owner.SendAsync(c => c.TestStateId(open));
        Assert.That(test.TestStateIdStatuses(), Is.EqualTo(new[] { NfsStat4.Ok }), "the owner's open survives");
    }
}
