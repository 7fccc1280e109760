using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Operations;

/// <summary>READ, WRITE and COMMIT (RFC 7530 sections 16.23, 16.36, 16.3) and their stateid checks (section 9.1.4).</summary>
public sealed class ReadWriteTests : ServerTest
{
    private byte[] _file = null!;

    [SetUp]
    public async Task CreateFileAsync() => _file = await Session.CreateFileAsync("f", "hello"u8.ToArray());

    private StateId4 StaleStateId => new(1, (ulong)(Server.Server.State.BootEpoch - 1000) << 32 | 5, 5);

    [Test]
    public async Task READ_and_WRITE_of_a_directory_are_ISDIR()
    {
        Assert.That((await CompoundAsync(c => c.PutRootFh().Read(default, 0, 10))).Status, Is.EqualTo(NfsStat4.Isdir));
        Assert.That((await CompoundAsync(c => c.PutRootFh().Write(default, 0, new byte[1]))).Status, Is.EqualTo(NfsStat4.Isdir));
        Assert.That((await CompoundAsync(c => c.PutRootFh().Commit())).Status, Is.EqualTo(NfsStat4.Isdir));
    }

    [Test]
    public async Task READ_and_WRITE_of_a_symlink_are_INVAL()
    {
        var link = await Session.SymlinkAsync("l", "f");
        Assert.That((await CompoundAsync(c => c.PutFh(link).Read(default, 0, 10))).Status, Is.EqualTo(NfsStat4.Inval));
        Assert.That((await CompoundAsync(c => c.PutFh(link).Write(default, 0, new byte[1]))).Status, Is.EqualTo(NfsStat4.Inval));
    }

    [Test]
    public async Task Stateid_of_another_file_is_BAD_STATEID()
    {
        var other = await Session.OpenAsync("other");
        Assert.That((await CompoundAsync(c => c.PutFh(_file).Read(other.StateId, 0, 10))).Status, Is.EqualTo(NfsStat4.BadStateid));
        Assert.That((await CompoundAsync(c => c.PutFh(_file).Write(other.StateId, 0, new byte[1]))).Status, Is.EqualTo(NfsStat4.BadStateid));
    }

    [Test]
    public async Task Stateid_of_an_earlier_server_instance_is_STALE_STATEID()
    {
        Assert.That((await CompoundAsync(c => c.PutFh(_file).Read(StaleStateId, 0, 10))).Status, Is.EqualTo(NfsStat4.StaleStateid));
        Assert.That((await CompoundAsync(c => c.PutFh(_file).Write(StaleStateId, 0, new byte[1]))).Status, Is.EqualTo(NfsStat4.StaleStateid));
    }

    [Test]
    public async Task Stateid_never_issued_is_BAD_STATEID()
    {
        var made = new StateId4(1, (ulong)Server.Server.State.BootEpoch << 32 | 0xFFFF, 0xFFFFFF);
        Assert.That((await CompoundAsync(c => c.PutFh(_file).Read(made, 0, 10))).Status, Is.EqualTo(NfsStat4.BadStateid));
    }

    [Test]
    public async Task Stateid_with_an_old_seqid_is_OLD_STATEID_and_a_future_one_BAD_STATEID()
    {
        var open = await Session.OpenAsync("f", create: false);
        var first = open.StateId;
        var again = await Session.OpenAsync("f", open.Owner, create: false);  // an upgrade bumps the seqid
        Assert.That(again.StateId.SeqId, Is.GreaterThan(first.SeqId));
        Assert.That((await CompoundAsync(c => c.PutFh(_file).Read(first, 0, 1))).Status, Is.EqualTo(NfsStat4.OldStateid));
        var future = again.StateId.WithSeqId(again.StateId.SeqId + 5);
        Assert.That((await CompoundAsync(c => c.PutFh(_file).Read(future, 0, 1))).Status, Is.EqualTo(NfsStat4.BadStateid));
    }

    [Test]
    public async Task Stateid_of_a_closed_open_is_refused()
    {
        var open = await Session.OpenAsync("f", create: false);
        var stateId = open.StateId;
        await Session.CloseAsync(open);
        var r = await CompoundAsync(c => c.PutFh(_file).Read(stateId, 0, 1));
        Assert.That(r.Status, Is.AnyOf(NfsStat4.BadStateid, NfsStat4.OldStateid));
    }

