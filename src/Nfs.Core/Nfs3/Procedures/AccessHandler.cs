using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs3.Arguments;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Nfs3.Procedures;

/// <summary>ACCESS: which of the asked rights the caller has (the backend decides; a read-only export removes the modifying ones).</summary>
public sealed class AccessHandler : Nfs3Handler
{
    private const Access3 Modifying = Access3.Modify | Access3.Extend | Access3.Delete;

    /// <inheritdoc/>
    public override Nfs3Procedure Procedure => Nfs3Procedure.Access;

    /// <inheritdoc/>
    public override async ValueTask ExecuteAsync(Nfs3Request request)
    {
        var args = AccessArgs3.Decode(request.Args);
        var s = request.Resolve(args.Object, out var export, out var obj);
        if (s != NfsStat3.Ok)
        {
            request.WriteStatus(s);
            Fattr3.EncodePostOp(request.Reply, null);
            return;
        }
        // Bits RFC 1813 does not define are ignored rather than refused, as knfsd does.
        var asked = args.Access & Access3.All;
        var r = await export.FileSystem.CheckAccessAsync(request.ContextFor(export), obj, (Access4)asked).ConfigureAwait(false);
        var attributes = await Nfs3Attributes.PostOpAsync(request, export, obj).ConfigureAwait(false);
        if (!r.IsOk)
        {
            request.WriteStatus(r.Status.ToNfs3());
            Fattr3.EncodePostOp(request.Reply, attributes);
            return;
        }
        var granted = (Access3)r.Value & asked;
        if (export.IsReadOnly) granted &= ~Modifying;
        request.WriteStatus(NfsStat3.Ok);
        Fattr3.EncodePostOp(request.Reply, attributes);
        request.Reply.WriteUInt32((uint)granted);
    }
}
