using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Tests.Operations;

/// <summary>Every operation that works on the current filehandle fails with NOFILEHANDLE when there is none.</summary>
public sealed class NoFileHandleTests : ServerTest
{
    private static readonly StateId4 SomeStateId = new(1, 0x1234, 5);

    public static IEnumerable<TestCaseData> OperationsNeedingAFileHandle()
    {
        TestCaseData Case(NfsOp4 op, Action<Nfs.TestClient.Compound> add) => new TestCaseData(op, add).SetArgDisplayNames(op.ToString());
        var owner = new StateOwner4(1, "o"u8.ToArray());
        yield return Case(NfsOp4.Access, c => c.Access(Access4.Read));
        yield return Case(NfsOp4.Close, c => c.Close(0, SomeStateId));
        yield return Case(NfsOp4.Commit, c => c.Commit());
        yield return Case(NfsOp4.Create, c => c.Mkdir("d"));
        yield return Case(NfsOp4.Delegreturn, c => c.DelegReturn(SomeStateId));
        yield return Case(NfsOp4.Getattr, c => c.GetAttr(A.Type));
        yield return Case(NfsOp4.Getfh, c => c.GetFh());
        yield return Case(NfsOp4.Link, c => c.Link("l"));
        yield return Case(NfsOp4.Lock, c => c.Lock(new LockArgs(NfsLockType4.Write, false, 0, 1, false, 0, default, 0, default, SomeStateId)));
        yield return Case(NfsOp4.Lockt, c => c.LockT(new LockTArgs(NfsLockType4.Write, 0, 1, owner)));
        yield return Case(NfsOp4.Locku, c => c.LockU(new LockUArgs(NfsLockType4.Write, 0, SomeStateId, 0, 1)));
        yield return Case(NfsOp4.Lookup, c => c.Lookup("x"));
        yield return Case(NfsOp4.Lookupp, c => c.LookupP());
        yield return Case(NfsOp4.Nverify, c => c.NVerify(new FattrBuilder().Size(0).Build()));
        yield return Case(NfsOp4.Open, c => c.Open(NfsSession.OpenArgsFor(new OwnerState(1, "o"), "f")));
        yield return Case(NfsOp4.Openattr, c => c.OpenAttr(false));
        yield return Case(NfsOp4.OpenConfirm, c => c.OpenConfirm(SomeStateId, 0));
        yield return Case(NfsOp4.OpenDowngrade, c => c.OpenDowngrade(SomeStateId, 0, OpenShare4.AccessRead, OpenShare4.DenyNone));
        yield return Case(NfsOp4.Read, c => c.Read(default, 0, 1));
        yield return Case(NfsOp4.Readdir, c => c.ReadDir(0, 4096, Bitmap4.Empty));
        yield return Case(NfsOp4.Readlink, c => c.ReadLink());
        yield return Case(NfsOp4.Remove, c => c.Remove("x"));
        yield return Case(NfsOp4.Rename, c => c.Rename("x", "y"));
        yield return Case(NfsOp4.Savefh, c => c.SaveFh());
        yield return Case(NfsOp4.Secinfo, c => c.SecInfo("x"));
        yield return Case(NfsOp4.Setattr, c => c.SetAttr(default, new FattrBuilder().Mode(0x1A4).Build()));
        yield return Case(NfsOp4.Verify, c => c.Verify(new FattrBuilder().Size(0).Build()));
        yield return Case(NfsOp4.Write, c => c.Write(default, 0, new byte[1]));
    }

    [TestCaseSource(nameof(OperationsNeedingAFileHandle))]
    public async Task Without_a_current_filehandle_is_NOFILEHANDLE(NfsOp4 op, Action<Nfs.TestClient.Compound> add)
    {
        var r = await CompoundAsync(add);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Nofilehandle), r.Describe());
        Assert.That(r.Ops(), Is.EqualTo(new[] { op }));
    }

    [Test]
    public async Task Current_filehandle_does_not_survive_the_COMPOUND()
    {
        await CompoundAsync(c => c.PutRootFh());
        var r = await CompoundAsync(c => c.GetFh());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Nofilehandle));
    }
}
