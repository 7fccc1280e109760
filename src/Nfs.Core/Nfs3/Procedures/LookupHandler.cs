using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs3.Arguments;

namespace Nfs.Core.Nfs3.Procedures;

/// <summary>
/// LOOKUP: a name in a directory, "." and ".." included ("..": the parent, and the export
/// root's own parent is the root, since NFSv3 clients never leave the export they mounted).
/// </summary>
public sealed class LookupHandler : Nfs3Handler
{
    /// <inheritdoc/>
    public override Nfs3Procedure Procedure => Nfs3Procedure.Lookup;

    /// <inheritdoc/>
    public override async ValueTask ExecuteAsync(Nfs3Request request)
    {
        var args = DirOpArgs3.Decode(request.Args);
        var s = request.Resolve(args.Directory, out var export, out var dir);
        if (s != NfsStat3.Ok)
        {
            request.WriteStatus(s);
            Fattr3.EncodePostOp(request.Reply, null);
            return;
        }
        var found = await FindAsync(request, export, dir, args.Name).ConfigureAwait(false);
        var dirAttributes = await Nfs3Attributes.PostOpAsync(request, export, dir).ConfigureAwait(false);
        s = found.Status;
        var handle = default(Nfs.Protocol.Nfs4.NfsFileHandle);
        if (s == NfsStat3.Ok) s = request.Server.HandleOf(export, found.Object!, out handle);
        request.WriteStatus(s);
        if (s != NfsStat3.Ok)
        {
            Fattr3.EncodePostOp(request.Reply, dirAttributes);
            return;
        }
        Nfs3FileHandle.Encode(request.Reply, handle);
        Fattr3.EncodePostOp(request.Reply, Nfs3Attributes.From(export, found.Attributes));
        Fattr3.EncodePostOp(request.Reply, dirAttributes);
    }

    private static async ValueTask<(NfsStat3 Status, FsalObject? Object, FsalAttributes Attributes)> FindAsync(Nfs3Request request, Export export, FsalObject dir, ReadOnlyMemory<byte> raw)
    {
        if (dir.Type != FsalFileType.Directory) return (NfsStat3.NotDir, null, default);
        var fs = export.FileSystem;
        var fsal = request.ContextFor(export);
        FsalResult<FsalLookup> r;
        if (raw.Span.SequenceEqual("."u8))
        {
            var a = await fs.GetAttributesAsync(fsal, dir, FsalAttrMask.All).ConfigureAwait(false);
            return a.IsOk ? (NfsStat3.Ok, dir, a.Value) : (a.Status.ToNfs3(), null, default);
        }
        if (raw.Span.SequenceEqual(".."u8))
        {
            r = ReferenceEquals(dir, fs.Root)
                ? await SelfAsync(fs, fsal, dir).ConfigureAwait(false)
                : await fs.LookupParentAsync(fsal, dir, FsalAttrMask.All).ConfigureAwait(false);
        }
        else
        {
            var s = Nfs3Names.Validate(raw.Span, fs.Capabilities.MaxNameLength, out var name);
            if (s != NfsStat3.Ok) return (s, null, default);
            r = await fs.LookupAsync(fsal, dir, name, FsalAttrMask.All).ConfigureAwait(false);
        }
        return r.IsOk ? (NfsStat3.Ok, r.Value.Object, r.Value.Attributes) : (r.Status.ToNfs3(), null, default);
    }

    private static async ValueTask<FsalResult<FsalLookup>> SelfAsync(IFileSystem fs, FsalContext fsal, FsalObject dir)
    {
        var a = await fs.GetAttributesAsync(fsal, dir, FsalAttrMask.All).ConfigureAwait(false);
        return a.IsOk ? new FsalLookup(dir, a.Value) : a.Status;
    }
}
