using Nfs.Core.Fsal;
using Nfs.Core.Nfs4.Attributes;
using Nfs.Core.State;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.Protocol.Xdr;

namespace Nfs.Core.Nfs4.Operations;

/// <summary>GETATTR.</summary>
public sealed class GetAttrHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Getattr;

    /// <inheritdoc/>
    public override ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var request = Bitmap4.Decode(ctx.Args);
        var s = ctx.RequireCurrent();
        if (s != NfsStat4.Ok) return new(s);
        if (!request.Intersect(AttributeSets.WriteOnly).IsEmpty) return new(NfsStat4.Inval);
        if (ctx.Server.State.HasDelegations && ctx.Session is { } session && (request[Nfs4Attribute.Change] || request[Nfs4Attribute.Size])
            && ctx.Server.State.WriteDelegationOf(ctx.Current.Handle, session.Client) is { } held)
        {
            return WithHolderValuesAsync(ctx, request, held);
        }
        return ObjectAttributes.WriteCurrentAsync(ctx, request);
    }

    /// <summary>
    /// Another client holds a write delegation: its cached writes may have changed the file,
    /// so change and size come from it by CB_GETATTR (RFC 8881 section 10.4.3). A reported
    /// change means the file was modified: the change attribute moves past the server's.
    /// </summary>
    private static async ValueTask<NfsStat4> WithHolderValuesAsync(CompoundContext ctx, Bitmap4 request, DelegationState held)
    {
        var export = ctx.CurrentExport;
        var obj = ctx.CurrentObject;
        var (status, attrs, stats) = await ObjectAttributes.FetchAsync(ctx, export, obj, request).ConfigureAwait(false);
        if (status != NfsStat4.Ok) return status;
        var values = await ctx.Server.Callbacks.GetChangeAndSizeAsync(held.Client, held.File.Handle).ConfigureAwait(false);
        if (values is { } v && v.Change != attrs.Change)
        {
            attrs.Change = ctx.Server.State.NextDelegatedChange(held, attrs.Change);
            attrs.Size = v.Size;
        }
        var src = new AttributeSource(export, attrs, ctx.Current.Handle, stats, ObjectAttributes.MountedOnFileId(ctx.Server, export, obj, attrs));
        ctx.Server.Attributes.Encode(ctx.Reply, src, request, ctx.MinorVersion);
        return NfsStat4.Ok;
    }
}

/// <summary>SETATTR (RFC 7530 section 16.32). The result always carries the mask of attributes set.</summary>
public sealed class SetAttrHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Setattr;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var args = SetAttrArgs.Decode(ctx.Args);
        var status = await SetAsync(ctx, args).ConfigureAwait(false);
        ctx.KeepErrorBody = true;
        (status == NfsStat4.Ok ? args.Attributes.Mask : Bitmap4.Empty).Encode(ctx.Reply);
        return status;
    }

    private static async ValueTask<NfsStat4> SetAsync(CompoundContext ctx, SetAttrArgs args)
    {
        var s = ctx.RequireCurrent();
        if (s != NfsStat4.Ok) return s;
        s = AttributeDecoder.Decode(args.Attributes, ctx.MinorVersion, ctx.Server.IdMapper, out var changes, out _);
        if (s != NfsStat4.Ok) return s;
        var export = ctx.CurrentExport;
        if (export.IsReadOnly) return NfsStat4.Rofs;
        var obj = ctx.CurrentObject;
        if ((changes.Set & FsalAttrMask.Size) != 0)
        {
            if (obj.Type == FsalFileType.Directory) return NfsStat4.Isdir;
            if (obj.Type != FsalFileType.Regular) return NfsStat4.Inval;
            s = StateIdChecks.CheckIo(ctx, args.StateId, OpenShare4.AccessWrite, out _);
            if (s != NfsStat4.Ok) return s;
        }
        if (changes.IsEmpty) return NfsStat4.Ok;
        if (ctx.Server.State.HasDelegations && obj.Type == FsalFileType.Regular)
        {
            var requester = Delegations.DelegationRecalls.Requester(ctx);
            if (requester is null && !args.StateId.IsSpecial && ctx.Server.State.FindState(ctx.ResolveStateId(args.StateId), ctx.MinorVersion, out var st) == NfsStat4.Ok) requester = st.Client;
            s = Delegations.DelegationRecalls.Break(ctx, ctx.Current.Handle, requester, write: true);
            if (s != NfsStat4.Ok) return s;
        }
        var r = await export.FileSystem.SetAttributesAsync(ctx.CurrentFsalContext, obj, changes).ConfigureAwait(false);
        return r.Status.ToNfs4();
    }
}

