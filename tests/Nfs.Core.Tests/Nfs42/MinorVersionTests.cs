using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Nfs42;

/// <summary>
/// The NFSv4.2 operations do not exist in 4.0 and 4.1: the COMPOUND engine answers them as it
/// answers unknown opcodes, with an OP_ILLEGAL result carrying NFS4ERR_OP_ILLEGAL.
/// </summary>
public sealed class MinorVersionTests
{
    private TestServer _server = null!;

    [SetUp]
    public void Start() => _server = TestServer.Start();

    [TearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    public static IEnumerable<TestCaseData> Operations()
    {
        TestCaseData Case(NfsOp4 op, Action<Compound> add) => new TestCaseData(op, add).SetArgDisplayNames(op.ToString());
        yield return Case(NfsOp4.Allocate, c => c.Allocate(new RangeArgs(default, 0, 1)));
        yield return Case(NfsOp4.Deallocate, c => c.Deallocate(new RangeArgs(default, 0, 1)));
        yield return Case(NfsOp4.Seek, c => c.Seek(new SeekArgs(default, 0, DataContent4.Data)));
        yield return Case(NfsOp4.ReadPlus, c => c.ReadPlus(default, 0, 10));
        yield return Case(NfsOp4.Copy, c => c.Copy(new CopyArgs(default, default, 0, 0, 0, true, true, 0)));
        yield return Case(NfsOp4.OffloadStatus, c => c.OffloadStatus(default));
        yield return Case(NfsOp4.OffloadCancel, c => c.OffloadCancel(default));
        yield return Case(NfsOp4.Clone, c => c.Clone(new CloneArgs(default, default, 0, 0, 0)));
        yield return Case(NfsOp4.Getxattr, c => c.GetXattr("a"));
        yield return Case(NfsOp4.Setxattr, c => c.SetXattr(SetXattrOption4.Either, "a", new byte[1]));
        yield return Case(NfsOp4.Listxattrs, c => c.ListXattrs(0, 100));
        yield return Case(NfsOp4.Removexattr, c => c.RemoveXattr("a"));
    }

    [TestCaseSource(nameof(Operations))]
    public async Task Is_OP_ILLEGAL_in_a_4_1_COMPOUND(NfsOp4 op, Action<Compound> add)
    {
        var client = await _server.ConnectAsync();
        await client.EstablishSessionAsync(minorVersion: 1);
        var c = new Compound();
        add(c.PutRootFh());
        var r = await client.CompoundAsync(c);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.OpIllegal), r.Describe());
        Assert.That(r.Ops(), Is.EqualTo(new[] { NfsOp4.Sequence, NfsOp4.Putrootfh, NfsOp4.Illegal }));
    }

    [TestCaseSource(nameof(Operations))]
    public async Task Is_OP_ILLEGAL_in_a_4_0_COMPOUND(NfsOp4 op, Action<Compound> add)
    {
        var client = await _server.ConnectAsync();
        var c = new Compound();
        add(c.PutRootFh());
        var r = await client.CompoundAsync(c);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.OpIllegal), r.Describe());
        Assert.That(r.Ops(), Is.EqualTo(new[] { NfsOp4.Putrootfh, NfsOp4.Illegal }));
    }

    [TestCaseSource(nameof(Operations))]
    public async Task Is_served_in_a_4_2_COMPOUND(NfsOp4 op, Action<Compound> add)
    {
        var client = await _server.ConnectAsync();
        await client.EstablishSessionAsync(minorVersion: 2);
        var c = new Compound();
        add(c.PutRootFh());
        var r = await client.CompoundAsync(c);
        Assert.That(r.Ops().Last(), Is.EqualTo(op), r.Describe());
        Assert.That(r.Status, Is.Not.EqualTo(NfsStat4.OpIllegal).And.Not.EqualTo(NfsStat4.Notsupp), r.Describe());
    }
}
