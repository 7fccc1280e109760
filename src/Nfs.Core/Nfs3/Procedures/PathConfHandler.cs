using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs3.Arguments;

namespace Nfs.Core.Nfs3.Procedures;

/// <summary>PATHCONF: the backend's name and link limits and name semantics.</summary>
public sealed class PathConfHandler : Nfs3Handler
{
    /// <inheritdoc/>
    public override Nfs3Procedure Procedure => Nfs3Procedure.PathConf;

    /// <inheritdoc/>
    public override async ValueTask ExecuteAsync(Nfs3Request request)
    {
        var args = HandleArgs3.Decode(request.Args);
        var reply = request.Reply;
        if (!request.ResolveOrFail(args.Object, out var export, out var obj)) return;
        var attributes = await Nfs3Attributes.PostOpAsync(request, export, obj).ConfigureAwait(false);
        var caps = export.FileSystem.Capabilities;
        request.WriteStatus(NfsStat3.Ok);
        Fattr3.EncodePostOp(reply, attributes);
        reply.WriteUInt32(caps.MaxLinks);
        reply.WriteUInt32(caps.MaxNameLength);
        reply.WriteBool(true); // no_trunc: long names are refused, never shortened
        reply.WriteBool(caps.ChownRestricted);
        reply.WriteBool(caps.CaseInsensitive);
        reply.WriteBool(true); // case_preserving
    }
}