/// <summary>VERIFY and NVERIFY: compare the client's attribute values with the server's encoding of the same attributes.</summary>
public abstract class VerifyHandlerBase : Nfs4Operation
{
    [ThreadStatic] private static XdrWriter? _scratch;

    /// <summary>Whether equality is success (VERIFY) or failure (NVERIFY).</summary>
    protected abstract bool SucceedWhenEqual { get; }

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var fattr = Fattr4.Decode(ctx.Args);
        var s = ctx.RequireCurrent();
        if (s != NfsStat4.Ok) return s;
        var supported = AttributeSets.SupportedFor(ctx.MinorVersion, ctx.CurrentExport.FileSystem);
        if (fattr.Mask.HasBitsBeyondRange || !fattr.Mask.IsSubsetOf(supported)) return NfsStat4.Attrnotsupp;
        if (!fattr.Mask.Intersect(AttributeSets.WriteOnly).IsEmpty || fattr.Mask[Nfs4Attribute.RdattrError]) return NfsStat4.Inval;

        var export = ctx.CurrentExport;
        var obj = ctx.CurrentObject;
        var (status, attrs, stats) = await ObjectAttributes.FetchAsync(ctx, export, obj, fattr.Mask).ConfigureAwait(false);
        if (status != NfsStat4.Ok) return status;
        var scratch = _scratch ??= new XdrWriter(1024);
        scratch.Reset();
        var src = new AttributeSource(export, attrs, ctx.Current.Handle, stats, ObjectAttributes.MountedOnFileId(ctx.Server, export, obj, attrs));
        ctx.Server.Attributes.EncodeValues(scratch, src, fattr.Mask, supported);
        bool equal = scratch.WrittenSpan.SequenceEqual(fattr.Values.Span);
        if (equal == SucceedWhenEqual) return NfsStat4.Ok;
        return SucceedWhenEqual ? NfsStat4.NotSame : NfsStat4.Same;
    }
}

/// <summary>VERIFY.</summary>
public sealed class VerifyHandler : VerifyHandlerBase
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Verify;

    /// <inheritdoc/>
    protected override bool SucceedWhenEqual => true;
}

/// <summary>NVERIFY.</summary>
public sealed class NVerifyHandler : VerifyHandlerBase
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Nverify;

    /// <inheritdoc/>
    protected override bool SucceedWhenEqual => false;
}

/// <summary>ACCESS.</summary>
public sealed class AccessHandler : Nfs4Operation
{
    private const Access4 Defined40 = Access4.Read | Access4.Lookup | Access4.Modify | Access4.Extend | Access4.Delete | Access4.Execute;
    private const Access4 Modifying = Access4.Modify | Access4.Extend | Access4.Delete | Access4.XattrWrite;

    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Access;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var args = AccessArgs.Decode(ctx.Args);
        var s = ctx.RequireCurrent();
        if (s != NfsStat4.Ok) return s;
        var defined = ctx.MinorVersion >= 2 ? Defined40 | Access4.XattrRead | Access4.XattrWrite | Access4.XattrList : Defined40;
        if ((args.Access & ~defined) != 0) return NfsStat4.Inval;
        var export = ctx.CurrentExport;
        var r = await export.FileSystem.CheckAccessAsync(ctx.CurrentFsalContext, ctx.CurrentObject, args.Access).ConfigureAwait(false);
        if (!r.IsOk) return r.Status.ToNfs4();
        // LOOKUP and DELETE mean nothing for a non-directory, EXECUTE nothing for a directory.
        var meaningless = ctx.CurrentObject.Type == FsalFileType.Directory ? Access4.Execute : Access4.Lookup | Access4.Delete;
        var supported = args.Access & ~meaningless;
        var granted = r.Value & supported;
        if (export.IsReadOnly) granted &= ~Modifying;
        new AccessResult(supported, granted).Encode(ctx.Reply);
        return NfsStat4.Ok;
    }
}
