using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs3.Arguments;

namespace Nfs.Core.Nfs3.Procedures;

/// <summary>LINK: a new name for a non-directory, in the same export.</summary>
public sealed class LinkHandler : Nfs3Handler
{
    /// <inheritdoc/>
    public override Nfs3Procedure Procedure => Nfs3Procedure.Link;

    /// <inheritdoc/>
    public override bool UsesReplyCache => true;

    /// <inheritdoc/>
    public override async ValueTask ExecuteAsync(Nfs3Request request)
    {
        var args = LinkArgs3.Decode(request.Args);
        var reply = request.Reply;
        var s = request.Resolve(args.File, out var export, out var file);
        if (s != NfsStat3.Ok)
        {
            request.WriteStatus(s);
            Fattr3.EncodePostOp(reply, null);
            WccData.None.Encode(reply);
            return;
        }
        s = request.Resolve(args.Link.Directory, out var dirExport, out var dir);
        if (s != NfsStat3.Ok)
        {
            var attributes = await Nfs3Attributes.PostOpAsync(request, export, file).ConfigureAwait(false);
            request.WriteStatus(s);
            Fattr3.EncodePostOp(reply, attributes);
            WccData.None.Encode(reply);
            return;
        }
        string name = "";
        var caps = export.FileSystem.Capabilities;
        if (file.Type == FsalFileType.Directory) s = NfsStat3.IsDir;
        else if (dir.Type != FsalFileType.Directory) s = NfsStat3.NotDir;
        else if (!ReferenceEquals(export, dirExport)) s = NfsStat3.XDev;
        else if (Nfs3Names.IsDotOrDotDot(args.Link.Name.Span)) s = NfsStat3.Exist;
        else s = Nfs3Names.Validate(args.Link.Name.Span, caps.MaxNameLength, out name);
        if (s == NfsStat3.Ok && export.IsReadOnly) s = NfsStat3.RoFs;
        if (s == NfsStat3.Ok && !caps.SupportsHardLinks) s = NfsStat3.NotSupp;
        if (s == NfsStat3.Ok && Nfs3Delegations.Conflicts(request, export, file, write: true)) s = NfsStat3.Jukebox;
        WccAttr? before = null;
        if (s == NfsStat3.Ok)
        {
            before = await Nfs3Attributes.PreOpAsync(request, export, dir).ConfigureAwait(false);
            var r = await export.FileSystem.LinkAsync(request.ContextFor(export), file, dir, name).ConfigureAwait(false);
            s = r.Status.ToNfs3();
        }
        var fileAttributes = await Nfs3Attributes.PostOpAsync(request, export, file).ConfigureAwait(false);
        var wcc = await Nfs3Attributes.WccAsync(request, dirExport, dir, before).ConfigureAwait(false);
        request.WriteStatus(s);
        Fattr3.EncodePostOp(reply, fileAttributes);
        wcc.Encode(reply);
    }
}
