using System.Text;
using Microsoft.Extensions.Logging;
using Nfs.Core.Rpc;
using Nfs.Core.State;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Rpc;
using Nfs.Protocol.Xdr;

namespace Nfs.Core.Nfs4;

/// <summary>
/// The NFSv4 RPC program: NULL and COMPOUND. The COMPOUND engine decodes one operation at a
/// time, runs its handler from a table indexed by opcode, and stops at the first failure, as
/// RFC 7530 section 15.2 requires.
/// </summary>
public sealed class Nfs4Program : IRpcProgram
{
    private const int MaxTagLength = 1024;
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private readonly Nfs4Server _server;
    private readonly Nfs4Operation?[] _table;
    private readonly ILogger _logger;
    private readonly Stack<CompoundContext> _pool = new();

    /// <summary>Creates the program with the given operation handlers.</summary>
    public Nfs4Program(Nfs4Server server, IEnumerable<Nfs4Operation> operations, ILogger<Nfs4Program> logger)
    {
        _server = server;
        _logger = logger;
        var ops = operations.ToList();
        _table = new Nfs4Operation?[ops.Count == 0 ? 1 : ops.Max(o => (int)o.Op) + 1];
        foreach (var op in ops)
        {
            if (_table[(int)op.Op] is not null) throw new InvalidOperationException($"two handlers for {op.Op}");
            _table[(int)op.Op] = op;
        }
    }

    /// <inheritdoc/>
    public uint Program => Nfs4Constants.Program;

    /// <inheritdoc/>
    public uint MinVersion => Nfs4Constants.Version;

    /// <inheritdoc/>
    public uint MaxVersion => Nfs4Constants.Version;

    /// <summary>Highest NFSv4 minor version served.</summary>
    public uint MaxMinorVersion { get; init; }

    /// <summary>
    /// NFSv4.0 COMPOUNDs go through the duplicate request cache (4.1 has its session reply
    /// cache instead). Peeks at the minor version without consuming the arguments.
    /// </summary>
    public bool UsesReplyCache(RpcCall call)
    {
        if (call.Header.Procedure != Nfs4Constants.ProcCompound) return false;
        var args = call.Arguments;
        int at = args.Position;
        try
        {
            args.ReadOpaque(MaxTagLength);
            return args.ReadUInt32() == 0;
        }
        catch (XdrException)
        {
            return false;
        }
        finally
        {
            args.Position = at;
        }
    }

    /// <inheritdoc/>
    public async ValueTask<RpcAcceptStatus> ExecuteAsync(RpcCall call)
    {
        switch (call.Header.Procedure)
        {
            case Nfs4Constants.ProcNull:
                return RpcAcceptStatus.Success;
            case Nfs4Constants.ProcCompound:
                var ctx = Rent();
                ctx.Begin(call);
                try
                {
                    await ProcessCompoundAsync(ctx).ConfigureAwait(false);
                }
                finally
                {
                    ctx.End();
                    Return(ctx);
                    _server.State.FlushLockReleases();
                }
                return RpcAcceptStatus.Success;
            default:
                return RpcAcceptStatus.ProcedureUnavailable;
        }
    }

    private async ValueTask ProcessCompoundAsync(CompoundContext ctx)
    {
        var args = ctx.Args;
        var reply = ctx.Reply;
        // A malformed COMPOUND header is GARBAGE_ARGS (the XdrException propagates to the dispatcher).
        var tag = args.ReadOpaque(MaxTagLength);
        uint minor = args.ReadUInt32();
        uint count = args.ReadUInt32();

        int statusAt = reply.Reserve(4);
        reply.WriteOpaque(tag.Span);
        int countAt = reply.Reserve(4);
        ctx.MinorVersion = minor;

        NfsStat4 status = NfsStat4.Ok;
        uint results = 0;
        if (minor > MaxMinorVersion)
        {
            status = NfsStat4.MinorVersMismatch;
        }
        else if (!IsUtf8(tag.Span))
        {
            status = NfsStat4.Inval;
        }
        else if (minor > 0)
        {
            var outcome = await ProcessSessionCompoundAsync(ctx, count, statusAt).ConfigureAwait(false);
            if (outcome.Replayed) return;
            reply.PatchUInt32(statusAt, (uint)outcome.Status);
            reply.PatchUInt32(countAt, outcome.Results);
            if (outcome.Slot is { } slot)
            {
                // Cache what the client asked for, and small replies anyway (they cost little and
                // spare a RETRY_UNCACHED_REP on a retransmission).
                var body = reply.WrittenSpan[statusAt..];
                bool cache = (outcome.CacheThis || body.Length <= 1024) && body.Length <= ctx.Session!.Fore.MaxResponseSizeCached && ctx.Call.ZeroCopy is null;
                StateManager.EndSequence(slot, body, cache);
            }
            return;
        }
        else if (count > (uint)_server.Options.MaxOperationsPerCompound)
        {
            _logger.LogDebug("COMPOUND with {Count} operations refused", count);
            status = NfsStat4.Resource;
        }
        else
        {
            for (uint i = 0; i < count; i++)
            {
                results++;
                status = await ExecuteOperationAsync(ctx, minor).ConfigureAwait(false);
                if (status != NfsStat4.Ok) break;
            }
        }
        reply.PatchUInt32(statusAt, (uint)status);
        reply.PatchUInt32(countAt, results);
    }

