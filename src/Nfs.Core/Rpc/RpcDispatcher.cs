using Microsoft.Extensions.Logging;
using Nfs.Core.Fsal;
using Nfs.Protocol.Rpc;
using Nfs.Protocol.Xdr;

namespace Nfs.Core.Rpc;

/// <summary>
/// Routes RPC calls to programs by number and version and produces every standard reply
/// kind: RPC_MISMATCH, AUTH_ERROR, PROG_UNAVAIL, PROG_MISMATCH, PROC_UNAVAIL, GARBAGE_ARGS
/// and SYSTEM_ERR. Never throws for anything a client sends. Several programs may share a
/// number when their version ranges do not overlap (NFSv3 and NFSv4 are both program 100003);
/// PROG_MISMATCH then reports the lowest and highest version of them all.
/// </summary>
public sealed class RpcDispatcher
{
    private readonly Dictionary<uint, IRpcProgram[]> _programs = new();
    private readonly List<IRpcProgram> _all = [];
    private readonly ILogger _logger;

    /// <summary>The duplicate request cache.</summary>
    public DuplicateRequestCache ReplyCache { get; } = new();

    /// <summary>Creates a dispatcher for the given programs.</summary>
    public RpcDispatcher(IEnumerable<IRpcProgram> programs, ILogger<RpcDispatcher> logger)
    {
        foreach (var p in programs)
        {
            if (p.MinVersion > p.MaxVersion) throw new ArgumentException($"program {p.Program} has versions {p.MinVersion} to {p.MaxVersion}");
            var same = _programs.GetValueOrDefault(p.Program) ?? [];
            foreach (var other in same)
            {
                if (p.MinVersion <= other.MaxVersion && other.MinVersion <= p.MaxVersion)
                {
                    throw new ArgumentException($"program {p.Program}: versions {p.MinVersion}-{p.MaxVersion} overlap {other.MinVersion}-{other.MaxVersion}");
                }
            }
            _programs[p.Program] = [.. same, p];
            _all.Add(p);
        }
        _logger = logger;
    }

    /// <summary>The programs served.</summary>
    public IReadOnlyCollection<IRpcProgram> Programs => _all;

    /// <summary>The program serving <paramref name="version"/> of a program number; false with the served range otherwise.</summary>
    private static bool TrySelect(IRpcProgram[] versions, uint version, out IRpcProgram program, out uint low, out uint high)
    {
        program = null!;
        low = uint.MaxValue;
        high = 0;
        foreach (var p in versions)
        {
            if (version >= p.MinVersion && version <= p.MaxVersion)
            {
                program = p;
                return true;
            }
            low = Math.Min(low, p.MinVersion);
            high = Math.Max(high, p.MaxVersion);
        }
        return false;
    }

    /// <summary>
    /// Decodes the call in <paramref name="record"/>, runs it and leaves the reply (without the
    /// record mark) in <c>call.Reply</c> starting at <paramref name="replyStart"/>. Returns false
    /// when nothing must be sent (the message could not even be parsed as a call).
    /// </summary>
    public async ValueTask<bool> DispatchAsync(RpcCall call, ReadOnlyMemory<byte> record, int replyStart, AuthenticationCache credentials)
    {
        var args = call.Arguments;
        args.Reset(record);
        RpcCallHeader header;
        try
        {
            header = RpcCallHeader.Decode(args);
        }
        catch (XdrException ex)
        {
            // Without a parsable header there is no xid to answer; RFC 5531 leaves us only silence.
            _logger.LogWarning("Dropping undecodable RPC message from {Client}: {Reason}", call.Connection.RemoteEndPoint, ex.Message);
            return false;
        }
        call.Header = header;
        var reply = call.Reply;

        if (header.RpcVersion != RpcCallHeader.SupportedRpcVersion)
        {
            _logger.LogWarning("RPC version {Version} from {Client}: answering RPC_MISMATCH", header.RpcVersion, call.Connection.RemoteEndPoint);
            RpcReply.WriteRpcMismatch(reply, header.Xid);
            return true;
        }

        var authStatus = credentials.Authenticate(call, header.Credential);
        if (authStatus != RpcAuthStatus.Ok)
        {
            _logger.LogWarning("Rejecting call from {Client} with flavor {Flavor}: {Status}", call.Connection.RemoteEndPoint, header.Credential.Flavor, authStatus);
            RpcReply.WriteAuthError(reply, header.Xid, authStatus);
            return true;
        }

        if (!_programs.TryGetValue(header.Program, out var versions))
        {
            _logger.LogDebug("Program {Program} unavailable", header.Program);
            RpcReply.WriteAccepted(reply, header.Xid, RpcAcceptStatus.ProgramUnavailable);
            return true;
        }
        if (!TrySelect(versions, header.Version, out var program, out uint low, out uint high))
        {
            _logger.LogDebug("Program {Program} version {Version} unavailable", header.Program, header.Version);
            RpcReply.WriteProgramMismatch(reply, header.Xid, low, high);
            return true;
        }

        DuplicateRequestCache.Key cacheKey = default;
        bool cached = program.UsesReplyCache(call);
        if (cached)
        {
            cacheKey = DuplicateRequestCache.KeyOf(call.Connection.RemoteEndPoint, header.Xid, header.Program, header.Version, header.Procedure, args.Buffer.Span[args.Position..]);
            switch (ReplyCache.Begin(cacheKey, out var previous))
            {
                case DuplicateRequestCache.Outcome.InProgress:
                    _logger.LogDebug("Dropping retransmission of xid {Xid} still in progress", header.Xid);
                    return false;
                case DuplicateRequestCache.Outcome.Replay:
                    _logger.LogDebug("Replaying cached reply to xid {Xid}", header.Xid);
                    previous!.CopyTo(reply.GetSpan(previous!.Length));
                    reply.Advance(previous.Length);
                    return true;
            }
        }

        bool answered = false;
        try
        {
            answered = await ExecuteAsync(call, program, header, replyStart).ConfigureAwait(false);
            return answered;
        }
        finally
        {
            if (cached)
            {
                // A reply with file data sent from the file is not in the buffer: not cacheable.
                if (answered && call.ZeroCopy is null) ReplyCache.Complete(cacheKey, reply.WrittenSpan[replyStart..]);
                else ReplyCache.Abandon(cacheKey);
            }
        }
    }

    private async ValueTask<bool> ExecuteAsync(RpcCall call, IRpcProgram program, RpcCallHeader header, int replyStart)
    {
        var reply = call.Reply;
        RpcReply.WriteSuccess(reply, header.Xid);
        RpcAcceptStatus status;
        try
        {
            status = await program.ExecuteAsync(call).ConfigureAwait(false);
        }
        catch (XdrException ex)
        {
            _logger.LogWarning("Garbage arguments for program {Program} v{Version} proc {Proc} from {Client}: {Reason}",
                header.Program, header.Version, header.Procedure, call.Connection.RemoteEndPoint, ex.Message);
            status = RpcAcceptStatus.GarbageArguments;
        }
        catch (OperationCanceledException) when (call.Cancellation.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Program {Program} v{Version} proc {Proc} failed", header.Program, header.Version, header.Procedure);
            status = RpcAcceptStatus.SystemError;
        }

        if (status != RpcAcceptStatus.Success)
        {
            call.ZeroCopy?.File.Dispose();
            call.ZeroCopy = null;
            reply.Truncate(replyStart);
            RpcReply.WriteAccepted(reply, header.Xid, status);
        }
        return true;
    }
}
