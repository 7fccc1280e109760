using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs3.Arguments;

namespace Nfs.Core.Nfs3.Procedures;

/// <summary>READLINK: a symlink's target (INVAL for other objects).</summary>
public sealed class ReadLinkHandler : Nfs3Handler
{
    /// <inheritdoc/>
    public override Nfs3Procedure Procedure => Nfs3Procedure.ReadLink;

    /// <inheritdoc/>
    public override async ValueTask ExecuteAsync(Nfs3Request request)
    {
        var args = HandleArgs3.Decode(request.Args);
        var s = request.Resolve(args.Object, out var export, out var obj);
        if (s != NfsStat3.Ok)
        {
            request.WriteStatus(s);
            Fattr3.EncodePostOp(request.Reply, null);
            return;
        }
        FsalResult<string> r = obj.Type == FsalFileType.Symlink
            ? await export.FileSystem.ReadLinkAsync(request.ContextFor(export), obj).ConfigureAwait(false)
            : FsalStatus.Invalid;
        var attributes = await Nfs3Attributes.PostOpAsync(request, export, obj).ConfigureAwait(false);
        request.WriteStatus(r.Status.ToNfs3());
        Fattr3.EncodePostOp(request.Reply, attributes);
        if (r.IsOk) request.Reply.WriteString(r.Value);
    }
}
