using Nfs.Core.Fsal;
using Nfs.Core.Nfs4.Attributes;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;

namespace Nfs.Core.Nfs4.Operations;

/// <summary>CREATE: directories, symlinks and special files (regular files are created by OPEN).</summary>
public sealed class CreateHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Create;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var args = CreateArgs.Decode(ctx.Args);
        var s = ctx.RequireCurrentDirectory();
        if (s != NfsStat4.Ok) return s;
        var export = ctx.CurrentExport;
        var caps = export.FileSystem.Capabilities;
        s = ComponentName.Validate(args.Name.Span, caps.MaxNameLength, out var name);
        if (s != NfsStat4.Ok) return s;
        FsalFileType fsalType;
        switch (args.Type)
        {
            case NfsFileType4.Directory: fsalType = FsalFileType.Directory; break;
            case NfsFileType4.Symlink:
                if (!caps.SupportsSymlinks) return NfsStat4.Notsupp;
                fsalType = FsalFileType.Symlink;
                break;
            case NfsFileType4.BlockDevice or NfsFileType4.CharacterDevice or NfsFileType4.Socket or NfsFileType4.Fifo:
                if (!caps.SupportsSpecialFiles) return NfsStat4.Badtype;
                fsalType = (FsalFileType)args.Type;
                break;
            default:
                return NfsStat4.Badtype;
        }
        s = AttributeDecoder.Decode(args.Attributes, ctx.MinorVersion, ctx.Server.IdMapper, out var attrs, out var applied);
        if (s != NfsStat4.Ok) return s;
        if (export.IsReadOnly) return NfsStat4.Rofs;
        if (fsalType == FsalFileType.Symlink && args.LinkTarget.Length == 0) return NfsStat4.Inval;
        if ((attrs.Set & FsalAttrMask.Size) != 0) return NfsStat4.Inval;
        if ((attrs.Set & FsalAttrMask.Mode) == 0)
        {
            attrs.Mode = fsalType switch { FsalFileType.Directory => 0x1ED, FsalFileType.Symlink => 0x1FF, _ => 0x1A4 };
            attrs.Set |= FsalAttrMask.Mode;
        }
        var request = new FsalCreateRequest
        {
            Type = fsalType,
            Attributes = attrs,
            LinkTarget = fsalType == FsalFileType.Symlink ? args.LinkTarget : null,
            Device = args.Device,
            Exclusive = true,
        };
        var r = await export.FileSystem.CreateAsync(ctx.CurrentFsalContext, ctx.CurrentObject, name, request).ConfigureAwait(false);
        if (!r.IsOk) return r.Status.ToNfs4();
        var change = r.Value.DirectoryChange;
        new ChangeInfo4(change.Atomic, change.Before, change.After).Encode(ctx.Reply);
        applied.Encode(ctx.Reply);
        ctx.SetCurrent(export, r.Value.Object);
        return NfsStat4.Ok;
    }
}

/// <summary>REMOVE.</summary>
public sealed class RemoveHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Remove;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var raw = ComponentArgs.Decode(ctx.Args);
        var s = ctx.RequireDirectoryAndName(raw.Span, out var name);
        if (s != NfsStat4.Ok) return s;
        var export = ctx.CurrentExport;
        if (export.IsReadOnly) return NfsStat4.Rofs;
        // A file a client is about to reclaim must not vanish meanwhile (knfsd and Ganesha refuse too).
        if (ctx.Server.State.InGrace) return NfsStat4.Grace;
        s = await Delegations.DelegationRecalls.BreakForNameAsync(ctx, export, ctx.CurrentObject, name).ConfigureAwait(false);
        if (s != NfsStat4.Ok) return s;
        var r = await export.FileSystem.RemoveAsync(ctx.CurrentFsalContext, ctx.CurrentObject, name).ConfigureAwait(false);
        if (!r.IsOk) return r.Status.ToNfs4();
        new ChangeInfo4(r.Value.Atomic, r.Value.Before, r.Value.After).Encode(ctx.Reply);
        return NfsStat4.Ok;
    }
}