    /// <summary>Operations that may start a COMPOUND without SEQUENCE, and then only alone (RFC 8881 section 2.10.6.2).</summary>
    private static bool MayStandAlone(uint opnum) => (NfsOp4)opnum is
        NfsOp4.ExchangeId or NfsOp4.CreateSession or NfsOp4.DestroySession or NfsOp4.DestroyClientid or NfsOp4.BindConnToSession;

    private readonly record struct SessionOutcome(NfsStat4 Status, uint Results, bool Replayed = false, SessionSlot? Slot = null, bool CacheThis = false);

    /// <summary>
    /// A 4.1/4.2 COMPOUND: SEQUENCE first (slot table, exactly-once replay, lease renewal), or
    /// one of the operations allowed alone; OP_NOT_IN_SESSION otherwise. A slot it takes is
    /// returned for the caller to release with the finished reply; on failure it is released here.
    /// </summary>
    private async ValueTask<SessionOutcome> ProcessSessionCompoundAsync(CompoundContext ctx, uint count, int statusAt)
    {
        if (count == 0) return new(NfsStat4.Ok, 0);
        var reply = ctx.Reply;
        var args = ctx.Args;
        uint opnum;
        try
        {
            opnum = args.ReadUInt32();
        }
        catch (XdrException)
        {
            reply.WriteUInt32((uint)NfsOp4.Illegal);
            reply.WriteUInt32((uint)NfsStat4.Badxdr);
            return new(NfsStat4.Badxdr, 1);
        }

        if ((NfsOp4)opnum != NfsOp4.Sequence)
        {
            if (MayStandAlone(opnum))
            {
                if (count > 1)
                {
                    reply.WriteUInt32(opnum);
                    reply.WriteUInt32((uint)NfsStat4.NotOnlyOp);
                    return new(NfsStat4.NotOnlyOp, 1);
                }
                return new(await ExecuteOperationAsync(ctx, ctx.MinorVersion, opnum).ConfigureAwait(false), 1);
            }
            var known = opnum < (uint)_table.Length && _table[opnum] is not null;
            reply.WriteUInt32(known ? opnum : (uint)NfsOp4.Illegal);
            var s = known ? NfsStat4.OpNotInSession : NfsStat4.OpIllegal;
            reply.WriteUInt32((uint)s);
            return new(s, 1);
        }

        reply.WriteUInt32(opnum);
        int seqStatusAt = reply.Reserve(4);
        Protocol.Nfs4.Operations.SequenceArgs seq;
        try
        {
            seq = Protocol.Nfs4.Operations.SequenceArgs.Decode(args);
        }
        catch (XdrException)
        {
            reply.PatchUInt32(seqStatusAt, (uint)NfsStat4.Badxdr);
            return new(NfsStat4.Badxdr, 1);
        }
        var state = _server.State;
        var status = state.BeginSequence(seq, ctx.Call.Connection, out var session, out var slot, out var replay);
        if (status != NfsStat4.Ok)
        {
            reply.PatchUInt32(seqStatusAt, (uint)status);
            return new(status, 1);
        }
        if (replay is not null)
        {
            reply.Truncate(statusAt);
            replay.CopyTo(reply.GetSpan(replay.Length));
            reply.Advance(replay.Length);
            return new(NfsStat4.Ok, 0, Replayed: true);
        }

        uint results = 1;
        try
        {
            if (count > session.Fore.MaxOperations) status = NfsStat4.TooManyOps;
            else if (ctx.Args.Buffer.Length > session.Fore.MaxRequestSize) status = NfsStat4.ReqTooBig;
            reply.PatchUInt32(seqStatusAt, (uint)status);
            ctx.Session = session;
            if (status == NfsStat4.Ok)
            {
                uint highest = (uint)session.Slots.Length - 1;
                new Protocol.Nfs4.Operations.SequenceResult(session.Id, seq.SequenceId, seq.SlotId, highest, highest, state.TakeStatusFlags(session)).Encode(reply);
                status = CheckReplySize(ctx, session, statusAt, seqStatusAt, seq.CacheThis);
                for (uint i = 1; i < count && status == NfsStat4.Ok; i++)
                {
                    results++;
                    int opStart = reply.Length;
                    status = await ExecuteOperationAsync(ctx, ctx.MinorVersion).ConfigureAwait(false);
                    if (status == NfsStat4.Ok) status = CheckReplySize(ctx, session, statusAt, opStart + 4, seq.CacheThis);
                }
            }
            return new(status, results, Slot: slot, CacheThis: seq.CacheThis);
        }
        catch
        {
            StateManager.EndSequence(slot, default, cache: false);
            throw;
        }
    }

