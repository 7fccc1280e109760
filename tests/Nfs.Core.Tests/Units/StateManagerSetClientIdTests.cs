using Fsal.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Nfs.Core.Exports;
using Nfs.Core.Nfs4;
using Nfs.Core.State;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Tests.Units;

/// <summary>
/// The SETCLIENTID / SETCLIENTID_CONFIRM state machine of RFC 7530 sections 16.33.5 and 16.34.5,
/// with the record notation of the RFC: { v, x, c, k, s } = verifier, id, client id, callback, confirm.
/// </summary>
public sealed class StateManagerSetClientIdTests
{
    private static readonly ClientPrincipal P = new(1, 0, 0);
    private static readonly ClientPrincipal Q = new(1, 1000, 1000);
    private static readonly CallbackInfo K = new(0x40000000, new NetAddr4("tcp", "127.0.0.1.3.1"), 1);
    private static readonly CallbackInfo L = new(0x40000001, new NetAddr4("tcp", "127.0.0.1.3.2"), 2);

    private StateManager _state = null!;

    private StateManager Create(int leaseSeconds = 60, int maxClients = 100) =>
        _state = new StateManager(new Nfs4Options { LeaseSeconds = leaseSeconds, MaxClients = maxClients }, NullLogger<StateManager>.Instance);

    [TearDown]
    public void Dispose() => _state?.Dispose();

    private (NfsStat4 Status, ulong ClientId, ulong Confirm) Set(string x, ulong v, ClientPrincipal? p = null, CallbackInfo? k = null)
    {
        var s = _state.SetClientId(System.Text.Encoding.UTF8.GetBytes(x), v, p ?? P, k ?? K, out ulong id, out ulong confirm, out _);
        return (s, id, confirm);
    }

    private ulong Establish(string x, ulong v, ClientPrincipal? p = null)
    {
        var (s, id, confirm) = Set(x, v, p);
        Assert.That(s, Is.EqualTo(NfsStat4.Ok));
        Assert.That(_state.ConfirmClientId(id, confirm, p ?? P), Is.EqualTo(NfsStat4.Ok));
        return id;
    }

    /// <summary>Gives a client an open, so it "has state".</summary>
    private OpenState OpenSomething(ulong clientId)
    {
        Assert.That(_state.GetClient(clientId, out var client), Is.EqualTo(NfsStat4.Ok));
        var fs = new MemoryFileSystem();
        var export = new Export(new ExportOptions { Id = 1, FileSystem = fs }, fs);
        var owner = _state.GetOrCreateOpenOwner(client, "owner"u8, 0, 0, out _);
        var file = _state.GetFile(NfsFileHandle.From([1, 0, 0, 1, 9]), export, fs.Root);
        Assert.That(_state.Open(owner, file, OpenShare4.AccessRead, OpenShare4.DenyNone, out var open, out _), Is.EqualTo(NfsStat4.Ok));
        return open;
    }

    [Test]
    public void No_record_for_x_gives_an_unconfirmed_record_that_confirm_makes_usable()
    {
        Create();
        var (s, c, confirm) = Set("x", 1);
        Assert.That(s, Is.EqualTo(NfsStat4.Ok));
        Assert.That(confirm, Is.Not.Zero);
        Assert.That(_state.GetClient(c, out _), Is.EqualTo(NfsStat4.StaleClientid), "unconfirmed");
        Assert.That(_state.ConfirmClientId(c, confirm, P), Is.EqualTo(NfsStat4.Ok));
        Assert.That(_state.GetClient(c, out var client), Is.EqualTo(NfsStat4.Ok));
        Assert.That(client.Confirmed, Is.True);
    }

    [Test]
    public void Confirmed_record_and_same_verifier_is_a_callback_update_that_keeps_the_client_id_and_state()
    {
        Create();
        ulong c = Establish("x", 1);
        var open = OpenSomething(c);
        var (s, id, t) = Set("x", 1, k: L);
        Assert.That(s, Is.EqualTo(NfsStat4.Ok));
        Assert.That(id, Is.EqualTo(c));
        Assert.That(_state.GetClient(c, out _), Is.EqualTo(NfsStat4.Ok), "the confirmed record stays usable before the confirm");
        Assert.That(_state.ConfirmClientId(id, t, P), Is.EqualTo(NfsStat4.Ok));
        Assert.That(_state.GetClient(c, out var client), Is.EqualTo(NfsStat4.Ok));
        Assert.That(client.Callback, Is.EqualTo(L));
        Assert.That(_state.FindState(open.Id, 0, out _), Is.EqualTo(NfsStat4.Ok));
    }

    [Test]
    public void Confirmed_record_and_another_verifier_is_a_reboot_whose_confirm_drops_the_old_state()
    {
        Create();
        ulong c = Establish("x", 1);
        var open = OpenSomething(c);
        var (s, d, t) = Set("x", 2);
        Assert.That(s, Is.EqualTo(NfsStat4.Ok));
        Assert.That(d, Is.Not.EqualTo(c));
        Assert.That(_state.FindState(open.Id, 0, out _), Is.EqualTo(NfsStat4.Ok), "the old state lives until the confirm");
        Assert.That(_state.ConfirmClientId(d, t, P), Is.EqualTo(NfsStat4.Ok));
        Assert.That(_state.FindState(open.Id, 0, out _), Is.EqualTo(NfsStat4.Expired));
        Assert.That(_state.GetClient(c, out _), Is.AnyOf(NfsStat4.StaleClientid, NfsStat4.Expired));
        Assert.That(_state.GetClient(d, out _), Is.EqualTo(NfsStat4.Ok));
    }

