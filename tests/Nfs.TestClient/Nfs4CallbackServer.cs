using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Callback;
using Nfs.Protocol.Rpc;
using Nfs.Protocol.Xdr;

namespace Nfs.TestClient;

/// <summary>One operation of a CB_COMPOUND the client received.</summary>
public abstract record CallbackRequest(CallbackOp Op);

/// <summary>CB_SEQUENCE (4.1 back channel).</summary>
public sealed record CbSequenceRequest(CallbackSequenceArgs Args) : CallbackRequest(CallbackOp.Sequence);

/// <summary>CB_RECALL.</summary>
public sealed record CbRecallRequest(CallbackRecallArgs Args) : CallbackRequest(CallbackOp.Recall)
{
    /// <summary>The recalled file's handle as bytes.</summary>
    public byte[] Handle => Args.Handle.Span.ToArray();
}

/// <summary>CB_GETATTR.</summary>
public sealed record CbGetAttrRequest(byte[] Handle, Bitmap4 Mask) : CallbackRequest(CallbackOp.GetAttr);

/// <summary>CB_OFFLOAD.</summary>
public sealed record CbOffloadRequest(CallbackOffloadArgs Args) : CallbackRequest(CallbackOp.Offload);

/// <summary>A CB_COMPOUND as received: header fields and the operations this client could decode.</summary>
public sealed record CallbackCompound(byte[] Tag, uint MinorVersion, uint CallbackIdent, IReadOnlyList<CallbackRequest> Operations, RpcCallHeader Header)
{
    /// <summary>The first operation of a kind, if any.</summary>
    public T? Find<T>() where T : CallbackRequest => Operations.OfType<T>().FirstOrDefault();
}

/// <summary>
/// The NFSv4 callback program as a test or benchmark client serves it: answers CB_NULL and
/// CB_COMPOUND (CB_SEQUENCE, CB_RECALL, CB_GETATTR, CB_OFFLOAD; CB_ILLEGAL for anything else),
/// records what it received, and lets the caller decide each operation's answer. Attach it to the
/// fore connection (the 4.1 back channel, <see cref="Nfs4Client.ServeCallbacks"/>) or to an
/// <see cref="RpcListener"/> (the 4.0 callback address) with <see cref="HandleAsync"/>.
/// </summary>
public sealed class Nfs4CallbackServer
{
    private readonly object _lock = new();
    private readonly List<CallbackCompound> _received = [];
    private readonly List<RpcCallHeader> _nullCalls = [];
    private TaskCompletionSource _changed = NewSignal();

    /// <summary>The answer to CB_RECALL (NFS4_OK by default: the client will return the delegation).</summary>
    public Func<CbRecallRequest, NfsStat4> OnRecall { get; set; } = _ => NfsStat4.Ok;

    /// <summary>The answer to CB_GETATTR: a status and, with NFS4_OK, the attributes (NOTSUPP by default).</summary>
    public Func<CbGetAttrRequest, (NfsStat4 Status, Fattr4 Attributes)> OnGetAttr { get; set; } = _ => (NfsStat4.Notsupp, default);

    /// <summary>The answer to CB_OFFLOAD (NFS4_OK by default).</summary>
    public Func<CbOffloadRequest, NfsStat4> OnOffload { get; set; } = _ => NfsStat4.Ok;

    /// <summary>
    /// The RPC accept status CB_COMPOUND calls get (SUCCESS by default); anything else makes the
    /// callback fail at the RPC level, as a broken client would. The call is still recorded.
    /// </summary>
    public RpcAcceptStatus CompoundAcceptStatus { get; set; } = RpcAcceptStatus.Success;

    /// <summary>When true, calls are recorded but never answered.</summary>
    public bool Silent { get; set; }

    /// <summary>CB_NULL calls received.</summary>
    public int NullCalls
    {
        get { lock (_lock) return _nullCalls.Count; }
    }

    /// <summary>The headers of the CB_NULL calls received (program, version, credential).</summary>
    public IReadOnlyList<RpcCallHeader> NullCallHeaders
    {
        get { lock (_lock) return [.. _nullCalls]; }
    }

    /// <summary>The CB_COMPOUNDs received so far, in order.</summary>
    public IReadOnlyList<CallbackCompound> Received
    {
        get { lock (_lock) return [.. _received]; }
    }

    /// <summary>Every operation of a kind received so far.</summary>
    public IReadOnlyList<T> ReceivedOperations<T>() where T : CallbackRequest => Received.SelectMany(c => c.Operations.OfType<T>()).ToList();

