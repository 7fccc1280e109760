using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Nfs4.Operations;

/// <summary>
/// OFFLOAD_CANCEL (RFC 7862 section 15.8): stops an asynchronous COPY of this client and forgets
/// it (no CB_OFFLOAD follows). What was copied stays. An unknown copy stateid is BAD_STATEID.
/// </summary>
public sealed class OffloadCancelHandler : Nfs42Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.OffloadCancel;

    /// <inheritdoc/>
    public override ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var stateId = StateId4.Decode(ctx.Args);
        var s = ctx.RequireCurrent();
        if (s != NfsStat4.Ok) return new(s);
        bool cancelled = ctx.Session is { } session && ctx.Server.Copies.Cancel(session.Client, stateId);
        return new(cancelled ? NfsStat4.Ok : NfsStat4.BadStateid);
    }
}