/// <summary>RENAME: from the saved directory to the current one.</summary>
public sealed class RenameHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Rename;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var args = RenameArgs.Decode(ctx.Args);
        if (!ctx.Saved.IsSet || !ctx.Current.IsSet) return NfsStat4.Nofilehandle;
        if (ctx.Saved.Object!.Type != FsalFileType.Directory || ctx.Current.Object!.Type != FsalFileType.Directory) return NfsStat4.Notdir;
        var export = ctx.CurrentExport;
        if (!ReferenceEquals(ctx.Saved.Export, export)) return NfsStat4.Xdev;
        uint max = export.FileSystem.Capabilities.MaxNameLength;
        var s = ComponentName.Validate(args.OldName.Span, max, out var oldName);
        if (s != NfsStat4.Ok) return s;
        s = ComponentName.Validate(args.NewName.Span, max, out var newName);
        if (s != NfsStat4.Ok) return s;
        if (export.IsReadOnly) return NfsStat4.Rofs;
        // Nor be renamed or replaced (the reclaiming client finds its files by name again).
        if (ctx.Server.State.InGrace) return NfsStat4.Grace;
        s = await Delegations.DelegationRecalls.BreakForNameAsync(ctx, export, ctx.Saved.Object!, oldName).ConfigureAwait(false);
        if (s == NfsStat4.Ok) s = await Delegations.DelegationRecalls.BreakForNameAsync(ctx, export, ctx.CurrentObject, newName).ConfigureAwait(false);
        if (s != NfsStat4.Ok) return s;
        var r = await export.FileSystem.RenameAsync(ctx.CurrentFsalContext, ctx.Saved.Object!, oldName, ctx.CurrentObject, newName).ConfigureAwait(false);
        if (!r.IsOk) return r.Status == FsalStatus.NotEmpty ? NfsStat4.Exist : r.Status.ToNfs4();
        var (src, dst) = (r.Value.Source, r.Value.Target);
        new ChangeInfo4(src.Atomic, src.Before, src.After).Encode(ctx.Reply);
        new ChangeInfo4(dst.Atomic, dst.Before, dst.After).Encode(ctx.Reply);
        return NfsStat4.Ok;
    }
}

/// <summary>LINK: a new name in the current directory for the saved object.</summary>
public sealed class LinkHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Link;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var raw = ComponentArgs.Decode(ctx.Args);
        if (!ctx.Saved.IsSet || !ctx.Current.IsSet) return NfsStat4.Nofilehandle;
        var s = ctx.RequireCurrentDirectory();
        if (s != NfsStat4.Ok) return s;
        if (ctx.Saved.Object!.Type == FsalFileType.Directory) return NfsStat4.Isdir;
        var export = ctx.CurrentExport;
        if (!ReferenceEquals(ctx.Saved.Export, export)) return NfsStat4.Xdev;
        s = ComponentName.Validate(raw.Span, export.FileSystem.Capabilities.MaxNameLength, out var name);
        if (s != NfsStat4.Ok) return s;
        if (export.IsReadOnly) return NfsStat4.Rofs;
        if (!export.FileSystem.Capabilities.SupportsHardLinks) return NfsStat4.Notsupp;
        s = Delegations.DelegationRecalls.Break(ctx, ctx.Saved.Handle, Delegations.DelegationRecalls.Requester(ctx), write: true);
        if (s != NfsStat4.Ok) return s;
        var r = await export.FileSystem.LinkAsync(ctx.CurrentFsalContext, ctx.Saved.Object!, ctx.CurrentObject, name).ConfigureAwait(false);
        if (!r.IsOk) return r.Status.ToNfs4();
        new ChangeInfo4(r.Value.Atomic, r.Value.Before, r.Value.After).Encode(ctx.Reply);
        return NfsStat4.Ok;
    }
}

/// <summary>READLINK.</summary>
public sealed class ReadLinkHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Readlink;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var s = ctx.RequireCurrent();
        if (s != NfsStat4.Ok) return s;
        if (ctx.CurrentObject.Type != FsalFileType.Symlink) return NfsStat4.Inval;
        var r = await ctx.CurrentExport.FileSystem.ReadLinkAsync(ctx.CurrentFsalContext, ctx.CurrentObject).ConfigureAwait(false);
        if (!r.IsOk) return r.Status.ToNfs4();
        ctx.Reply.WriteString(r.Value);
        return NfsStat4.Ok;
    }
}

/// <summary>SECINFO: the flavors that work for a name (AUTH_SYS and AUTH_NONE).</summary>
public sealed class SecInfoHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Secinfo;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var raw = ComponentArgs.Decode(ctx.Args);
        var s = ctx.RequireDirectoryAndName(raw.Span, out var name);
        if (s != NfsStat4.Ok) return s;
        var export = ctx.CurrentExport;
        var r = await export.FileSystem.LookupAsync(ctx.CurrentFsalContext, ctx.CurrentObject, name, FsalAttrMask.None).ConfigureAwait(false);
        if (!r.IsOk) return r.Status.ToNfs4();
        WriteFlavors(ctx);
        // RFC 8881 section 2.6.3.1.1.8: in 4.1 SECINFO consumes the current filehandle.
        if (ctx.MinorVersion > 0) ctx.Current = default;
        return NfsStat4.Ok;
    }

    /// <summary>Writes the SECINFO4resok array.</summary>
    internal static void WriteFlavors(CompoundContext ctx)
    {
        ctx.Reply.WriteUInt32(2);
        ctx.Reply.WriteUInt32((uint)Protocol.Rpc.AuthFlavor.Sys);
        ctx.Reply.WriteUInt32((uint)Protocol.Rpc.AuthFlavor.None);
    }
}

/// <summary>OPENATTR: named attributes are not supported.</summary>
public sealed class OpenAttrHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Openattr;

    /// <inheritdoc/>
    public override ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        ctx.Args.ReadBool(); // createdir
        var s = ctx.RequireCurrent();
        return new(s != NfsStat4.Ok ? s : NfsStat4.Notsupp);
    }
}
