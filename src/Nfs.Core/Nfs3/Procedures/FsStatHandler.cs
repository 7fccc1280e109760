using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs3.Arguments;

namespace Nfs.Core.Nfs3.Procedures;

/// <summary>FSSTAT: space and file counts from the backend.</summary>
public sealed class FsStatHandler : Nfs3Handler
{
    /// <inheritdoc/>
    public override Nfs3Procedure Procedure => Nfs3Procedure.FsStat;

    /// <inheritdoc/>
    public override async ValueTask ExecuteAsync(Nfs3Request request)
    {
        var args = HandleArgs3.Decode(request.Args);
        var reply = request.Reply;
        if (!request.ResolveOrFail(args.Object, out var export, out var obj)) return;
        var r = await export.FileSystem.GetFsStatsAsync(request.ContextFor(export), obj).ConfigureAwait(false);
        var attributes = await Nfs3Attributes.PostOpAsync(request, export, obj).ConfigureAwait(false);
        request.WriteStatus(r.Status.ToNfs3());
        Fattr3.EncodePostOp(reply, attributes);
        if (!r.IsOk) return;
        var st = r.Value;
        reply.WriteUInt64(st.TotalBytes);
        reply.WriteUInt64(st.FreeBytes);
        reply.WriteUInt64(st.AvailableBytes);
        reply.WriteUInt64(st.TotalFiles);
        reply.WriteUInt64(st.FreeFiles);
        reply.WriteUInt64(st.AvailableFiles);
        reply.WriteUInt32(0); // invarsec: the values may change at any time
    }
}
