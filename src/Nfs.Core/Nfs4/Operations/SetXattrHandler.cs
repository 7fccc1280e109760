using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;

namespace Nfs.Core.Nfs4.Operations;

/// <summary>
/// SETXATTR (RFC 8276 section 8.4.3) through <see cref="IExtendedAttributes"/> (NOTSUPP without
/// it): SETXATTR4_CREATE of an existing name is EXIST, SETXATTR4_REPLACE of a missing one
/// NOXATTR, a value the backend cannot hold XATTR2BIG; ROFS on a read-only export. The result's
/// change_info4 holds the object's change attribute before and after (not atomic).
/// </summary>
public sealed class SetXattrHandler : Nfs42Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Setxattr;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var args = SetXattrArgs.Decode(ctx.Args);
        var s = XattrChecks.RequireXattrs(ctx, out var xattrs);
        if (s != NfsStat4.Ok) return s;
        if (ctx.CurrentExport.IsReadOnly) return NfsStat4.Rofs;
        if (args.Option is not (SetXattrOption4.Either or SetXattrOption4.Create or SetXattrOption4.Replace)) return NfsStat4.Inval;
        s = XattrChecks.ValidateName(args.Name.Span, out var name);
        if (s != NfsStat4.Ok) return s;
        var (before, changeBefore) = await XattrChecks.ChangeAsync(ctx).ConfigureAwait(false);
        if (before != NfsStat4.Ok) return before;
        var status = await xattrs.SetXattrAsync(ctx.CurrentFsalContext, ctx.CurrentObject, name, args.Value, (XattrSetMode)args.Option).ConfigureAwait(false);
        if (status != FsalStatus.Ok) return status.ToNfs4();
        var (after, changeAfter) = await XattrChecks.ChangeAsync(ctx).ConfigureAwait(false);
        if (after != NfsStat4.Ok) return after;
        new ChangeInfo4(false, changeBefore, changeAfter).Encode(ctx.Reply);
        return NfsStat4.Ok;
    }
}
