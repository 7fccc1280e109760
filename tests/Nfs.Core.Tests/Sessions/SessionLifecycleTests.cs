using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;

namespace Nfs.Core.Tests.Sessions;

/// <summary>DESTROY_SESSION, DESTROY_CLIENTID and BIND_CONN_TO_SESSION (RFC 8881 sections 18.37, 18.50 and 18.34).</summary>
public sealed class SessionLifecycleTests : Session41Test
{
    [Test]
    public async Task After_DESTROY_SESSION_the_session_is_BADSESSION()
    {
        var s = await NewRawSessionAsync();
        var r = await s.Client.SendBareAsync(c => c.DestroySession(s.Id));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), r.Describe());
        var after = await s.SendAsync(c => c.PutRootFh());
        Assert.That(after.Status, Is.EqualTo(NfsStat4.Badsession), after.Describe());
        var again = await s.Client.SendBareAsync(c => c.DestroySession(s.Id));
        Assert.That(again.Status, Is.EqualTo(NfsStat4.Badsession), again.Describe());
    }

    [Test]
    public async Task DESTROY_SESSION_of_another_session_behind_SEQUENCE_works()
    {
        var s = await NewRawSessionAsync();
        var cs = await s.SendAsync(c => c.CreateSession(V41.CreateSession(s.ClientId, s.Info.SequenceId + 1)));
        Assert.That(cs.Status, Is.EqualTo(NfsStat4.Ok), cs.Describe());
        var second = CreateSessionResult.Decode(cs.Last(NfsOp4.CreateSession).Reader).SessionId;
        var r = await s.SendAsync(c => c.DestroySession(second));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), r.Describe());
        Assert.That(Server.Server.State.FindSession(second), Is.Null);
        Assert.That((await s.SendAsync()).Status, Is.EqualTo(NfsStat4.Ok));
    }

    [Test]
    public async Task DESTROY_SESSION_of_the_own_session_not_last_is_NOT_ONLY_OP()
    {
        var s = await NewRawSessionAsync();
        var r = await s.SendAsync(c => c.DestroySession(s.Id).PutRootFh());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.NotOnlyOp), r.Describe());
        Assert.That((await s.SendAsync()).Status, Is.EqualTo(NfsStat4.Ok), "the session must survive a refused DESTROY_SESSION");
    }

    [Test]
    public async Task DESTROY_CLIENTID_is_CLIENTID_BUSY_while_a_session_exists()
    {
        var s = await NewRawSessionAsync();
        var bare = await s.Client.SendBareAsync(c => c.DestroyClientId(s.ClientId));
        Assert.That(bare.Status, Is.EqualTo(NfsStat4.ClientidBusy), bare.Describe());
        var inSession = await s.SendAsync(c => c.DestroyClientId(s.ClientId));
        Assert.That(inSession.Status, Is.EqualTo(NfsStat4.ClientidBusy), inSession.Describe());
    }

    [Test]
    public async Task DESTROY_CLIENTID_is_CLIENTID_BUSY_while_it_holds_state_then_OK_once_it_has_neither()
    {
        var s = await NewRawSessionAsync();
        var (fh, open) = await s.OpenAsync("f");
        Assert.That((await s.Client.SendBareAsync(c => c.DestroySession(s.Id))).Status, Is.EqualTo(NfsStat4.Ok));

        var busy = await s.Client.SendBareAsync(c => c.DestroyClientId(s.ClientId));
        Assert.That(busy.Status, Is.EqualTo(NfsStat4.ClientidBusy), "an open is state: " + busy.Describe());

        // A new session closes the file, is destroyed, and then the client id can go.
        var cs = await s.Client.SendBareAsync(c => c.CreateSession(V41.CreateSession(s.ClientId, s.Info.SequenceId + 1)));
        Assert.That(cs.Status, Is.EqualTo(NfsStat4.Ok), cs.Describe());
        var id = CreateSessionResult.Decode(cs.Results[0].Reader).SessionId;
        var close = await s.Client.SendBareAsync(c => c.Sequence(new SequenceArgs(id, 1, 0, 0, false)).PutFh(fh).Close(0, open));
        Assert.That(close.Status, Is.EqualTo(NfsStat4.Ok), close.Describe());
        Assert.That((await s.Client.SendBareAsync(c => c.DestroySession(id))).Status, Is.EqualTo(NfsStat4.Ok));

        var destroyed = await s.Client.SendBareAsync(c => c.DestroyClientId(s.ClientId));
        Assert.That(destroyed.Status, Is.EqualTo(NfsStat4.Ok), destroyed.Describe());
        var gone = await s.Client.SendBareAsync(c => c.CreateSession(V41.CreateSession(s.ClientId, s.Info.SequenceId + 2)));
        Assert.That(gone.Status, Is.EqualTo(NfsStat4.StaleClientid), gone.Describe());
        var twice = await s.Client.SendBareAsync(c => c.DestroyClientId(s.ClientId));
        Assert.That(twice.Status, Is.EqualTo(NfsStat4.StaleClientid), twice.Describe());
    }

    [Test]
    public async Task DESTROY_CLIENTID_of_an_unconfirmed_client_works()
    {
        var client = await ConnectAsync();
        var ex = await client.ExchangeIdAsync("unconfirmed-" + Guid.NewGuid());
        var r = await client.SendBareAsync(c => c.DestroyClientId(ex.ClientId));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), r.Describe());
    }

    [Test]
    public async Task DESTROY_CLIENTID_of_an_unknown_client_is_STALE_CLIENTID()
    {
        var client = await ConnectAsync();
        var r = await client.SendBareAsync(c => c.DestroyClientId(0));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.StaleClientid), r.Describe());
    }

    [TestCase(ChannelDirection.ForeOrBoth, ChannelDirection.ForeOrBoth)]
    [TestCase(ChannelDirection.BackOrBoth, ChannelDirection.ForeOrBoth)]
    [TestCase(ChannelDirection.Fore, ChannelDirection.Fore)]
    public async Task A_second_connection_bound_to_the_session_carries_its_requests(uint asked, uint granted)
    {
        var s = await NewRawSessionAsync();
        var second = await ConnectAsync();
        var r = await second.SendBareAsync(c => c.BindConnToSession(new BindConnToSessionArgs(s.Id, asked, false)));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), r.Describe());
        var body = r.Results[0].Reader;
        Assert.That(SessionId4.Decode(body), Is.EqualTo(s.Id));
        Assert.That(body.ReadUInt32(), Is.EqualTo(granted), "channel direction granted");
        Assert.That(body.ReadBool(), Is.False, "no RDMA");

        var seq = new SequenceArgs(s.Id, s.NextSequence(1), 1, s.Info.Fore.MaxRequests - 1, false);
        var onSecond = await second.SendBareAsync(c => c.Sequence(seq).PutRootFh().GetFh());
        Assert.That(onSecond.Status, Is.EqualTo(NfsStat4.Ok), onSecond.Describe());
        // The slot table is the session's, whichever connection carries a request.
        Assert.That((await s.SendAtAsync(1, seq.SequenceId + 1)).Status, Is.EqualTo(NfsStat4.Ok));
    }

    [Test]
    public async Task BIND_CONN_TO_SESSION_for_the_back_channel_makes_it_the_callback_path()
    {
        var s = await NewRawSessionAsync();
        var second = await ConnectAsync();
        var r = await second.SendBareAsync(c => c.BindConnToSession(new BindConnToSessionArgs(s.Id, ChannelDirection.Back, false)));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), r.Describe());
        var body = r.Results[0].Reader;
        SessionId4.Decode(body);
        Assert.That(body.ReadUInt32(), Is.EqualTo(ChannelDirection.Back));
        Assert.That(Server.Server.State.FindSession(s.Id)!.BackChannel, Is.Not.Null);
    }

    [Test]
    public async Task BIND_CONN_TO_SESSION_of_an_unknown_session_is_BADSESSION()
    {
        var s = await NewRawSessionAsync();
        var second = await ConnectAsync();
        var bogus = new SessionId4(s.Id.High, s.Id.Low + 77);
        var r = await second.SendBareAsync(c => c.BindConnToSession(new BindConnToSessionArgs(bogus, ChannelDirection.ForeOrBoth, false)));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Badsession), r.Describe());
    }
}
