using System.Text;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.TestClient;

namespace Nfs.Core.Tests.State;

/// <summary>SETCLIENTID, SETCLIENTID_CONFIRM and RENEW over the wire (RFC 7530 sections 16.33, 16.34, 16.29).</summary>
public sealed class SetClientIdTests : ServerTest
{
    protected override bool EstablishClient => false;

    private ulong Epoch => Server.Server.State.BootEpoch;

    private static string NewId() => "id-" + Guid.NewGuid().ToString("N");

    private Task<CompoundReply> ConfirmAsync(ulong clientId, ulong confirm, Nfs.Protocol.Rpc.OpaqueAuth? cred = null) =>
        Session.CompoundAsync(c => c.SetClientIdConfirm(clientId, confirm), cred);

    [Test]
    public async Task Confirm_of_an_unknown_client_id_is_STALE_CLIENTID()
    {
        var r = await ConfirmAsync(Epoch << 32 | 0xABCDEF, 1);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.StaleClientid));
    }

    [Test]
    public async Task Confirm_of_a_client_id_of_an_earlier_server_instance_is_STALE_CLIENTID()
    {
        var r = await ConfirmAsync((Epoch - 1) << 32 | 1, 1);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.StaleClientid));
    }

    [Test]
    public async Task Confirm_with_the_wrong_verifier_is_STALE_CLIENTID()
    {
        var (clientId, confirm) = await Session.SetClientIdAsync(NewId(), 1);
        var r = await ConfirmAsync(clientId, confirm ^ 0xFF);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.StaleClientid));
    }

    [Test]
    public async Task Retransmitted_confirm_is_OK()
    {
        var (clientId, confirm) = await Session.SetClientIdAsync(NewId(), 1);
        Assert.That((await ConfirmAsync(clientId, confirm)).Status, Is.EqualTo(NfsStat4.Ok));
        Assert.That((await ConfirmAsync(clientId, confirm)).Status, Is.EqualTo(NfsStat4.Ok));
    }

    [Test]
    public async Task Confirm_verifier_is_never_zero_and_differs_between_requests()
    {
        var (_, c1) = await Session.SetClientIdAsync(NewId(), 1);
        var (_, c2) = await Session.SetClientIdAsync(NewId(), 1);
        Assert.That(c1, Is.Not.Zero);
        Assert.That(c2, Is.Not.EqualTo(c1));
    }

    [Test]
    public async Task RENEW_of_an_unknown_client_id_is_STALE_CLIENTID()
    {
        Assert.That((await Session.CompoundAsync(c => c.Renew(Epoch << 32 | 0x777777))).Status, Is.EqualTo(NfsStat4.StaleClientid));
        Assert.That((await Session.CompoundAsync(c => c.Renew(12345))).Status, Is.EqualTo(NfsStat4.StaleClientid));
    }

    [Test]
    public async Task RENEW_of_an_unconfirmed_client_id_is_STALE_CLIENTID()
    {
        var (clientId, _) = await Session.SetClientIdAsync(NewId(), 1);
        Assert.That((await Session.CompoundAsync(c => c.Renew(clientId))).Status, Is.EqualTo(NfsStat4.StaleClientid));
    }

    [Test]
    public async Task RENEW_of_a_confirmed_client_id_is_OK()
    {
        var clientId = await Session.EstablishAsync();
        Assert.That((await Session.CompoundAsync(c => c.Renew(clientId))).Status, Is.EqualTo(NfsStat4.Ok));
    }

    [Test]
    public async Task Reboot_with_a_new_verifier_purges_the_old_state_so_its_stateid_is_EXPIRED()
    {
        string id = NewId();
        await Session.EstablishAsync(id, verifier: 1);
        var open = await Session.OpenAsync("f");
        await Session.EstablishAsync(id, verifier: 2);
        var r = await Session.CompoundAsync(c => c.PutFh(open.Handle).Close(open.Owner.Next(), open.StateId));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Expired), r.Describe());
        var read = await Session.CompoundAsync(c => c.PutFh(open.Handle).Read(open.StateId, 0, 1));
        Assert.That(read.Status, Is.EqualTo(NfsStat4.Expired), read.Describe());
    }

    [Test]
    public async Task Reboot_gives_a_new_client_id_and_the_old_one_is_no_longer_valid()
    {
        string id = NewId();
        var first = await Session.EstablishAsync(id, verifier: 1);
        var second = await Session.EstablishAsync(id, verifier: 2);
        Assert.That(second, Is.Not.EqualTo(first));
        var r = await Session.CompoundAsync(c => c.Renew(first));
        Assert.That(r.Status, Is.AnyOf(NfsStat4.StaleClientid, NfsStat4.Expired));
    }

    [Test]
    public async Task Old_state_stays_valid_until_the_new_incarnation_is_confirmed()
    {
        string id = NewId();
        await Session.EstablishAsync(id, verifier: 1);
        var open = await Session.OpenAsync("f");
        await Session.SetClientIdAsync(id, 2); // not confirmed
        var r = await Session.CompoundAsync(c => c.PutFh(open.Handle).Read(open.StateId, 0, 1));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), r.Describe());
    }

    [Test]
    public async Task Callback_update_keeps_the_client_id_and_its_state()
    {
        string id = NewId();
        var clientId = await Session.EstablishAsync(id, verifier: 7);
        var open = await Session.OpenAsync("f");
        var again = await Session.EstablishAsync(id, verifier: 7);
        Assert.That(again, Is.EqualTo(clientId));
        var r = await Session.CompoundAsync(c => c.PutFh(open.Handle).Close(open.Owner.Next(), open.StateId));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), r.Describe());
    }

    [Test]
    public async Task Two_callback_updates_in_a_row_keep_the_client_and_its_state()
    {
        string id = NewId();
        var clientId = await Session.EstablishAsync(id, verifier: 7);
        var open = await Session.OpenAsync("f");
        await Session.SetClientIdAsync(id, 7);              // update, never confirmed
        Assert.That((await Session.CompoundAsync(c => c.Renew(clientId))).Status, Is.EqualTo(NfsStat4.Ok), "the confirmed client must stay valid");
        var again = await Session.EstablishAsync(id, verifier: 7); // update again, confirmed
        Assert.That(again, Is.EqualTo(clientId));
        var r = await Session.CompoundAsync(c => c.PutFh(open.Handle).Close(open.Owner.Next(), open.StateId));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), r.Describe());
    }

    [Test]
    public async Task Replaced_unconfirmed_record_cannot_be_confirmed_any_more()
    {
        string id = NewId();
        var (firstId, firstConfirm) = await Session.SetClientIdAsync(id, 1);
        var (secondId, secondConfirm) = await Session.SetClientIdAsync(id, 2);
        Assert.That(secondId, Is.Not.EqualTo(firstId));
        Assert.That((await ConfirmAsync(firstId, firstConfirm)).Status, Is.EqualTo(NfsStat4.StaleClientid));
        Assert.That((await ConfirmAsync(secondId, secondConfirm)).Status, Is.EqualTo(NfsStat4.Ok));
    }

    [Test]
    public async Task Other_principal_on_a_client_id_with_state_is_CLID_INUSE()
    {
        string id = NewId();
        await Session.EstablishAsync(id, verifier: 1);
        await Session.OpenAsync("f");
        var r = await Session.CompoundAsync(c => c.SetClientId(1, Encoding.UTF8.GetBytes(id)), Credentials.Sys(1000));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.ClidInuse));
        var address = NetAddr4.Decode(r.Last(NfsOp4.Setclientid).Reader);
        Assert.That(address.NetId, Is.EqualTo("tcp"), "CLID_INUSE carries the client address of the record in use");
    }

    [Test]
    public async Task Other_principal_on_a_client_id_without_state_is_OK()
    {
        string id = NewId();
        await Session.EstablishAsync(id, verifier: 1);
        var r = await Session.CompoundAsync(c => c.SetClientId(1, Encoding.UTF8.GetBytes(id)), Credentials.Sys(1000));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok));
    }

    [Test]
    public async Task Confirm_by_another_principal_is_CLID_INUSE()
    {
        var (clientId, confirm) = await Session.SetClientIdAsync(NewId(), 1);
        var r = await ConfirmAsync(clientId, confirm, Credentials.Sys(1000));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.ClidInuse));
    }

    [Test]
    public async Task Operations_naming_an_unconfirmed_client_are_STALE_CLIENTID()
    {
        var (clientId, _) = await Session.SetClientIdAsync(NewId(), 1);
        var owner = new OwnerState(clientId, "o");
        var r = await Session.OpenRawAsync("f", owner);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.StaleClientid));
    }
}
