using System.Text;
using Microsoft.Extensions.Logging;
using Nfs.Core.Rpc;
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

    private async ValueTask<NfsStat4> ExecuteOperationAsync(CompoundContext ctx, uint minor)
    {
        var reply = ctx.Reply;
        int opStart = reply.Length;
        ctx.OperationStart = opStart;
        ctx.KeepErrorBody = false;
        ctx.ResultReplayed = false;

        uint opnum;
        try
        {
            opnum = ctx.Args.ReadUInt32();
        }
        catch (XdrException)
        {
            // Fewer operations than announced: the arguments are garbage from here on.
            reply.WriteUInt32((uint)NfsOp4.Illegal);
            reply.WriteUInt32((uint)NfsStat4.Badxdr);
            return NfsStat4.Badxdr;
        }

        var handler = opnum < (uint)_table.Length ? _table[opnum] : null;
        if (handler is null || minor < handler.MinMinorVersion || minor > handler.MaxMinorVersion)
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

        // A replayed seqid operation has rewritten its whole result from the owner's cache.
        if (!ctx.ResultReplayed)
        {
            reply.PatchUInt32(statusAt, (uint)status);
            if (status != NfsStat4.Ok && !ctx.KeepErrorBody) reply.Truncate(statusAt + 4);
        }
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