    [TestCase(2UL)]
    [TestCase(3UL)]
    public void Confirmed_and_unconfirmed_records_then_a_new_request_replaces_the_unconfirmed_one(ulong newVerifier)
    {
        Create();
        ulong c = Establish("x", 1);
        var (_, d, dConfirm) = Set("x", 2);
        var (s, e, eConfirm) = Set("x", newVerifier);
        Assert.That(s, Is.EqualTo(NfsStat4.Ok));
        Assert.That(e, Is.Not.EqualTo(c));
        Assert.That(e, Is.Not.EqualTo(d));
        Assert.That(eConfirm, Is.Not.EqualTo(dConfirm));
        Assert.That(_state.ConfirmClientId(d, dConfirm, P), Is.EqualTo(NfsStat4.StaleClientid));
        Assert.That(_state.ConfirmClientId(e, eConfirm, P), Is.EqualTo(NfsStat4.Ok));
    }

    [Test]
    public void Unconfirmed_record_only_is_replaced_by_a_new_request()
    {
        Create();
        var (_, c, s1) = Set("x", 1);
        var (_, d, s2) = Set("x", 2);
        Assert.That(d, Is.Not.EqualTo(c));
        Assert.That(s2, Is.Not.EqualTo(s1));
        Assert.That(_state.ConfirmClientId(c, s1, P), Is.EqualTo(NfsStat4.StaleClientid));
        Assert.That(_state.ConfirmClientId(d, s2, P), Is.EqualTo(NfsStat4.Ok));
    }

    [Test]
    public void Other_principal_on_a_client_with_state_is_CLID_INUSE_with_the_callback_in_use()
    {
        Create();
        ulong c = Establish("x", 1);
        OpenSomething(c);
        var s = _state.SetClientId("x"u8, 1, Q, L, out _, out _, out var inUseBy);
        Assert.That(s, Is.EqualTo(NfsStat4.ClidInuse));
        Assert.That(inUseBy, Is.EqualTo(K));
        Assert.That(_state.GetClient(c, out _), Is.EqualTo(NfsStat4.Ok));
    }

    [Test]
    public void Other_principal_on_a_client_without_state_takes_the_id_over()
    {
        Create();
        ulong c = Establish("x", 1);
        var (s, d, t) = Set("x", 1, Q);
        Assert.That(s, Is.EqualTo(NfsStat4.Ok));
        Assert.That(_state.ConfirmClientId(d, t, Q), Is.EqualTo(NfsStat4.Ok));
        Assert.That(_state.GetClient(d, out var client), Is.EqualTo(NfsStat4.Ok));
        Assert.That(client.Principal, Is.EqualTo(Q));
    }

    [Test]
    public void Other_principal_on_a_client_with_state_whose_lease_expired_takes_the_id_over()
    {
        Create(leaseSeconds: 1);
        ulong c = Establish("x", 1);
        OpenSomething(c);
        Thread.Sleep(1100);
        var (s, _, _) = Set("x", 1, Q);
        Assert.That(s, Is.EqualTo(NfsStat4.Ok));
    }

    [Test]
    public void Confirm_by_another_principal_is_CLID_INUSE()
    {
        Create();
        var (_, c, confirm) = Set("x", 1);
        Assert.That(_state.ConfirmClientId(c, confirm, Q), Is.EqualTo(NfsStat4.ClidInuse));
        Assert.That(_state.ConfirmClientId(c, confirm, P), Is.EqualTo(NfsStat4.Ok));
    }

    [Test]
    public void Confirm_of_an_unknown_id_or_with_a_wrong_verifier_is_STALE_CLIENTID()
    {
        Create();
        var (_, c, confirm) = Set("x", 1);
        Assert.That(_state.ConfirmClientId(c, confirm + 1, P), Is.EqualTo(NfsStat4.StaleClientid));
        Assert.That(_state.ConfirmClientId(c + 1000, confirm, P), Is.EqualTo(NfsStat4.StaleClientid));
        Assert.That(_state.ConfirmClientId(((ulong)(_state.BootEpoch - 1) << 32) | (c & 0xFFFFFFFF), confirm, P), Is.EqualTo(NfsStat4.StaleClientid));
    }

    [Test]
    public void Retransmitted_confirm_is_OK()
    {
        Create();
        var (_, c, confirm) = Set("x", 1);
        Assert.That(_state.ConfirmClientId(c, confirm, P), Is.EqualTo(NfsStat4.Ok));
        Assert.That(_state.ConfirmClientId(c, confirm, P), Is.EqualTo(NfsStat4.Ok));
    }

    [Test]
    public void Client_ids_carry_the_boot_epoch()
    {
        Create();
        var (_, c, _) = Set("x", 1);
        Assert.That((uint)(c >> 32), Is.EqualTo(_state.BootEpoch));
        Assert.That(_state.GetClient(((ulong)(_state.BootEpoch + 1) << 32) | 1, out _), Is.EqualTo(NfsStat4.StaleClientid));
    }

    [Test]
    public void More_clients_than_MaxClients_is_RESOURCE()
    {
        Create(maxClients: 2);
        Establish("a", 1);
        Establish("b", 1);
        Assert.That(Set("c", 1).Status, Is.EqualTo(NfsStat4.Resource));
    }

    [Test]
    public void Repeated_callback_updates_keep_the_confirmed_client()
    {
        Create();
        ulong c = Establish("x", 1);
        var open = OpenSomething(c);
        Set("x", 1, k: L);
        var (_, id, t) = Set("x", 1, k: L);
        Assert.That(_state.GetClient(c, out _), Is.EqualTo(NfsStat4.Ok));
        Assert.That(_state.ConfirmClientId(id, t, P), Is.EqualTo(NfsStat4.Ok));
        Assert.That(_state.FindState(open.Id, 0, out _), Is.EqualTo(NfsStat4.Ok));
    }
}