    [Test]
    public async Task WRITE_through_a_read_only_open_is_OPENMODE()
    {
        var open = await Session.OpenAsync("f", create: false, access: OpenShare4.AccessRead);
        var r = await CompoundAsync(c => c.PutFh(_file).Write(open.StateId, 0, new byte[1]));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Openmode));
    }

    [Test]
    public async Task Anonymous_WRITE_to_a_file_another_owner_opened_DENY_WRITE_is_LOCKED()
    {
        await Session.OpenAsync("f", create: false, access: OpenShare4.AccessRead, deny: OpenShare4.DenyWrite);
        var r = await CompoundAsync(c => c.PutFh(_file).Write(StateId4.Anonymous, 0, new byte[1]));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Locked));
    }

    [Test]
    public async Task Anonymous_READ_of_a_file_another_owner_opened_DENY_READ_is_LOCKED()
    {
        await Session.OpenAsync("f", create: false, access: OpenShare4.AccessWrite, deny: OpenShare4.DenyRead);
        var r = await CompoundAsync(c => c.PutFh(_file).Read(StateId4.Anonymous, 0, 1));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Locked));
    }

    [Test]
    public async Task Bypass_stateid_WRITE_to_a_file_another_owner_opened_DENY_WRITE_is_LOCKED()
    {
        await Session.OpenAsync("f", create: false, access: OpenShare4.AccessRead, deny: OpenShare4.DenyWrite);
        var r = await CompoundAsync(c => c.PutFh(_file).Write(StateId4.Bypass, 0, new byte[1]));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Locked));
    }

    [Test]
    public async Task Anonymous_stateid_reads_and_writes_a_file_nobody_denies()
    {
        await Session.WriteAsync(_file, StateId4.Anonymous, 5, " world"u8.ToArray());
        var read = await Session.ReadAsync(_file, StateId4.Anonymous, 0, 100);
        Assert.That(read.Data.ToArray(), Is.EqualTo("hello world"u8.ToArray()));
        Assert.That(read.Eof, Is.True);
    }

    [Test]
    public async Task READ_past_the_end_is_empty_with_eof()
    {
        var read = await Session.ReadAsync(_file, StateId4.Anonymous, 1000, 10);
        Assert.That(read.Data.Length, Is.Zero);
        Assert.That(read.Eof, Is.True);
    }

    [Test]
    public async Task READ_of_part_of_the_file_is_not_eof()
    {
        var read = await Session.ReadAsync(_file, StateId4.Anonymous, 0, 2);
        Assert.That(read.Data.ToArray(), Is.EqualTo("he"u8.ToArray()));
        Assert.That(read.Eof, Is.False);
    }

    [Test]
    public async Task WRITE_with_an_unknown_stable_how_is_BADXDR()
    {
        var r = await CompoundAsync(c => c.PutFh(_file).Write(default, 0, new byte[1], (StableHow4)3));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Badxdr));
    }

    [Test]
    public async Task WRITE_past_the_largest_file_size_is_FBIG()
    {
        var r = await CompoundAsync(c => c.PutFh(_file).Write(default, ulong.MaxValue - 2, new byte[8]));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Fbig));
    }

    [TestCase(StableHow4.Unstable)]
    [TestCase(StableHow4.DataSync)]
    [TestCase(StableHow4.FileSync)]
    public async Task COMMIT_returns_the_verifier_WRITE_returned(StableHow4 stable)
    {
        var open = await Session.OpenAsync("f", create: false);
        var r = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutFh(open.Handle).Write(open.StateId, 0, new byte[100], stable).Commit(0, 0));
        var write = WriteResult.Decode(r.Last(NfsOp4.Write).Reader);
        var commitVerifier = Verifier4.Decode(r.Last(NfsOp4.Commit).Reader);
        Assert.That(write.Count, Is.EqualTo(100u));
        Assert.That(write.Committed, Is.GreaterThanOrEqualTo(stable));
        Assert.That(commitVerifier, Is.EqualTo(write.Verifier));
    }

    [Test]
    public async Task Write_verifier_is_the_same_for_every_WRITE_of_one_server_instance()
    {
        var a = await Session.WriteAsync(_file, default, 0, [1]);
        var b = await Session.WriteAsync(await Session.CreateFileAsync("g"), default, 0, [2]);
        Assert.That(b.Verifier, Is.EqualTo(a.Verifier));
    }

    [Test]
    public async Task COMMIT_with_a_range_that_overflows_is_INVAL()
    {
        var r = await CompoundAsync(c => c.PutFh(_file).Commit(ulong.MaxValue - 1, 10));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Inval));
    }

    [Test]
    public async Task Lock_stateid_can_be_used_for_IO()
    {
        var open = await Session.OpenAsync("f", create: false);
        var lockOwner = Session.NewOwner();
        var lr = await Session.LockAsync(open, lockOwner, NfsLockType4.Write, 0, 10);
        Assert.That(lr.Status, Is.EqualTo(NfsStat4.Ok), lr.Describe());
        await Session.WriteAsync(_file, lockOwner.LockStateId, 0, "HELLO"u8.ToArray());
        var read = await Session.ReadAsync(_file, lockOwner.LockStateId, 0, 5);
        Assert.That(read.Data.ToArray(), Is.EqualTo("HELLO"u8.ToArray()));
    }
}
