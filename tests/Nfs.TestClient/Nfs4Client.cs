using System.Net;
using System.Text;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.Protocol.Rpc;

namespace Nfs.TestClient;

/// <summary>An NFSv4.0 client for tests: COMPOUNDs plus the usual setup steps.</summary>
public sealed class Nfs4Client : IAsyncDisposable
{
    private uint _openSeq;

    private Nfs4Client(RpcClient rpc) => Rpc = rpc;

    /// <summary>The RPC connection.</summary>
    public RpcClient Rpc { get; }

    /// <summary>The confirmed client id, after <see cref="EstablishClientAsync"/>.</summary>
    public ulong ClientId { get; private set; }

    /// <summary>Connects; <paramref name="completeRepliesInline"/> as in <see cref="RpcClient.ConnectAsync(IPEndPoint, bool, CancellationToken)"/>.</summary>
    public static async Task<Nfs4Client> ConnectAsync(IPEndPoint endPoint, bool completeRepliesInline = false) => new(await RpcClient.ConnectAsync(endPoint, completeRepliesInline).ConfigureAwait(false));

    /// <summary>The minor version of new COMPOUNDs (set by <see cref="EstablishSessionAsync"/>).</summary>
    public uint MinorVersion { get; private set; }

    /// <summary>The session, after <see cref="EstablishSessionAsync"/>.</summary>
    public SessionId4? Session { get; private set; }

    private uint[] _slotSequence = [];
    private readonly Stack<uint> _freeSlots = new();
    private SemaphoreSlim _slots = new(1, 1);

    /// <summary>
    /// Sends a COMPOUND and decodes the reply; throws if the RPC itself failed. With a session,
    /// SEQUENCE on a free slot is put in front (and its result left in the reply).
    /// </summary>
    public async Task<CompoundReply> CompoundAsync(Compound compound, OpaqueAuth? credential = null)
    {
        if (compound.MinorVersion == 0) compound.MinorVersion = MinorVersion;
        if (Session is not { } session || !compound.UseSession || compound.MinorVersion == 0) return await SendAsync(compound, credential).ConfigureAwait(false);
        await _slots.WaitAsync().ConfigureAwait(false);
        uint slot;
        lock (_freeSlots) slot = _freeSlots.Pop();
        try
        {
            uint seq = ++_slotSequence[slot];
            compound.Prepend(NfsOp4.Sequence, w => new SequenceArgs(session, seq, slot, (uint)_slotSequence.Length - 1, false).Encode(w));
            try
            {
                return await SendAsync(compound, credential).ConfigureAwait(false);
            }
            finally
            {
                compound.RemoveFirst();
            }
        }
        finally
        {
            lock (_freeSlots) _freeSlots.Push(slot);
            _slots.Release();
        }
    }

    private async Task<CompoundReply> SendAsync(Compound compound, OpaqueAuth? credential)
    {
        var reply = await Rpc.CallAsync(Nfs4Constants.Program, Nfs4Constants.Version, Nfs4Constants.ProcCompound, compound.Encode, credential).ConfigureAwait(false);
        if (!reply.Header.IsSuccess) throw new InvalidOperationException($"RPC failed: {reply.Header}");
        return CompoundReply.Decode(reply.Reader);
    }

    /// <summary>The CREATE_SESSION result (channel attributes granted), after <see cref="EstablishSessionAsync"/>.</summary>
    public CreateSessionResult? SessionInfo { get; private set; }

    /// <summary>
    /// EXCHANGE_ID, CREATE_SESSION (with <paramref name="slots"/> slots, and this connection as the
    /// back channel when <paramref name="backChannel"/>) and, unless told otherwise, RECLAIM_COMPLETE;
    /// later COMPOUNDs use the session.
    /// </summary>
    public async Task<SessionId4> EstablishSessionAsync(uint minorVersion = 1, string? id = null, uint slots = 16, ulong verifier = 1, bool backChannel = false, bool reclaimComplete = true)
    {
        id ??= "testclient41-" + Guid.NewGuid();
        MinorVersion = minorVersion;
        var eid = new ExchangeIdArgs(new Verifier4(verifier), Encoding.UTF8.GetBytes(id), 0, StateProtectHow4.None, default, default, null);
        var r = await CompoundAsync(new Compound { MinorVersion = minorVersion, UseSession = false }.ExchangeId(eid)).ConfigureAwait(false);
        Expect(r, NfsStat4.Ok);
        var ex = ExchangeIdResult.Decode(r.Results[0].Reader);
        // Room for 4 MiB of data plus headers, as the Linux client asks for its rsize and wsize.
        var attrs = new ChannelAttrs4(0, (4 << 20) + 65536, (4 << 20) + 65536, 64 * 1024, 64, slots);
        var back = new ChannelAttrs4(0, 64 * 1024, 64 * 1024, 4096, 8, 1);
        var cs = new CreateSessionArgs(ex.ClientId, ex.SequenceId, backChannel ? CreateSessionFlags.ConnectionBackChannel : 0, attrs, back, 0x40000000, [new CallbackSecurity4(AuthFlavor.None, default)]);
        r = await CompoundAsync(new Compound { MinorVersion = minorVersion, UseSession = false }.CreateSession(cs)).ConfigureAwait(false);
        Expect(r, NfsStat4.Ok);
        var created = CreateSessionResult.Decode(r.Results[0].Reader);
        ClientId = ex.ClientId;
        _slotSequence = new uint[created.Fore.MaxRequests];
        _freeSlots.Clear();
        for (uint i = 0; i < created.Fore.MaxRequests; i++) _freeSlots.Push(i);
        _slots = new SemaphoreSlim((int)created.Fore.MaxRequests, (int)created.Fore.MaxRequests);
        Session = created.SessionId;
        SessionInfo = created;
        if (reclaimComplete) Expect(await CompoundAsync(c => c.ReclaimComplete()).ConfigureAwait(false), NfsStat4.Ok);
        return created.SessionId;
    }

