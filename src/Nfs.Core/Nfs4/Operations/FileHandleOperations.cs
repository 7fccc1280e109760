using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Nfs4.Operations;

/// <summary>PUTROOTFH: the root of the NFSv4 namespace.</summary>
public sealed class PutRootFhHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Putrootfh;

    /// <inheritdoc/>
    public override ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var root = ctx.Server.Exports.RootExport;
        ctx.SetCurrent(root, root.FileSystem.Root);
        return new(NfsStat4.Ok);
    }
}

/// <summary>PUTPUBFH: the public filehandle, which is the root here.</summary>
public sealed class PutPubFhHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Putpubfh;

    /// <inheritdoc/>
    public override ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var root = ctx.Server.Exports.RootExport;
        ctx.SetCurrent(root, root.FileSystem.Root);
        return new(NfsStat4.Ok);
    }
}

/// <summary>PUTFH: resolves a client's filehandle through its export's backend.</summary>
public sealed class PutFhHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Putfh;

    /// <inheritdoc/>
    public override ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        if (!NfsFileHandle.TryDecode(ctx.Args, out var handle)) return new(NfsStat4.Badhandle);
        return new(Resolve(ctx, handle));
    }

    /// <summary>Makes <paramref name="handle"/> current: BADHANDLE for foreign bytes, STALE for vanished objects or exports.</summary>
    internal static NfsStat4 Resolve(CompoundContext ctx, in NfsFileHandle handle)
    {
        if (!FileHandleCodec.TryDecode(handle.Span, out ushort exportId, out var key)) return NfsStat4.Badhandle;
        if (!ctx.Server.Exports.TryGet(exportId, out var export)) return NfsStat4.Stale;
        if (!export.AllowsClient(ctx.Call.ClientAddress)) return NfsStat4.Access;
        var status = export.FileSystem.Resolve(key, out var obj);
        if (status != FsalStatus.Ok) return status.ToNfs4();
        ctx.Current.Handle = handle;
        ctx.Current.Export = export;
        ctx.Current.Object = obj;
        ctx.CurrentStateId = null;
        return NfsStat4.Ok;
    }
}

/// <summary>GETFH.</summary>
public sealed class GetFhHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Getfh;

    /// <inheritdoc/>
    public override ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var s = ctx.RequireCurrent();
        if (s == NfsStat4.Ok) ctx.Current.Handle.Encode(ctx.Reply);
        return new(s);
    }
}

/// <summary>SAVEFH.</summary>
public sealed class SaveFhHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Savefh;

    /// <inheritdoc/>
    public override ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var s = ctx.RequireCurrent();
        if (s == NfsStat4.Ok)
        {
            ctx.Saved = ctx.Current;
            ctx.SavedStateId = ctx.CurrentStateId;
        }
        return new(s);
    }
}

/// <summary>RESTOREFH.</summary>
public sealed class RestoreFhHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Restorefh;

    /// <inheritdoc/>
    public override ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        if (!ctx.Saved.IsSet) return new(NfsStat4.Restorefh);
        ctx.Current = ctx.Saved;
        ctx.CurrentStateId = ctx.SavedStateId;
        return new(NfsStat4.Ok);
    }
}

/// <summary>LOOKUP: one name in the current directory, crossing into an export at a pseudo filesystem junction.</summary>
public sealed class LookupHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Lookup;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var raw = Protocol.Nfs4.Operations.ComponentArgs.Decode(ctx.Args);
        var s = ctx.RequireDirectoryAndName(raw.Span, out var name, symlinkError: true);
        if (s != NfsStat4.Ok) return s;
        var export = ctx.CurrentExport;
        var r = await export.FileSystem.LookupAsync(ctx.FsalContextFor(export), ctx.CurrentObject, name, FsalAttrMask.None).ConfigureAwait(false);
        if (!r.IsOk) return r.Status.ToNfs4();
        var obj = r.Value.Object;
        if (ctx.Server.Exports.CrossJunction(ref export, ref obj) is not null && !export.AllowsClient(ctx.Call.ClientAddress))
        {
            return NfsStat4.Noent; // exports a client may not use are invisible to it
        }
        ctx.SetCurrent(export, obj);
        return NfsStat4.Ok;
    }
}

/// <summary>LOOKUPP: the parent directory, leaving an export for the pseudo filesystem at its root.</summary>
public sealed class LookupParentHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Lookupp;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var s = ctx.RequireCurrentDirectory(symlinkError: true);
        if (s != NfsStat4.Ok) return s;
        var export = ctx.CurrentExport;
        var obj = ctx.CurrentObject;
        var exports = ctx.Server.Exports;
        if (ReferenceEquals(obj, export.FileSystem.Root))
        {
            if (ExportTable.IsPseudo(export) || exports.Pseudo is null) return NfsStat4.Noent;
            var junction = exports.Pseudo.JunctionOf(export)!;
            ctx.SetCurrent(exports.RootExport, junction.Parent!);
            return NfsStat4.Ok;
        }
        var r = await export.FileSystem.LookupParentAsync(ctx.FsalContextFor(export), obj, FsalAttrMask.None).ConfigureAwait(false);
        if (!r.IsOk) return r.Status.ToNfs4();
        ctx.SetCurrent(export, r.Value.Object);
        return NfsStat4.Ok;
    }
}
