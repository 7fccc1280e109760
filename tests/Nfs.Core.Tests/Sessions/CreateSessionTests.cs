using Nfs.Core.Nfs4.Operations;
using Nfs.Core.State;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Sessions;

/// <summary>CREATE_SESSION (RFC 8881 section 18.36): channel negotiation, limits, the create-session sequence.</summary>
public sealed class CreateSessionTests : Session41Test
{
    private async Task<(Nfs4Client Client, ExchangeIdResult Exchange)> ExchangeAsync()
    {
        var client = await ConnectAsync();
        return (client, await client.ExchangeIdAsync("cs-" + Guid.NewGuid().ToString("N")));
    }

    private static Task<CompoundReply> CreateSessionAsync(Nfs4Client client, CreateSessionArgs args) => client.SendBareAsync(c => c.CreateSession(args));

    [Test]
    public async Task Requested_limits_above_the_servers_are_negotiated_down_and_echoed()
    {
        var (client, ex) = await ExchangeAsync();
        var huge = new ChannelAttrs4(0, uint.MaxValue, uint.MaxValue, uint.MaxValue, 100_000, 1000);
        var r = await CreateSessionAsync(client, V41.CreateSession(ex.ClientId, ex.SequenceId, CreateSessionFlags.ConnectionBackChannel, huge, huge));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), r.Describe());
        var created = CreateSessionResult.Decode(r.Results[0].Reader);
        uint record = (uint)Server.Options.Transport.MaxRecordSize;

        Assert.That(created.SequenceId, Is.EqualTo(ex.SequenceId));
        Assert.That(created.Flags & CreateSessionFlags.ConnectionBackChannel, Is.Not.Zero, "back channel on this connection granted");
        Assert.That(created.Fore.MaxRequests, Is.EqualTo(CreateSessionHandler.MaxSlots));
        Assert.That(created.Fore.MaxOperations, Is.EqualTo((uint)Server.Options.Nfs4.MaxOperationsPerCompound));
        Assert.That(created.Fore.MaxRequestSize, Is.LessThanOrEqualTo(record).And.GreaterThan(0u));
        Assert.That(created.Fore.MaxResponseSize, Is.LessThanOrEqualTo(record).And.GreaterThan(0u));
        Assert.That(created.Fore.MaxResponseSizeCached, Is.LessThanOrEqualTo(created.Fore.MaxResponseSize));
        Assert.That(created.Back.MaxRequestSize, Is.LessThanOrEqualTo(record));
        Assert.That(created.Back.MaxResponseSize, Is.LessThanOrEqualTo(record));
        Assert.That(created.Back.MaxRequests, Is.GreaterThanOrEqualTo(1u).And.LessThan(1000u));

        // What was granted is what is enforced: the last granted slot works, the next is BADSLOT.
        var seq = new SequenceArgs(created.SessionId, 1, created.Fore.MaxRequests - 1, created.Fore.MaxRequests - 1, false);
        Assert.That((await client.SendBareAsync(c => c.Sequence(seq))).Status, Is.EqualTo(NfsStat4.Ok));
        var beyond = seq with { SlotId = created.Fore.MaxRequests };
        Assert.That((await client.SendBareAsync(c => c.Sequence(beyond))).Status, Is.EqualTo(NfsStat4.Badslot));
    }

    [Test]
    public async Task Limits_within_the_servers_are_granted_as_asked()
    {
        var (client, ex) = await ExchangeAsync();
        var asked = V41.Channel(slots: 5, maxOperations: 7, maxRequest: 9000, maxResponse: 10_000, maxResponseCached: 2000);
        var r = await CreateSessionAsync(client, V41.CreateSession(ex.ClientId, ex.SequenceId, 0, asked));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), r.Describe());
        var fore = CreateSessionResult.Decode(r.Results[0].Reader).Fore;
        Assert.That(fore.MaxRequests, Is.EqualTo(5u));
        Assert.That(fore.MaxOperations, Is.EqualTo(7u));
        Assert.That(fore.MaxRequestSize, Is.EqualTo(9000u));
        Assert.That(fore.MaxResponseSize, Is.EqualTo(10_000u));
        Assert.That(fore.MaxResponseSizeCached, Is.EqualTo(2000u));
    }

    [TestCase(127u, 8192u, 8192u, 8192u, TestName = "Fore_maxrequestsize_127_is_TOOSMALL")]
    [TestCase(8192u, 20u, 8192u, 8192u, TestName = "Fore_maxresponsesize_20_is_TOOSMALL")]
    [TestCase(8192u, 8192u, 10u, 8192u, TestName = "Back_maxrequestsize_10_is_TOOSMALL")]
    [TestCase(8192u, 8192u, 8192u, 0u, TestName = "Back_maxresponsesize_0_is_TOOSMALL")]
    public async Task Sizes_too_small_for_any_request_are_TOOSMALL(uint foreRequest, uint foreResponse, uint backRequest, uint backResponse)
    {
        var (client, ex) = await ExchangeAsync();
        var fore = V41.Channel(maxRequest: foreRequest, maxResponse: foreResponse);
        var back = V41.BackChannel(backRequest, backResponse);
        var r = await CreateSessionAsync(client, V41.CreateSession(ex.ClientId, ex.SequenceId, 0, fore, back));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Toosmall), r.Describe());
    }

    [TestCase(0x8u)]
    [TestCase(0xFu)]
    [TestCase(0x80000000u)]
    public async Task Unknown_flag_bits_are_INVAL(uint flags)
    {
        var (client, ex) = await ExchangeAsync();
        var r = await CreateSessionAsync(client, V41.CreateSession(ex.ClientId, ex.SequenceId, flags));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Inval), r.Describe());
    }

    [Test]
    public async Task More_operations_than_ca_maxoperations_is_TOO_MANY_OPS()
    {
        var s = await NewRawSessionAsync(fore: V41.Channel(maxOperations: 4));
        Assert.That(s.Info.Fore.MaxOperations, Is.EqualTo(4u));
        var ok = await s.SendAsync(c => c.PutRootFh().GetFh().PutRootFh());
        Assert.That(ok.Status, Is.EqualTo(NfsStat4.Ok), "four operations, SEQUENCE included: " + ok.Describe());
        var r = await s.SendAsync(c => c.PutRootFh().GetFh().PutRootFh().GetFh());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.TooManyOps), r.Describe());
    }

    [Test]
    public async Task Reply_larger_than_ca_maxresponsesize_is_REP_TOO_BIG()
    {
        var s = await NewRawSessionAsync(fore: V41.Channel(maxResponse: 1024, maxResponseCached: 1024));
        var fh = await s.CreateFileAsync("f", new byte[4096]);
        var r = await s.SendAsync(c => c.PutFh(fh).Read(StateId4.Anonymous, 0, 4096));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.RepTooBig), r.Describe());
        Assert.That(r.Results[^1].Op, Is.EqualTo(NfsOp4.Read));
        // A reply that fits is fine.
        Assert.That((await s.SendAsync(c => c.PutFh(fh).Read(StateId4.Anonymous, 0, 100))).Status, Is.EqualTo(NfsStat4.Ok));
    }

    [Test]
    public async Task Cached_reply_larger_than_ca_maxresponsesize_cached_is_REP_TOO_BIG_TO_CACHE()
    {
        var s = await NewRawSessionAsync(fore: V41.Channel(maxResponse: 64 * 1024, maxResponseCached: 512));
        var fh = await s.CreateFileAsync("f", new byte[2048]);
        var r = await s.SendAsync(c => c.PutFh(fh).Read(StateId4.Anonymous, 0, 2048), cacheThis: true);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.RepTooBigToCache), r.Describe());
        Assert.That(r.Results[^1].Op, Is.EqualTo(NfsOp4.Read));
        // Without cachethis the same READ is fine.
        var uncached = await s.SendAsync(c => c.PutFh(fh).Read(StateId4.Anonymous, 0, 2048), cacheThis: false);
        Assert.That(uncached.Status, Is.EqualTo(NfsStat4.Ok), uncached.Describe());
    }

    [Test]
    public async Task SEQUENCE_alone_with_cachethis_and_a_tiny_ca_maxresponsesize_cached_is_REP_TOO_BIG_TO_CACHE()
    {
        var (client, ex) = await ExchangeAsync();
        var r = await CreateSessionAsync(client, V41.CreateSession(ex.ClientId, ex.SequenceId, 0, V41.Channel(maxResponseCached: 10)));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), r.Describe());
        var id = CreateSessionResult.Decode(r.Results[0].Reader).SessionId;
        var seq = await client.SendBareAsync(c => c.Sequence(new SequenceArgs(id, 1, 0, 0, true)));
        Assert.That(seq.Status, Is.EqualTo(NfsStat4.RepTooBigToCache), seq.Describe());
    }

    [Test]
    public async Task Retransmitted_CREATE_SESSION_returns_the_same_session()
    {
        var (client, ex) = await ExchangeAsync();
        var args = V41.CreateSession(ex.ClientId, ex.SequenceId);
        var first = await client.CompoundRawAsync(V41.Bare(c => c.CreateSession(args)));
        var second = await client.CompoundRawAsync(V41.Bare(c => c.CreateSession(args)));
        Assert.That(second.Body.ToArray(), Is.EqualTo(first.Body.ToArray()));
        var r = CompoundReply.Decode(new Protocol.Xdr.XdrReader(second.Body));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), r.Describe());
        var id = CreateSessionResult.Decode(r.Results[0].Reader).SessionId;
        Assert.That((await client.SendBareAsync(c => c.Sequence(new SequenceArgs(id, 1, 0, 0, false)))).Status, Is.EqualTo(NfsStat4.Ok));
        Assert.That(Server.Server.State.FindSession(id)!.Client.Sessions.Count, Is.EqualTo(1), "no second session was made");
    }

    [Test]
    public async Task Sequence_id_one_ahead_of_the_expected_is_SEQ_MISORDERED()
    {
        var (client, ex) = await ExchangeAsync();
        var r = await CreateSessionAsync(client, V41.CreateSession(ex.ClientId, ex.SequenceId + 1));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.SeqMisordered), r.Describe());
    }

    [Test]
    public async Task Sequence_id_before_the_expected_is_SEQ_MISORDERED()
    {
        var (client, ex) = await ExchangeAsync();
        var r = await CreateSessionAsync(client, V41.CreateSession(ex.ClientId, ex.SequenceId - 1));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.SeqMisordered), r.Describe());
    }

    [Test]
    public async Task Sequence_id_two_ahead_after_a_session_is_SEQ_MISORDERED_and_one_ahead_works()
    {
        var (client, ex) = await ExchangeAsync();
        Assert.That((await CreateSessionAsync(client, V41.CreateSession(ex.ClientId, ex.SequenceId))).Status, Is.EqualTo(NfsStat4.Ok));
        var skipped = await CreateSessionAsync(client, V41.CreateSession(ex.ClientId, ex.SequenceId + 2));
        Assert.That(skipped.Status, Is.EqualTo(NfsStat4.SeqMisordered), skipped.Describe());
        var next = await CreateSessionAsync(client, V41.CreateSession(ex.ClientId, ex.SequenceId + 1));
        Assert.That(next.Status, Is.EqualTo(NfsStat4.Ok), next.Describe());
    }

    [Test]
    public async Task Unknown_client_id_is_STALE_CLIENTID()
    {
        var (client, ex) = await ExchangeAsync();
        var r = await CreateSessionAsync(client, V41.CreateSession(ex.ClientId + 1000, 1));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.StaleClientid), r.Describe());
    }

    [Test]
    public async Task Another_principal_before_confirmation_is_CLID_INUSE()
    {
        var (client, ex) = await ExchangeAsync();
        var r = await client.SendBareAsync(c => c.CreateSession(V41.CreateSession(ex.ClientId, ex.SequenceId)), Credentials.Sys(1000));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.ClidInuse), r.Describe());
    }

    [Test]
    public async Task A_client_has_at_most_MaxSessionsPerClient_sessions()
    {
        var (client, ex) = await ExchangeAsync();
        uint seq = ex.SequenceId;
        for (int i = 0; i < StateManager.MaxSessionsPerClient; i++)
        {
            var r = await CreateSessionAsync(client, V41.CreateSession(ex.ClientId, seq++, 0, V41.Channel(slots: 1)));
            Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), $"session {i}: {r.Describe()}");
        }
        var refused = await CreateSessionAsync(client, V41.CreateSession(ex.ClientId, seq, 0, V41.Channel(slots: 1)));
        Assert.That(refused.Status, Is.EqualTo(NfsStat4.Resource), refused.Describe());
    }
}
