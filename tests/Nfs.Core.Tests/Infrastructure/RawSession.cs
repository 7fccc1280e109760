using System.Text;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.Protocol.Rpc;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Infrastructure;

/// <summary>Builders for NFSv4.1 client id and session arguments.</summary>
public static class V41
{
    /// <summary>Fore channel attributes a test asks for (generous unless told otherwise).</summary>
    public static ChannelAttrs4 Channel(uint slots = 8, uint maxOperations = 16, uint maxRequest = 1 << 20, uint maxResponse = 1 << 20, uint maxResponseCached = 64 * 1024) =>
        new(0, maxRequest, maxResponse, maxResponseCached, maxOperations, slots);

    /// <summary>Back channel attributes (one slot).</summary>
    public static ChannelAttrs4 BackChannel(uint maxRequest = 16 * 1024, uint maxResponse = 16 * 1024) => new(0, maxRequest, maxResponse, 4096, 4, 1);

    /// <summary>EXCHANGE_ID4args with SP4_NONE.</summary>
    public static ExchangeIdArgs ExchangeId(string owner, ulong verifier = 1, uint flags = 0) =>
        new(new Verifier4(verifier), Encoding.UTF8.GetBytes(owner), flags, StateProtectHow4.None, default, default, null);

    /// <summary>CREATE_SESSION4args with AUTH_NONE callbacks.</summary>
    public static CreateSessionArgs CreateSession(ulong clientId, uint sequenceId, uint flags = 0, ChannelAttrs4? fore = null, ChannelAttrs4? back = null) =>
        new(clientId, sequenceId, flags, fore ?? Channel(), back ?? BackChannel(), 0x40000000, [new CallbackSecurity4(AuthFlavor.None, default)]);

    /// <summary>A minor version 1 COMPOUND sent as built (no SEQUENCE is put in front).</summary>
    public static Compound Bare(Action<Compound> build)
    {
        var c = new Compound { MinorVersion = 1, UseSession = false };
        build(c);
        return c;
    }

    /// <summary>Sends a minor version 1 COMPOUND as built.</summary>
    public static Task<CompoundReply> SendBareAsync(this Nfs4Client client, Action<Compound> build, OpaqueAuth? credential = null) =>
        client.CompoundAsync(Bare(build), credential);

    /// <summary>EXCHANGE_ID alone; asserts success and returns the result.</summary>
    public static async Task<ExchangeIdResult> ExchangeIdAsync(this Nfs4Client client, string owner, ulong verifier = 1, uint flags = 0, OpaqueAuth? credential = null)
    {
        var r = await client.SendBareAsync(c => c.ExchangeId(ExchangeId(owner, verifier, flags)), credential);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), $"EXCHANGE_ID: {r.Describe()}");
        return ExchangeIdResult.Decode(r.Results[0].Reader);
    }

    /// <summary>The per-stateid statuses of the last TEST_STATEID of a reply.</summary>
    public static NfsStat4[] TestStateIdStatuses(this CompoundReply reply)
    {
        var body = reply.Last(NfsOp4.TestStateid).Reader;
        int n = (int)body.ReadUInt32();
        return Enumerable.Range(0, n).Select(_ => (NfsStat4)body.ReadUInt32()).ToArray();
    }

    /// <summary>The SEQUENCE result of a reply.</summary>
    public static SequenceResult Sequence(this CompoundReply reply) => SequenceResult.Decode(reply.Last(NfsOp4.Sequence).Reader);
}

/// <summary>
/// An NFSv4.1 client whose session a test drives by hand: it chooses the slot, sequence id and
/// cachethis of each request. <see cref="NextSequence"/> keeps per-slot counters for the
/// ordinary case.
/// </summary>
public sealed class RawSession
{
    private readonly uint[] _sequence;

    private RawSession(Nfs4Client client, ulong clientId, CreateSessionResult info)
    {
        Client = client;
        ClientId = clientId;
        Info = info;
        _sequence = new uint[info.Fore.MaxRequests];
    }

    /// <summary>The connection.</summary>
    public Nfs4Client Client { get; }

    /// <summary>The client id.</summary>
    public ulong ClientId { get; }

    /// <summary>The CREATE_SESSION result.</summary>
    public CreateSessionResult Info { get; }

    /// <summary>The session id.</summary>
    public SessionId4 Id => Info.SessionId;

    /// <summary>The credential of every request (AUTH_SYS root when null).</summary>
    public OpaqueAuth? Credential { get; set; }

