using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Tests.Operations;

/// <summary>DELEGPURGE, DELEGRETURN and OPENATTR on a server that grants no delegations and has no named attributes.</summary>
public sealed class UnsupportedOperationTests : ServerTest
{
    [Test]
    public async Task DELEGPURGE_is_NOTSUPP()
    {
        var r = await CompoundAsync(c => c.DelegPurge(Session.ClientId));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Notsupp));
    }

    [Test]
    public async Task DELEGRETURN_with_an_open_stateid_is_BAD_STATEID()
    {
        var open = await Session.OpenAsync("f");
        var r = await CompoundAsync(c => c.PutFh(open.Handle).DelegReturn(open.StateId));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.BadStateid));
    }

    [Test]
    public async Task DELEGRETURN_with_a_special_stateid_is_BAD_STATEID()
    {
        var f = await Session.CreateFileAsync("f");
        Assert.That((await CompoundAsync(c => c.PutFh(f).DelegReturn(StateId4.Anonymous))).Status, Is.EqualTo(NfsStat4.BadStateid));
        Assert.That((await CompoundAsync(c => c.PutFh(f).DelegReturn(StateId4.Bypass))).Status, Is.EqualTo(NfsStat4.BadStateid));
    }

    [Test]
    public async Task DELEGRETURN_with_a_stateid_of_an_earlier_server_instance_is_STALE_STATEID()
    {
        var f = await Session.CreateFileAsync("f");
        var stale = new StateId4(1, (ulong)(Server.Server.State.BootEpoch - 100) << 32 | 1, 1);
        Assert.That((await CompoundAsync(c => c.PutFh(f).DelegReturn(stale))).Status, Is.EqualTo(NfsStat4.StaleStateid));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task OPENATTR_is_NOTSUPP(bool createDirectory)
    {
        var f = await Session.CreateFileAsync("f");
        Assert.That((await CompoundAsync(c => c.PutFh(f).OpenAttr(createDirectory))).Status, Is.EqualTo(NfsStat4.Notsupp));
    }
}
