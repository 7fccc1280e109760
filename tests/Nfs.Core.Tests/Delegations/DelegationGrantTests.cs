using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Delegations;

/// <summary>
/// Which 4.1 OPENs get which delegation (RFC 8881 sections 10.4 and 18.16.3), I/O under a
/// delegation stateid, and the holder's own operations, which never recall it.
/// </summary>
public sealed class DelegationGrantTests : Session41Test
{
    private async Task<Client41> HolderWithFileAsync(string path = "f", bool backChannel = true)
    {
        var holder = await NewClientAsync(backChannel);
        await holder.Session.CreateFileAsync(path, [1, 2, 3, 4]);
        return holder;
    }

    [Test]
    public async Task Read_open_without_wants_gets_a_read_delegation()
    {
        var a = await HolderWithFileAsync();
        var (_, deleg) = await a.Session.OpenWithDelegationAsync("f", OpenShare4.AccessRead);
        Assert.That(deleg.Type, Is.EqualTo(OpenDelegationType4.Read));
        Assert.That(deleg.StateId.IsSpecial, Is.False);
        Assert.That(deleg.Recall, Is.False);
    }

    [Test]
    public async Task Read_open_with_WANT_READ_DELEG_gets_a_read_delegation()
    {
        var a = await HolderWithFileAsync();
        var (_, deleg) = await a.Session.OpenWithDelegationAsync("f", OpenShare4.AccessRead | Want.ReadDeleg);
        Assert.That(deleg.Type, Is.EqualTo(OpenDelegationType4.Read));
    }

    [Test]
    public async Task WANT_NO_DELEG_gets_OPEN_DELEGATE_NONE_EXT_with_WND4_NOT_WANTED()
    {
        var a = await HolderWithFileAsync();
        var (_, deleg) = await a.Session.OpenWithDelegationAsync("f", OpenShare4.AccessRead | Want.NoDeleg);
        Assert.That(deleg.Type, Is.EqualTo(OpenDelegationType4.NoneExt));
        Assert.That(deleg.Why, Is.EqualTo(WhyNoDelegation4.NotWanted));
    }

    [Test]
    public async Task WANT_WRITE_DELEG_on_a_read_write_open_gets_a_write_delegation()
    {
        var a = await HolderWithFileAsync();
        var (_, deleg) = await a.Session.OpenWithDelegationAsync("f", OpenShare4.AccessBoth | Want.WriteDeleg);
        Assert.That(deleg.Type, Is.EqualTo(OpenDelegationType4.Write));
    }

    [Test]
    public async Task WANT_ANY_DELEG_on_a_read_open_gets_a_read_delegation()
    {
        var a = await HolderWithFileAsync();
        var (_, deleg) = await a.Session.OpenWithDelegationAsync("f", OpenShare4.AccessRead | Want.AnyDeleg);
        Assert.That(deleg.Type, Is.EqualTo(OpenDelegationType4.Read));
    }

    [Test]
    public async Task Read_write_open_without_wants_gets_no_delegation()
    {
        var a = await HolderWithFileAsync();
        var (_, deleg) = await a.Session.OpenWithDelegationAsync("f", OpenShare4.AccessBoth);
        Assert.That(deleg.Type, Is.EqualTo(OpenDelegationType4.None));
    }

    [Test]
    public async Task Without_a_back_channel_no_delegation_is_granted()
    {
        var a = await HolderWithFileAsync(backChannel: false);
        var (_, plain) = await a.Session.OpenWithDelegationAsync("f", OpenShare4.AccessRead);
        Assert.That(plain.Type, Is.EqualTo(OpenDelegationType4.None));
        var (_, wanted) = await a.Session.OpenWithDelegationAsync("f", OpenShare4.AccessRead | Want.ReadDeleg);
        Assert.That(wanted.Granted, Is.False, wanted.ToString());
        Assert.That(wanted.Type, Is.EqualTo(OpenDelegationType4.NoneExt), "a client that asked is told why not");
    }

