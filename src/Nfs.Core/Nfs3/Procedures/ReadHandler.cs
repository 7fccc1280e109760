using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs3.Arguments;

namespace Nfs.Core.Nfs3.Procedures;

/// <summary>
/// READ: the same paths as NFSv4 READ. The backend reads straight into the reply buffer, or,
/// for large reads from a backend that can, the data goes from the file to the socket
/// (sendfile). The attributes are read first, since they precede the data in the reply.
/// </summary>
public sealed class ReadHandler : Nfs3Handler
{
    /// <inheritdoc/>
    public override Nfs3Procedure Procedure => Nfs3Procedure.Read;

    /// <inheritdoc/>
    public override async ValueTask ExecuteAsync(Nfs3Request request)
    {
        var args = ReadArgs3.Decode(request.Args);
        var reply = request.Reply;
        if (!request.ResolveOrFail(args.File, out var export, out var obj)) return;
        var fs = export.FileSystem;
        var fsal = request.ContextFor(export);
        var attrs = await fs.GetAttributesAsync(fsal, obj, FsalAttrMask.All).ConfigureAwait(false);
        if (!attrs.IsOk)
        {
            request.WriteStatus(attrs.Status.ToNfs3());
            Fattr3.EncodePostOp(reply, null);
            return;
        }
        var fattr = Nfs3Attributes.From(export, attrs.Value);
        var s = IoChecks3.RequireRegularFile(obj);
        if (s == NfsStat3.Ok && Nfs3Delegations.Conflicts(request, export, obj, write: false)) s = NfsStat3.Jukebox;
        if (s != NfsStat3.Ok)
        {
            request.WriteStatus(s);
            Fattr3.EncodePostOp(reply, fattr);
            return;
        }
        int count = (int)Math.Min(args.Count, (uint)request.Server.Options.MaxReadSize);
        var call = request.Call;
        if (count >= Nfs4.Operations.ReadHandler.ZeroCopyThreshold && request.Server.ZeroCopyReads && fs is IZeroCopyRead zeroCopy && call.ZeroCopy is null)
        {
            var z = await zeroCopy.OpenForSendAsync(fsal, obj, null, args.Offset, count).ConfigureAwait(false);
            if (z.IsOk)
            {
                var source = z.Value;
                request.WriteStatus(NfsStat3.Ok);
                Fattr3.EncodePostOp(reply, fattr);
                reply.WriteUInt32((uint)source.Count);
                reply.WriteBool(source.EndOfFile);
                reply.WriteUInt32((uint)source.Count);
                call.ZeroCopy = new Rpc.ZeroCopySegment(reply.Length, source.File, (long)args.Offset, source.Count);
                reply.WritePadding(source.Count);
                return;
            }
            if (z.Status != FsalStatus.NotSupported)
            {
                request.WriteStatus(z.Status.ToNfs3());
                Fattr3.EncodePostOp(reply, fattr);
                return;
            }
        }
        int statusAt = reply.Length;
        request.WriteStatus(NfsStat3.Ok);
        Fattr3.EncodePostOp(reply, fattr);
        int countAt = reply.Reserve(4);
        int eofAt = reply.Reserve(4);
        int lengthAt = reply.Reserve(4);
        var r = await fs.ReadAsync(fsal, obj, null, args.Offset, reply.GetMemory(count)).ConfigureAwait(false);
        if (!r.IsOk)
        {
            reply.Truncate(statusAt);
            request.WriteStatus(r.Status.ToNfs3());
            Fattr3.EncodePostOp(reply, fattr);
            return;
        }
        int n = r.Value.Count;
        reply.Advance(n);
        reply.WritePadding(n);
        reply.PatchUInt32(countAt, (uint)n);
        reply.PatchUInt32(eofAt, r.Value.EndOfFile ? 1u : 0u);
        reply.PatchUInt32(lengthAt, (uint)n);
    }
}
