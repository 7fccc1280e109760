using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;

namespace Nfs.Core.Nfs4.Operations;

/// <summary>
/// OFFLOAD_STATUS (RFC 7862 section 15.9): the bytes an asynchronous COPY of this client copied
/// so far, and its status once it ended. An unknown (or forgotten) copy stateid is BAD_STATEID.
/// </summary>
public sealed class OffloadStatusHandler : Nfs42Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.OffloadStatus;

    /// <inheritdoc/>
    public override ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var stateId = StateId4.Decode(ctx.Args);
        var s = ctx.RequireCurrent();
        if (s != NfsStat4.Ok) return new(s);
        var copy = ctx.Session is { } session ? ctx.Server.Copies.Find(session.Client, stateId) : null;
        if (copy is null) return new(NfsStat4.BadStateid);
        new OffloadStatusResult(copy.BytesCopied, copy.Completion).Encode(ctx.Reply);
        return new(NfsStat4.Ok);
    }
}
