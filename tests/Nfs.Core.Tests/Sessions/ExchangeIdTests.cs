using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;

namespace Nfs.Core.Tests.Sessions;

/// <summary>EXCHANGE_ID (RFC 8881 section 18.35): the client record cases of section 18.35.5.</summary>
public sealed class ExchangeIdTests : Session41Test
{
    private static string NewOwner() => "eid-" + Guid.NewGuid().ToString("N");

    [Test]
    public async Task Same_owner_and_verifier_after_CREATE_SESSION_returns_the_same_client_id_marked_confirmed()
    {
        string owner = NewOwner();
        var s = await NewRawSessionAsync(owner);
        var client = await ConnectAsync();
        var again = await client.ExchangeIdAsync(owner, verifier: 1);
        Assert.That(again.ClientId, Is.EqualTo(s.ClientId));
        Assert.That(again.Flags & ExchangeIdFlags.ConfirmedResult, Is.Not.Zero, "EXCHGID4_FLAG_CONFIRMED_R");
        Assert.That((await s.SendAsync()).Status, Is.EqualTo(NfsStat4.Ok), "the session lives on");
    }

    [Test]
    public async Task A_new_client_record_is_not_marked_confirmed()
    {
        var client = await ConnectAsync();
        var ex = await client.ExchangeIdAsync(NewOwner());
        Assert.That(ex.Flags & ExchangeIdFlags.ConfirmedResult, Is.Zero);
        Assert.That(ex.Flags & ExchangeIdFlags.MaskPnfs, Is.EqualTo(ExchangeIdFlags.UseNonPnfs));
    }

    [Test]
    public async Task New_verifier_gets_a_new_client_id_and_the_old_state_goes_when_the_new_one_is_confirmed()
    {
        string owner = NewOwner();
        var old = await NewRawSessionAsync(owner);
        var (fh, open) = await old.OpenAsync("f", deny: OpenShare4.DenyWrite);

        var rebooted = await ConnectAsync();
        var ex = await rebooted.ExchangeIdAsync(owner, verifier: 2);
        Assert.That(ex.ClientId, Is.Not.EqualTo(old.ClientId));
        Assert.That(ex.Flags & ExchangeIdFlags.ConfirmedResult, Is.Zero);

        // Until the new record is confirmed the old client keeps its state.
        var test = await old.SendAsync(c => c.TestStateId(open));
        Assert.That(test.Status, Is.EqualTo(NfsStat4.Ok), test.Describe());
        Assert.That(test.TestStateIdStatuses(), Is.EqualTo(new[] { NfsStat4.Ok }));

        var cs = await rebooted.SendBareAsync(c => c.CreateSession(V41.CreateSession(ex.ClientId, ex.SequenceId)));
        Assert.That(cs.Status, Is.EqualTo(NfsStat4.Ok), cs.Describe());

        // Now the old incarnation is gone: its session, and its open with the share reservation.
        Assert.That((await old.SendAsync()).Status, Is.EqualTo(NfsStat4.Badsession));
        var other = await NewRawSessionAsync();
        var write = await other.SendAsync(c => c.PutFh(fh).Write(StateId4.Anonymous, 0, new byte[1]));
        Assert.That(write.Status, Is.EqualTo(NfsStat4.Ok), "DENY_WRITE of the old client still in force: " + write.Describe());
        var read = await other.SendAsync(c => c.PutFh(fh).Read(open, 0, 1));
        Assert.That(read.Status, Is.Not.EqualTo(NfsStat4.Ok), "the old open stateid still works");
    }

    [Test]
    public async Task Update_without_a_confirmed_record_is_NOENT()
    {
        var client = await ConnectAsync();
        var r = await client.SendBareAsync(c => c.ExchangeId(V41.ExchangeId(NewOwner(), 1, ExchangeIdFlags.UpdateConfirmedRecord)));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Noent), r.Describe());
    }

    [Test]
    public async Task Update_of_an_unconfirmed_record_is_NOENT()
    {
        string owner = NewOwner();
        var client = await ConnectAsync();
        await client.ExchangeIdAsync(owner);
        var r = await client.SendBareAsync(c => c.ExchangeId(V41.ExchangeId(owner, 1, ExchangeIdFlags.UpdateConfirmedRecord)));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Noent), r.Describe());
    }

    [Test]
    public async Task Update_of_a_confirmed_record_keeps_the_client_id()
    {
        string owner = NewOwner();
        var s = await NewRawSessionAsync(owner);
        var r = await s.Client.SendBareAsync(c => c.ExchangeId(V41.ExchangeId(owner, 1, ExchangeIdFlags.UpdateConfirmedRecord)));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), r.Describe());
        var ex = ExchangeIdResult.Decode(r.Results[0].Reader);
        Assert.That(ex.ClientId, Is.EqualTo(s.ClientId));
        Assert.That(ex.Flags & ExchangeIdFlags.ConfirmedResult, Is.Not.Zero);
    }

    [Test]
    public async Task Update_with_another_verifier_is_NOT_SAME()
    {
        string owner = NewOwner();
        var s = await NewRawSessionAsync(owner);
        var r = await s.Client.SendBareAsync(c => c.ExchangeId(V41.ExchangeId(owner, 9, ExchangeIdFlags.UpdateConfirmedRecord)));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.NotSame), r.Describe());
    }

    [Test]
    public async Task Update_by_another_principal_is_PERM()
    {
        string owner = NewOwner();
        var s = await NewRawSessionAsync(owner);
        var r = await s.Client.SendBareAsync(c => c.ExchangeId(V41.ExchangeId(owner, 1, ExchangeIdFlags.UpdateConfirmedRecord)), Credentials.Sys(1000));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Perm), r.Describe());
    }

    [TestCase(0x8u)]
    [TestCase(0x1000u)]
    [TestCase(ExchangeIdFlags.ConfirmedResult)]
    public async Task Flags_a_client_may_not_set_are_INVAL(uint flags)
    {
        var client = await ConnectAsync();
        var r = await client.SendBareAsync(c => c.ExchangeId(V41.ExchangeId(NewOwner(), 1, flags)));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Inval), r.Describe());
    }

    [Test]
    public async Task Another_principal_while_the_client_holds_state_is_CLID_INUSE()
    {
        string owner = NewOwner();
        var s = await NewRawSessionAsync(owner);
        await s.OpenAsync("f");
        var intruder = await ConnectAsync();
        var r = await intruder.SendBareAsync(c => c.ExchangeId(V41.ExchangeId(owner, 1)), Credentials.Sys(1000));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.ClidInuse), r.Describe());
        Assert.That((await s.SendAsync()).Status, Is.EqualTo(NfsStat4.Ok), "the holder is untouched");
    }

    [Test]
    public async Task Another_principal_while_the_client_holds_no_state_gets_a_new_client_id()
    {
        string owner = NewOwner();
        var s = await NewRawSessionAsync(owner);
        var other = await ConnectAsync();
        var ex = await other.ExchangeIdAsync(owner, 1, credential: Credentials.Sys(1000));
        Assert.That(ex.ClientId, Is.Not.EqualTo(s.ClientId));
        Assert.That(ex.Flags & ExchangeIdFlags.ConfirmedResult, Is.Zero);
    }
}
