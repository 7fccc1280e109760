using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;

namespace Nfs.Core.Nfs4.Operations;

/// <summary>
/// GETXATTR (RFC 8276 section 8.4.2) through <see cref="IExtendedAttributes"/> (NOTSUPP without
/// it): a missing name is NOXATTR. A value that does not fit the session's replies makes the
/// COMPOUND engine answer REP_TOO_BIG.
/// </summary>
public sealed class GetXattrHandler : Nfs42Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Getxattr;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var raw = ComponentArgs.Decode(ctx.Args);
        var s = XattrChecks.RequireXattrs(ctx, out var xattrs);
        if (s != NfsStat4.Ok) return s;
        s = XattrChecks.ValidateName(raw.Span, out var name);
        if (s != NfsStat4.Ok) return s;
        var r = await xattrs.GetXattrAsync(ctx.CurrentFsalContext, ctx.CurrentObject, name).ConfigureAwait(false);
        if (!r.IsOk) return r.Status.ToNfs4();
        ctx.Reply.WriteOpaque(r.Value);
        return NfsStat4.Ok;
    }
}
