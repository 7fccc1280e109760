using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Rpc;

namespace Nfs.Core.Tests.Operations;

/// <summary>SECINFO (RFC 7530 section 16.31).</summary>
public sealed class SecInfoTests : ServerTest
{
    [Test]
    public async Task SECINFO_of_an_existing_name_lists_AUTH_SYS()
    {
        await Session.CreateFileAsync("f");
        var r = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().SecInfo("f"));
        var body = r.Last(NfsOp4.Secinfo).Reader;
        int n = body.ReadArrayLength(10);
        var flavors = Enumerable.Range(0, n).Select(_ => (AuthFlavor)body.ReadUInt32()).ToList();
        Assert.That(flavors, Does.Contain(AuthFlavor.Sys));
        Assert.That(flavors, Does.Not.Contain(AuthFlavor.RpcSecGss));
    }

    [Test]
    public async Task SECINFO_of_a_missing_name_is_NOENT()
    {
        Assert.That((await CompoundAsync(c => c.PutRootFh().SecInfo("missing"))).Status, Is.EqualTo(NfsStat4.Noent));
    }

    [Test]
    public async Task SECINFO_in_a_file_is_NOTDIR()
    {
        var f = await Session.CreateFileAsync("f");
        Assert.That((await CompoundAsync(c => c.PutFh(f).SecInfo("x"))).Status, Is.EqualTo(NfsStat4.Notdir));
    }

    [TestCase("", NfsStat4.Inval)]
    [TestCase("..", NfsStat4.Badname)]
    public async Task Invalid_name_is_refused(string name, NfsStat4 expected)
    {
        Assert.That((await CompoundAsync(c => c.PutRootFh().SecInfo(name))).Status, Is.EqualTo(expected));
    }
}