    /// <summary>
    /// EXCHANGE_ID and CREATE_SESSION on <paramref name="client"/>, then RECLAIM_COMPLETE on
    /// slot 0 unless told otherwise. Asserts success.
    /// </summary>
    public static async Task<RawSession> CreateAsync(Nfs4Client client, string? owner = null, ChannelAttrs4? fore = null, uint flags = 0,
        ulong verifier = 1, OpaqueAuth? credential = null, bool reclaimComplete = true)
    {
        owner ??= "raw-" + Guid.NewGuid().ToString("N");
        var ex = await client.ExchangeIdAsync(owner, verifier, 0, credential);
        var r = await client.SendBareAsync(c => c.CreateSession(V41.CreateSession(ex.ClientId, ex.SequenceId, flags, fore)), credential);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), $"CREATE_SESSION: {r.Describe()}");
        var session = new RawSession(client, ex.ClientId, CreateSessionResult.Decode(r.Results[0].Reader)) { Credential = credential };
        if (reclaimComplete)
        {
            var rc = await session.SendAsync(c => c.ReclaimComplete());
            Assert.That(rc.Status, Is.EqualTo(NfsStat4.Ok), $"RECLAIM_COMPLETE: {rc.Describe()}");
        }
        return session;
    }

    /// <summary>Hands out the next sequence id of a slot.</summary>
    public uint NextSequence(uint slot = 0) => ++_sequence[slot];

    /// <summary>SEQUENCE with exactly these values, followed by the operations <paramref name="build"/> adds.</summary>
    public Compound Build(uint slot, uint sequenceId, Action<Compound>? build = null, bool cacheThis = false, SessionId4? session = null)
    {
        var c = new Compound { MinorVersion = 1, UseSession = false };
        c.Sequence(new SequenceArgs(session ?? Id, sequenceId, slot, Info.Fore.MaxRequests - 1, cacheThis));
        build?.Invoke(c);
        return c;
    }

    /// <summary>Sends operations behind a SEQUENCE on the next sequence id of <paramref name="slot"/>.</summary>
    public Task<CompoundReply> SendAsync(Action<Compound>? build = null, uint slot = 0, bool cacheThis = false) =>
        Client.CompoundAsync(Build(slot, NextSequence(slot), build, cacheThis), Credential);

    /// <summary>Sends operations behind a SEQUENCE with the given slot and sequence id (counters untouched).</summary>
    public Task<CompoundReply> SendAtAsync(uint slot, uint sequenceId, Action<Compound>? build = null, bool cacheThis = false) =>
        Client.CompoundAsync(Build(slot, sequenceId, build, cacheThis), Credential);

    /// <summary>Sends on the next sequence id of slot 0 and asserts success.</summary>
    public async Task<CompoundReply> ExpectOkAsync(Action<Compound> build)
    {
        var r = await SendAsync(build);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), r.Describe());
        return r;
    }

    /// <summary>Opens (creating) a file in the root directory; returns its handle and open stateid.</summary>
    public async Task<(byte[] Handle, StateId4 StateId)> OpenAsync(string name, uint access = OpenShare4.AccessBoth, uint deny = OpenShare4.DenyNone, string owner = "owner")
    {
        var args = NfsSession.OpenArgsFor(new OwnerState(ClientId, owner), name, create: true, access: access, deny: deny);
        var r = await ExpectOkAsync(c => c.PutRootFh().Open(args).GetFh());
        return (r.FileHandle, OpenResult.Decode(r.Last(NfsOp4.Open).Reader).StateId);
    }

    /// <summary>Creates a file in the root directory with the given content (OPEN, WRITE, CLOSE); returns its handle.</summary>
    public async Task<byte[]> CreateFileAsync(string name, byte[] content)
    {
        var (fh, sid) = await OpenAsync(name);
        await ExpectOkAsync(c => c.PutFh(fh).Write(sid, 0, content));
        await ExpectOkAsync(c => c.PutFh(fh).Close(0, sid));
        return fh;
    }

    /// <summary>Like <see cref="SendAtAsync"/>, returning the raw reply (for byte-wise comparisons).</summary>
    public async Task<byte[]> SendAtRawAsync(uint slot, uint sequenceId, Action<Compound>? build = null, bool cacheThis = false)
    {
        var reply = await Client.CompoundRawAsync(Build(slot, sequenceId, build, cacheThis), Credential);
        Assert.That(reply.Header.IsSuccess, Is.True, reply.Header.ToString());
        return reply.Body.ToArray();
    }
}