    /// <summary>
    /// Answers the calls the server sends over this connection (the 4.1 back channel) with
    /// <paramref name="callbacks"/>; null stops answering.
    /// </summary>
    public void ServeCallbacks(Nfs4CallbackServer? callbacks) => Rpc.HandleCalls(callbacks is null ? null : callbacks.HandleAsync);

    /// <summary>
    /// Sends a COMPOUND exactly as built (no SEQUENCE is added) and returns the RPC reply, whose
    /// <see cref="RpcReplyMessage.Body"/> holds the COMPOUND result bytes.
    /// </summary>
    public Task<RpcReplyMessage> CompoundRawAsync(Compound compound, OpaqueAuth? credential = null) =>
        Rpc.CallAsync(Nfs4Constants.Program, Nfs4Constants.Version, Nfs4Constants.ProcCompound, compound.Encode, credential);

    /// <summary>Builds and sends a COMPOUND.</summary>
    public Task<CompoundReply> CompoundAsync(Action<Compound> build, OpaqueAuth? credential = null)
    {
        var c = new Compound();
        build(c);
        return CompoundAsync(c, credential);
    }

    /// <summary>SETCLIENTID and SETCLIENTID_CONFIRM.</summary>
    public async Task<ulong> EstablishClientAsync(string? id = null, ulong verifier = 1)
    {
        id ??= "testclient-" + Guid.NewGuid();
        var r = await CompoundAsync(c => c.SetClientId(verifier, Encoding.UTF8.GetBytes(id))).ConfigureAwait(false);
        Expect(r, NfsStat4.Ok);
        var body = r.Results[0].Reader;
        ulong clientId = body.ReadUInt64();
        ulong confirm = body.ReadUInt64();
        Expect(await CompoundAsync(c => c.SetClientIdConfirm(clientId, confirm)).ConfigureAwait(false), NfsStat4.Ok);
        ClientId = clientId;
        return clientId;
    }

    /// <summary>Opens (creating if asked) a file under a directory path, confirming the open-owner if needed.</summary>
    public async Task<(byte[] Handle, StateId4 StateId)> OpenAsync(string directory, string name, bool create, uint access = OpenShare4.AccessBoth, uint deny = OpenShare4.DenyNone, string owner = "owner")
    {
        uint seq = _openSeq++;
        var args = new OpenArgs(seq, access, deny, new StateOwner4(ClientId, Encoding.UTF8.GetBytes(owner)),
            create ? OpenType4.Create : OpenType4.NoCreate, CreateMode4.Unchecked, new Fattr4(Bitmap4.Empty, Array.Empty<byte>()),
            default, OpenClaimType4.Null, Encoding.UTF8.GetBytes(name), default, default);
        var r = await CompoundAsync(c => c.PutRootFh().LookupPath(directory).Open(args).GetFh()).ConfigureAwait(false);
        Expect(r, NfsStat4.Ok);
        var open = OpenResult.Decode(r.Last(NfsOp4.Open).Reader);
        var fh = r.FileHandle;
        var stateId = open.StateId;
        if ((open.Flags & OpenResultFlags4.Confirm) != 0 && MinorVersion == 0)
        {
            uint cseq = _openSeq++;
            var cr = await CompoundAsync(c => c.PutFh(fh).OpenConfirm(stateId, cseq)).ConfigureAwait(false);
            Expect(cr, NfsStat4.Ok);
            stateId = StateId4.Decode(cr.Last(NfsOp4.OpenConfirm).Reader);
        }
        return (fh, stateId);
    }

    /// <summary>The next seqid of the default open-owner.</summary>
    public uint NextOpenSeqId() => _openSeq++;

    /// <summary>Throws unless the COMPOUND status is <paramref name="status"/>.</summary>
    public static void Expect(CompoundReply reply, NfsStat4 status)
    {
        if (reply.Status != status) throw new InvalidOperationException($"expected {status}, got {reply.Status} after {string.Join(",", reply.Results.Select(x => $"{x.Op}:{x.Status}"))}");
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Rpc.DisposeAsync();
}
