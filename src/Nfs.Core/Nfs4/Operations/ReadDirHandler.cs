using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Core.Nfs4.Attributes;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.Protocol.Xdr;

namespace Nfs.Core.Nfs4.Operations;

/// <summary>
/// READDIR: entries after a cookie, encoded straight into the reply as the backend pushes
/// them, until maxcount is reached. The cookie verifier is always zero and never checked
/// (knfsd's leniency, which macOS needs). In the pseudo filesystem, entries that are export
/// mount points show the export's root.
/// </summary>
public sealed class ReadDirHandler : Nfs4Operation
{
    /// <summary>resok bytes besides the entries: verifier, the final "no more entries" bool and eof.</summary>
    private const int FixedOverhead = 16;

    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Readdir;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var args = ReadDirArgs.Decode(ctx.Args);
        var s = ctx.RequireCurrentDirectory();
        if (s != NfsStat4.Ok) return s;
        if (!args.AttrRequest.Intersect(AttributeSets.WriteOnly).IsEmpty) return NfsStat4.Inval;
        if (args.Cookie is 1 or 2) return NfsStat4.BadCookie;
        if (args.MaxCount < FixedOverhead) return NfsStat4.Toosmall;
        int maxCount = (int)Math.Min(args.MaxCount, (uint)ctx.Server.Options.MaxReadSize);

        var export = ctx.CurrentExport;
        var fsal = ctx.CurrentFsalContext;
        FsalFsStats? stats = null;
        if (!args.AttrRequest.Intersect(AttributeSets.NeedFsStats).IsEmpty)
        {
            var st = await export.FileSystem.GetFsStatsAsync(fsal, ctx.CurrentObject).ConfigureAwait(false);
            if (!st.IsOk) return st.Status.ToNfs4();
            stats = st.Value;
        }

        var reply = ctx.Reply;
        int start = reply.Length;
        reply.WriteUInt64(0); // cookie verifier
        var sink = new EntryEncoder(ctx, export, args.AttrRequest, stats, start + maxCount - 8);
        bool eof;
        if (ExportTable.IsPseudo(export))
        {
            var r = await PseudoEntriesAsync(ctx, export, args.Cookie, sink).ConfigureAwait(false);
            if (!r.IsOk) return r.Status.ToNfs4();
            eof = r.Value;
        }
        else
        {
            var r = await export.FileSystem.ReadDirAsync(fsal, ctx.CurrentObject, args.Cookie, FsalAttrMask.All, sink).ConfigureAwait(false);
            if (!r.IsOk) return r.Status.ToNfs4();
            eof = r.Value;
        }
        if (sink.Count == 0 && !eof) return NfsStat4.Toosmall;
        reply.WriteBool(false);
        reply.WriteBool(eof);
        return NfsStat4.Ok;
    }

    /// <summary>Lists a pseudo directory, replacing junctions by the export roots the client may see.</summary>
    private static async ValueTask<FsalResult<bool>> PseudoEntriesAsync(CompoundContext ctx, Export pseudoExport, ulong cookie, EntryEncoder sink)
    {
        var collected = new List<(string Name, ulong Cookie, FsalObject Obj, FsalAttributes Attrs)>();
        var collector = new CollectingSink(collected);
        var r = await pseudoExport.FileSystem.ReadDirAsync(ctx.CurrentFsalContext, ctx.CurrentObject, cookie, FsalAttrMask.All, collector).ConfigureAwait(false);
        if (!r.IsOk) return r;
        foreach (var (name, c, obj, attrs) in collected)
        {
            var export = pseudoExport;
            var target = obj;
            var junction = ctx.Server.Exports.CrossJunction(ref export, ref target);
            if (junction is null)
            {
                if (!sink.Add(name, c, obj, attrs)) return false;
                continue;
            }
            if (!export.AllowsClient(ctx.Call.ClientAddress)) continue;
            var ar = await export.FileSystem.GetAttributesAsync(ctx.FsalContextFor(export), target, FsalAttrMask.All).ConfigureAwait(false);
            if (!ar.IsOk) continue;
            if (!sink.AddFrom(export, name, c, target, ar.Value, junction.Id)) return false;
        }
        return r.Value;
    }

    private sealed class CollectingSink(List<(string, ulong, FsalObject, FsalAttributes)> entries) : IReadDirSink
    {
        public bool Add(string name, ulong cookie, FsalObject obj, in FsalAttributes attributes)
        {
            entries.Add((name, cookie, obj, attributes));
            return true;
        }
    }

    /// <summary>Encodes entry4 items into the reply until the byte limit.</summary>
    private sealed class EntryEncoder : IReadDirSink
    {
        private readonly CompoundContext _ctx;
        private readonly Export _export;
        private readonly Bitmap4 _request;
        private readonly FsalFsStats? _stats;
        private readonly int _limit;

        public EntryEncoder(CompoundContext ctx, Export export, Bitmap4 request, FsalFsStats? stats, int limit)
        {
            _ctx = ctx;
            _export = export;
            _request = request;
            _stats = stats;
            _limit = limit;
        }

        public int Count { get; private set; }

        public bool Add(string name, ulong cookie, FsalObject obj, in FsalAttributes attributes) =>
            AddFrom(_export, name, cookie, obj, attributes, attributes.FileId);

        public bool AddFrom(Export export, string name, ulong cookie, FsalObject obj, in FsalAttributes attributes, ulong mountedOnFileId)
        {
            XdrWriter reply = _ctx.Reply;
            int before = reply.Length;
            reply.WriteBool(true);
            reply.WriteUInt64(cookie);
            reply.WriteString(name);
            var handle = default(NfsFileHandle);
            if (_request[Nfs4Attribute.Filehandle]) FileHandleCodec.Encode(export, obj, ref handle);
            var src = new AttributeSource(export, attributes, handle, _stats, mountedOnFileId);
            _ctx.Server.Attributes.Encode(reply, src, _request, _ctx.MinorVersion);
            if (reply.Length > _limit)
            {
                reply.Truncate(before);
                return false;
            }
            Count++;
            return true;
        }
    }
}