    [Test]
    public async Task Another_clients_write_open_prevents_a_read_delegation()
    {
        var writer = await HolderWithFileAsync(backChannel: false);
        await writer.Session.OpenWithDelegationAsync("f", OpenShare4.AccessWrite);
        var reader = await NewClientAsync();
        var (_, deleg) = await reader.Session.OpenWithDelegationAsync("f", OpenShare4.AccessRead | Want.ReadDeleg);
        Assert.That(deleg.Granted, Is.False, deleg.ToString());
    }

    [Test]
    public async Task READ_with_the_delegation_stateid_works()
    {
        var a = await HolderWithFileAsync();
        var (file, deleg) = await a.Session.OpenWithDelegationAsync("f", OpenShare4.AccessRead);
        Assert.That(deleg.Type, Is.EqualTo(OpenDelegationType4.Read));
        var data = await a.Session.ReadAsync(file.Handle, deleg.StateId, 0, 100);
        Assert.That(data.Data.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3, 4 }));
    }

    [Test]
    public async Task WRITE_with_a_read_delegation_stateid_is_OPENMODE()
    {
        var a = await HolderWithFileAsync();
        var (file, deleg) = await a.Session.OpenWithDelegationAsync("f", OpenShare4.AccessRead);
        Assert.That(deleg.Type, Is.EqualTo(OpenDelegationType4.Read));
        var r = await a.Session.CompoundAsync(c => c.PutFh(file.Handle).Write(deleg.StateId, 0, new byte[1]));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Openmode), r.Describe());
    }

    [Test]
    public async Task WRITE_with_a_write_delegation_stateid_works()
    {
        var a = await HolderWithFileAsync();
        var (file, deleg) = await a.Session.OpenWithDelegationAsync("f", OpenShare4.AccessBoth | Want.WriteDeleg);
        Assert.That(deleg.Type, Is.EqualTo(OpenDelegationType4.Write));
        await a.Session.WriteAsync(file.Handle, deleg.StateId, 0, [9]);
    }

    [Test]
    public async Task The_holders_own_operations_never_recall_its_delegation()
    {
        var a = await HolderWithFileAsync();
        var (file, deleg) = await a.Session.OpenWithDelegationAsync("f", OpenShare4.AccessRead | Want.ReadDeleg);
        Assert.That(deleg.Type, Is.EqualTo(OpenDelegationType4.Read));

        // A write open of another owner of the same client, a write through it, a size change,
        // stateless I/O, a link, a rename and a remove: none conflicts with the client's own delegation.
        var (writable, _) = await a.Session.OpenWithDelegationAsync("f", OpenShare4.AccessWrite);
        await a.Session.WriteAsync(file.Handle, writable.StateId, 0, [7]);
        await a.Session.ExpectAsync(NfsStat4.Ok, c => c.PutFh(file.Handle).SetAttr(writable.StateId, new FattrBuilder().Size(2).Build()));
        await a.Session.ExpectAsync(NfsStat4.Ok, c => c.PutFh(file.Handle).Write(StateId4.Anonymous, 0, new byte[] { 8 }));
        await a.Session.ExpectAsync(NfsStat4.Ok, c => c.PutFh(file.Handle).SaveFh().PutRootFh().Link("g"));
        await a.Session.ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().SaveFh().PutRootFh().Rename("f", "h"));
        await a.Session.ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().Remove("h"));

        await Task.Delay(100);
        Assert.That(a.Callbacks.ReceivedOperations<CbRecallRequest>(), Is.Empty);
    }

    [Test]
    public async Task Another_clients_read_open_does_not_recall_a_read_delegation()
    {
        var a = await HolderWithFileAsync();
        var (_, deleg) = await a.Session.OpenWithDelegationAsync("f", OpenShare4.AccessRead);
        Assert.That(deleg.Type, Is.EqualTo(OpenDelegationType4.Read));
        var b = await NewClientAsync();
        var r = await b.Session.OpenRawAsync("f", b.Session.NewOwner(), create: false, access: OpenShare4.AccessRead);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), r.Describe());
        var read = await b.Session.CompoundAsync(c => c.PutRootFh().Lookup("f").Read(StateId4.Anonymous, 0, 4));
        Assert.That(read.Status, Is.EqualTo(NfsStat4.Ok), read.Describe());
        await Task.Delay(100);
        Assert.That(a.Callbacks.ReceivedOperations<CbRecallRequest>(), Is.Empty);
    }
}
