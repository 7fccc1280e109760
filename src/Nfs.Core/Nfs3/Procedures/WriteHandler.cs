using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs3.Arguments;

namespace Nfs.Core.Nfs3.Procedures;

/// <summary>
/// WRITE: the data reaches the backend as a slice of the request; writes above wtmax are
/// shortened. The verifier is the server's, shared with NFSv4. The wcc data has no
/// pre-operation part: concurrent writes to one file would report each other's changes as
/// foreign ones and make the client drop its cache, while without it the client takes the
/// change as its own (NFS-Ganesha does the same). WRITE is idempotent, so it stays out of
/// the duplicate request cache.
/// </summary>
public sealed class WriteHandler : Nfs3Handler
{
    /// <inheritdoc/>
    public override Nfs3Procedure Procedure => Nfs3Procedure.Write;

    /// <inheritdoc/>
    public override async ValueTask ExecuteAsync(Nfs3Request request)
    {
        var args = WriteArgs3.Decode(request.Args);
        var reply = request.Reply;
        if (!request.ResolveOrFail(args.File, out var export, out var obj, wcc: true)) return;
        var data = args.Data;
        var s = IoChecks3.RequireRegularFile(obj);
        if (s == NfsStat3.Ok && export.IsReadOnly) s = NfsStat3.RoFs;
        // count must describe the data sent; more than was sent is a broken request.
        if (s == NfsStat3.Ok && args.Count > data.Length) s = NfsStat3.Inval;
        if (s == NfsStat3.Ok)
        {
            data = data[..(int)Math.Min(args.Count, (uint)request.Server.Options.MaxWriteSize)];
            if (args.Offset > ulong.MaxValue - (ulong)data.Length) s = NfsStat3.FBig;
        }
        if (s == NfsStat3.Ok && Nfs3Delegations.Conflicts(request, export, obj, write: true)) s = NfsStat3.Jukebox;
        if (s != NfsStat3.Ok)
        {
            request.WriteStatus(s);
            (await Nfs3Attributes.WccAsync(request, export, obj, null).ConfigureAwait(false)).Encode(reply);
            return;
        }
        var fsal = request.ContextFor(export);
        var w = await export.FileSystem.WriteAsync(fsal, obj, null, args.Offset, data, (FsalStability)args.Stable).ConfigureAwait(false);
        var wcc = await Nfs3Attributes.WccAsync(request, export, obj, null).ConfigureAwait(false);
        request.WriteStatus(w.Status.ToNfs3());
        wcc.Encode(reply);
        if (!w.IsOk) return;
        reply.WriteUInt32((uint)w.Value.Count);
        reply.WriteUInt32((uint)w.Value.Committed);
        reply.WriteUInt64(request.Server.WriteVerifier);
    }
}
