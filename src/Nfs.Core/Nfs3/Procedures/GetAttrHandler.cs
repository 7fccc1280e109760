using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs3.Arguments;

namespace Nfs.Core.Nfs3.Procedures;

/// <summary>GETATTR: an object's fattr3.</summary>
public sealed class GetAttrHandler : Nfs3Handler
{
    /// <inheritdoc/>
    public override Nfs3Procedure Procedure => Nfs3Procedure.GetAttr;

    /// <inheritdoc/>
    public override async ValueTask ExecuteAsync(Nfs3Request request)
    {
        var args = HandleArgs3.Decode(request.Args);
        var s = request.Resolve(args.Object, out var export, out var obj);
        if (s != NfsStat3.Ok)
        {
            request.WriteStatus(s);
            return;
        }
        var r = await export.FileSystem.GetAttributesAsync(request.ContextFor(export), obj, FsalAttrMask.All).ConfigureAwait(false);
        if (!r.IsOk)
        {
            request.WriteStatus(r.Status.ToNfs3());
            return;
        }
        request.WriteStatus(NfsStat3.Ok);
        Nfs3Attributes.From(export, r.Value).Encode(request.Reply);
    }
}