    /// <summary>
    /// After an operation of a session COMPOUND: if the reply outgrew the session's
    /// ca_maxresponsesize (or, when it is to be cached, ca_maxresponsesize_cached), the
    /// operation's result becomes REP_TOO_BIG (REP_TOO_BIG_TO_CACHE) with no body.
    /// </summary>
    private static NfsStat4 CheckReplySize(CompoundContext ctx, Session session, int statusAt, int opStatusAt, bool cacheThis)
    {
        var reply = ctx.Reply;
        // ca_maxresponsesize counts the whole RPC reply (RFC 8881 section 18.36.3), not the record mark.
        int size = ctx.Call.ReplyLength - Protocol.Rpc.RecordMarking.HeaderSize;
        NfsStat4 status;
        if (size > session.Fore.MaxResponseSize) status = NfsStat4.RepTooBig;
        else if (cacheThis && size > session.Fore.MaxResponseSizeCached) status = NfsStat4.RepTooBigToCache;
        else return NfsStat4.Ok;
        reply.Truncate(opStatusAt + 4);
        reply.PatchUInt32(opStatusAt, (uint)status);
        DropZeroCopyPastEnd(ctx);
        return status;
    }

    /// <summary>A zero-copy READ segment whose place in the reply was cut off goes too.</summary>
    private static void DropZeroCopyPastEnd(CompoundContext ctx)
    {
        if (ctx.Call.ZeroCopy is { } z && z.Position > ctx.Reply.Length)
        {
            z.File.Dispose();
            ctx.Call.ZeroCopy = null;
        }
    }

    private ValueTask<NfsStat4> ExecuteOperationAsync(CompoundContext ctx, uint minor)
    {
        uint opnum;
        try
        {
            opnum = ctx.Args.ReadUInt32();
        }
        catch (XdrException)
        {
            // Fewer operations than announced: the arguments are garbage from here on.
            ctx.Reply.WriteUInt32((uint)NfsOp4.Illegal);
            ctx.Reply.WriteUInt32((uint)NfsStat4.Badxdr);
            return new(NfsStat4.Badxdr);
        }
        return ExecuteOperationAsync(ctx, minor, opnum);
    }

    private async ValueTask<NfsStat4> ExecuteOperationAsync(CompoundContext ctx, uint minor, uint opnum)
    {
        var reply = ctx.Reply;
        int opStart = reply.Length;
        ctx.OperationStart = opStart;
        ctx.KeepErrorBody = false;
        ctx.ResultReplayed = false;

        var handler = opnum < (uint)_table.Length ? _table[opnum] : null;
        if (handler is not null && minor > handler.MaxMinorVersion)
        {
            // Operations of 4.0 that 4.1 removed (SETCLIENTID, OPEN_CONFIRM ...): NOTSUPP (RFC 8881 section 15.1).
            reply.WriteUInt32(opnum);
            reply.WriteUInt32((uint)NfsStat4.Notsupp);
            return NfsStat4.Notsupp;
        }
        if (handler is null || minor < handler.MinMinorVersion)
        {
            reply.WriteUInt32((uint)NfsOp4.Illegal);
            reply.WriteUInt32((uint)NfsStat4.OpIllegal);
            return NfsStat4.OpIllegal;
        }

        ctx.Operation = handler.Op;
        reply.WriteUInt32(opnum);
        int statusAt = reply.Reserve(4);
        NfsStat4 status;
        try
        {
            status = await handler.ExecuteAsync(ctx).ConfigureAwait(false);
        }
        catch (XdrException ex)
        {
            _logger.LogWarning("Bad XDR in {Op} from {Client}: {Reason}", handler.Op, ctx.Call.Connection.RemoteEndPoint, ex.Message);
            status = NfsStat4.Badxdr;
            ctx.KeepErrorBody = false;
        }
        catch (OperationCanceledException) when (ctx.Call.Cancellation.IsCancellationRequested)
        {
            ctx.CompleteSeqIds(NfsStat4.Serverfault);
            throw;
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "{Op} failed", handler.Op);
            status = NfsStat4.Serverfault;
            ctx.KeepErrorBody = false;
        }

        // Which operation failed and how: what one needs to follow a client's recovery.
        if (status != NfsStat4.Ok && _logger.IsEnabled(LogLevel.Debug)) _logger.LogDebug("{Op} from {Client}: {Status}", handler.Op, ctx.Call.Connection.RemoteEndPoint, status);

        // A replayed seqid operation has rewritten its whole result from the owner's cache.
        if (!ctx.ResultReplayed)
        {
            reply.PatchUInt32(statusAt, (uint)status);
            if (status != NfsStat4.Ok && !ctx.KeepErrorBody) reply.Truncate(statusAt + 4);
        }
        DropZeroCopyPastEnd(ctx);
        ctx.CompleteSeqIds(status);
        return status;
    }

    private static bool IsUtf8(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return true;
        try
        {
            StrictUtf8.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private CompoundContext Rent()
    {
        lock (_pool)
        {
            if (_pool.TryPop(out var ctx)) return ctx;
        }
        return new CompoundContext(_server);
    }

    private void Return(CompoundContext ctx)
    {
        lock (_pool)
        {
            if (_pool.Count < 256) _pool.Push(ctx);
        }
    }
}
