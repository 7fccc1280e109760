using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs3.Arguments;

namespace Nfs.Core.Nfs3.Procedures;

/// <summary>COMMIT: makes unstable writes stable and returns the write verifier (shared with NFSv4).</summary>
public sealed class CommitHandler : Nfs3Handler
{
    /// <inheritdoc/>
    public override Nfs3Procedure Procedure => Nfs3Procedure.Commit;

    /// <inheritdoc/>
    public override async ValueTask ExecuteAsync(Nfs3Request request)
    {
        var args = CommitArgs3.Decode(request.Args);
        var reply = request.Reply;
        if (!request.ResolveOrFail(args.File, out var export, out var obj, wcc: true)) return;
        var s = IoChecks3.RequireRegularFile(obj);
        if (s == NfsStat3.Ok && args.Count != 0 && args.Offset > ulong.MaxValue - args.Count) s = NfsStat3.Inval;
        if (s == NfsStat3.Ok)
        {
            s = (await export.FileSystem.CommitAsync(request.ContextFor(export), obj, args.Offset, args.Count).ConfigureAwait(false)).ToNfs3();
        }
        var wcc = await Nfs3Attributes.WccAsync(request, export, obj, null).ConfigureAwait(false);
        request.WriteStatus(s);
        wcc.Encode(reply);
        if (s == NfsStat3.Ok) reply.WriteUInt64(request.Server.WriteVerifier);
    }
}
