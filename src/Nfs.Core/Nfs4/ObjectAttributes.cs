using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Core.Nfs4.Attributes;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Xdr;

namespace Nfs.Core.Nfs4;

/// <summary>Fetches what an fattr4 needs from the backend and writes it.</summary>
internal static class ObjectAttributes
{
    /// <summary>The backend attributes (and filesystem statistics when <paramref name="mask"/> needs them).</summary>
    public static async ValueTask<(NfsStat4 Status, FsalAttributes Attributes, FsalFsStats? Stats)> FetchAsync(
        CompoundContext ctx, Export export, FsalObject obj, Bitmap4 mask)
    {
        var fsal = ctx.FsalContextFor(export);
        var r = await export.FileSystem.GetAttributesAsync(fsal, obj, FsalAttrMask.All).ConfigureAwait(false);
        if (!r.IsOk) return (r.Status.ToNfs4(), default, null);
        FsalFsStats? stats = null;
        if (!mask.Intersect(AttributeSets.NeedFsStats).IsEmpty)
        {
            var st = await export.FileSystem.GetFsStatsAsync(fsal, obj).ConfigureAwait(false);
            if (!st.IsOk) return (st.Status.ToNfs4(), default, null);
            stats = st.Value;
        }
        return (NfsStat4.Ok, r.Value, stats);
    }

    /// <summary>mounted_on_fileid: for an export's root, the fileid of the pseudo directory it is mounted on.</summary>
    public static ulong MountedOnFileId(Nfs4Server server, Export export, FsalObject obj, in FsalAttributes attrs)
    {
        if (server.Exports.Pseudo is { } pseudo && !ExportTable.IsPseudo(export) && ReferenceEquals(obj, export.FileSystem.Root))
        {
            return pseudo.JunctionOf(export)?.Id ?? attrs.FileId;
        }
        return attrs.FileId;
    }

    /// <summary>Fetches and writes the fattr4 of the current object.</summary>
    public static async ValueTask<NfsStat4> WriteCurrentAsync(CompoundContext ctx, Bitmap4 mask)
    {
        var export = ctx.CurrentExport;
        var obj = ctx.CurrentObject;
        var (status, attrs, stats) = await FetchAsync(ctx, export, obj, mask).ConfigureAwait(false);
        if (status != NfsStat4.Ok) return status;
        var src = new AttributeSource(export, attrs, ctx.Current.Handle, stats, MountedOnFileId(ctx.Server, export, obj, attrs));
        ctx.Server.Attributes.Encode(ctx.Reply, src, mask, ctx.MinorVersion);
        return NfsStat4.Ok;
    }
}
