using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;

namespace Nfs.Core.Nfs4.Operations;

/// <summary>
/// REMOVEXATTR (RFC 8276 section 8.4.5) through <see cref="IExtendedAttributes"/> (NOTSUPP
/// without it): a missing name is NOXATTR; ROFS on a read-only export. The result's
/// change_info4 holds the object's change attribute before and after (not atomic).
/// </summary>
public sealed class RemoveXattrHandler : Nfs42Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Removexattr;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var raw = ComponentArgs.Decode(ctx.Args);
        var s = XattrChecks.RequireXattrs(ctx, out var xattrs);
        if (s != NfsStat4.Ok) return s;
        if (ctx.CurrentExport.IsReadOnly) return NfsStat4.Rofs;
        s = XattrChecks.ValidateName(raw.Span, out var name);
        if (s != NfsStat4.Ok) return s;
        var (before, changeBefore) = await XattrChecks.ChangeAsync(ctx).ConfigureAwait(false);
        if (before != NfsStat4.Ok) return before;
        var status = await xattrs.RemoveXattrAsync(ctx.CurrentFsalContext, ctx.CurrentObject, name).ConfigureAwait(false);
        if (status != FsalStatus.Ok) return status.ToNfs4();
        var (after, changeAfter) = await XattrChecks.ChangeAsync(ctx).ConfigureAwait(false);
        if (after != NfsStat4.Ok) return after;
        new ChangeInfo4(false, changeBefore, changeAfter).Encode(ctx.Reply);
        return NfsStat4.Ok;
    }
}
