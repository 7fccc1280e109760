using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nlm;

namespace Nfs.Core.Tests.Nlm;

/// <summary>NLM SHARE and UNSHARE: DOS share reservations, checked against each other and against NFSv4 opens' share modes.</summary>
public sealed class NlmShareTests : NlmTest
{
    [Test]
    public async Task Shares_that_deny_each_others_access_conflict()
    {
        var fh = await FileAsync();
        var a = await NlmAsync("hostA");
        var b = await NlmAsync("hostB");
        Expect(await a.ShareAsync(fh, [1], Nlm4ShareAccess.ReadWrite, Nlm4ShareMode.DenyWrite), Nlm4Stats.Granted);
        Expect(await b.ShareAsync(fh, [1], Nlm4ShareAccess.Write, Nlm4ShareMode.DenyNone), Nlm4Stats.Denied);
        Expect(await b.ShareAsync(fh, [1], Nlm4ShareAccess.Read, Nlm4ShareMode.DenyRead), Nlm4Stats.Denied); // A reads
        Expect(await b.ShareAsync(fh, [1], Nlm4ShareAccess.Read, Nlm4ShareMode.DenyNone), Nlm4Stats.Granted);
        Expect(await a.UnshareAsync(fh, [1]), Nlm4Stats.Granted);
        Expect(await b.ShareAsync(fh, [2], Nlm4ShareAccess.Write, Nlm4ShareMode.DenyNone), Nlm4Stats.Granted);
    }

    [Test]
    public async Task Same_owner_changes_its_share_instead_of_conflicting_with_it()
    {
        var fh = await FileAsync();
        var a = await NlmAsync("hostA");
        Expect(await a.ShareAsync(fh, [1], Nlm4ShareAccess.Read, Nlm4ShareMode.DenyWrite), Nlm4Stats.Granted);
        Expect(await a.ShareAsync(fh, [1], Nlm4ShareAccess.ReadWrite, Nlm4ShareMode.DenyNone), Nlm4Stats.Granted);
        Expect(await a.ShareAsync(fh, [2], Nlm4ShareAccess.Write, Nlm4ShareMode.DenyNone), Nlm4Stats.Granted);
    }

    [Test]
    public async Task NLM_share_denying_writes_refuses_an_NFSv4_open_for_writing()
    {
        var fh = await FileAsync();
        var a = await NlmAsync("hostA");
        Expect(await a.ShareAsync(fh, [1], Nlm4ShareAccess.Read, Nlm4ShareMode.DenyWrite), Nlm4Stats.Granted);
        var r = await Session.OpenRawAsync("f", Session.NewOwner(), create: false, access: OpenShare4.AccessWrite);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.ShareDenied), r.Describe());
        await Session.OpenAsync("f", create: false, access: OpenShare4.AccessRead);
        Expect(await a.UnshareAsync(fh, [1]), Nlm4Stats.Granted);
        await Session.OpenAsync("f", create: false, access: OpenShare4.AccessWrite);
    }

    [Test]
    public async Task NFSv4_open_denying_writes_refuses_an_NLM_share_for_writing()
    {
        var open = await Session.OpenAsync("f", access: OpenShare4.AccessRead, deny: OpenShare4.DenyWrite);
        var a = await NlmAsync("hostA");
        Expect(await a.ShareAsync(open.Handle, [1], Nlm4ShareAccess.Write, Nlm4ShareMode.DenyNone), Nlm4Stats.Denied);
        Expect(await a.ShareAsync(open.Handle, [1], Nlm4ShareAccess.Read, Nlm4ShareMode.DenyRead), Nlm4Stats.Denied); // the open reads
        Expect(await a.ShareAsync(open.Handle, [1], Nlm4ShareAccess.Read, Nlm4ShareMode.DenyNone), Nlm4Stats.Granted);
        await Session.CloseAsync(open);
        Expect(await a.ShareAsync(open.Handle, [2], Nlm4ShareAccess.Write, Nlm4ShareMode.DenyNone), Nlm4Stats.Granted);
    }

    [Test]
    public async Task FREE_ALL_drops_the_hosts_shares()
    {
        var fh = await FileAsync();
        var a = await NlmAsync("hostA");
        var b = await NlmAsync("hostB");
        Expect(await a.ShareAsync(fh, [1], Nlm4ShareAccess.ReadWrite, Nlm4ShareMode.DenyReadWrite), Nlm4Stats.Granted);
        Expect(await b.ShareAsync(fh, [1], Nlm4ShareAccess.Read, Nlm4ShareMode.DenyNone), Nlm4Stats.Denied);
        await b.FreeAllAsync("hostA");
        Expect(await b.ShareAsync(fh, [1], Nlm4ShareAccess.Read, Nlm4ShareMode.DenyNone), Nlm4Stats.Granted);
    }
}