    /// <summary>Waits for a CB_COMPOUND (already received or arriving) that matches; throws TimeoutException after <paramref name="timeout"/>.</summary>
    public async Task<CallbackCompound> WaitForAsync(Func<CallbackCompound, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                foreach (var c in _received) if (match(c)) return c;
                changed = _changed.Task;
            }
            try
            {
                await changed.WaitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no matching CB_COMPOUND within {timeout}");
            }
        }
    }

    /// <summary>Waits for the first operation of a kind.</summary>
    public async Task<T> WaitForAsync<T>(TimeSpan timeout) where T : CallbackRequest =>
        (await WaitForAsync(c => c.Find<T>() is not null, timeout).ConfigureAwait(false)).Find<T>()!;

    /// <summary>Waits until <paramref name="count"/> CB_NULL calls arrived; throws TimeoutException after <paramref name="timeout"/>.</summary>
    public async Task WaitForNullAsync(TimeSpan timeout, int count = 1)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_nullCalls.Count >= count) return;
                changed = _changed.Task;
            }
            try
            {
                await changed.WaitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no CB_NULL within {timeout}");
            }
        }
    }

    /// <summary>The <see cref="RpcCallHandler"/> that serves the callback program.</summary>
    public ValueTask<RpcAcceptStatus> HandleAsync(RpcIncomingCall call, XdrWriter results)
    {
        call.NoReply = Silent;
        switch (call.Header.Procedure)
        {
            case CallbackConstants.ProcNull:
                lock (_lock) _nullCalls.Add(call.Header);
                Signal();
                return new(RpcAcceptStatus.Success);
            case CallbackConstants.ProcCompound:
                return new(Compound(call.Arguments, call.Header, results));
            default:
                return new(RpcAcceptStatus.ProcedureUnavailable);
        }
    }

    private RpcAcceptStatus Compound(XdrReader args, RpcCallHeader header, XdrWriter results)
    {
        byte[] tag;
        uint minor, ident;
        int count;
        try
        {
            tag = args.ReadOpaque(Nfs4Constants.OpaqueLimit).ToArray();
            minor = args.ReadUInt32();
            ident = args.ReadUInt32();
            count = args.ReadArrayLength(1024);
        }
        catch (XdrException)
        {
            return RpcAcceptStatus.GarbageArguments;
        }

        // Decode everything first, so the compound is recorded (and waiters see it) before any
        // answer is computed: a test may hold an answer back while it looks at the server.
        var decoded = new List<CallbackRequest>();
        (uint Op, NfsStat4 Status)? failure = null;
        for (int i = 0; i < count; i++)
        {
            CallbackRequest? request;
            try
            {
                uint op = args.ReadUInt32();
                request = (CallbackOp)op switch
                {
                    CallbackOp.Sequence => new CbSequenceRequest(CallbackSequenceArgs.Decode(args)),
                    CallbackOp.Recall => new CbRecallRequest(CallbackRecallArgs.Decode(args)),
                    CallbackOp.GetAttr => new CbGetAttrRequest(args.ReadOpaque(Nfs4Constants.MaxFileHandleSize).ToArray(), Bitmap4.Decode(args)),
                    CallbackOp.Offload => new CbOffloadRequest(CallbackOffloadArgs.Decode(args)),
                    _ => null,
                };
            }
            catch (XdrException)
            {
                failure = ((uint)CallbackOp.Illegal, NfsStat4.Badxdr);
                break;
            }
            if (request is null)
            {
                failure = ((uint)CallbackOp.Illegal, NfsStat4.OpIllegal);
                break;
            }
            decoded.Add(request);
        }

        lock (_lock) _received.Add(new CallbackCompound(tag, minor, ident, decoded, header));
        Signal();
        if (CompoundAcceptStatus != RpcAcceptStatus.Success) return CompoundAcceptStatus;

        var answers = new List<(uint Op, NfsStat4 Status, Action<XdrWriter>? Body)>();
        var status = NfsStat4.Ok;
        foreach (var request in decoded)
        {
            (status, var body) = Answer(request);
            answers.Add(((uint)request.Op, status, body));
            if (status != NfsStat4.Ok) break;
        }
        if (status == NfsStat4.Ok && failure is { } f)
        {
            answers.Add((f.Op, f.Status, null));
            status = f.Status;
        }

        results.WriteUInt32((uint)status);
        results.WriteOpaque(tag);
        results.WriteUInt32((uint)answers.Count);
        foreach (var (op, s, body) in answers)
        {
            results.WriteUInt32(op);
            results.WriteUInt32((uint)s);
            if (s == NfsStat4.Ok) body?.Invoke(results);
        }
        return RpcAcceptStatus.Success;
    }

    private (NfsStat4, Action<XdrWriter>?) Answer(CallbackRequest request)
    {
        switch (request)
        {
            case CbSequenceRequest seq:
                var a = seq.Args;
                return (NfsStat4.Ok, w => new CallbackSequenceResult(a.SessionId, a.SequenceId, a.SlotId, a.SlotId, a.SlotId).Encode(w));
            case CbRecallRequest recall:
                return (OnRecall(recall), null);
            case CbGetAttrRequest getattr:
                var (status, attrs) = OnGetAttr(getattr);
                return (status, w => attrs.Encode(w));
            case CbOffloadRequest offload:
                return (OnOffload(offload), null);
            default:
                return (NfsStat4.OpIllegal, null);
        }
    }

    private void Signal()
    {
        TaskCompletionSource previous;
        lock (_lock)
        {
            previous = _changed;
            _changed = NewSignal();
        }
        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
