using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;

namespace Nfs.Core.Nfs4.Operations;

/// <summary>
/// SEEK (RFC 7862 section 15.11): the next data or hole at or after an offset. An offset at or
/// past the end of file is NXIO. Every file ends in a virtual hole, so a hole is always found
/// (at the end of file with sr_eof set when there is no other); data not found before the end
/// is answered with sr_eof set and the end of file as offset. Without <see cref="ISparseFiles"/>
/// every byte before the end of file is data.
/// </summary>
public sealed class SeekHandler : Nfs42Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Seek;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var args = SeekArgs.Decode(ctx.Args);
        if (args.What is not (DataContent4.Data or DataContent4.Hole)) return NfsStat4.UnionNotsupp;
        var s = IoChecks.RequireRegularFile(ctx);
        if (s != NfsStat4.Ok) return s;
        s = StateIdChecks.CheckIo(ctx, args.StateId, OpenShare4.AccessRead, out var open);
        if (s != NfsStat4.Ok) return s;
        var fs = ctx.CurrentExport.FileSystem;
        var fsal = ctx.CurrentFsalContext;
        var attrs = await fs.GetAttributesAsync(fsal, ctx.CurrentObject, FsalAttrMask.Size).ConfigureAwait(false);
        if (!attrs.IsOk) return attrs.Status.ToNfs4();
        ulong size = attrs.Value.Size;
        if (args.Offset >= size) return NfsStat4.Nxio;

        bool findHole = args.What == DataContent4.Hole;
        ulong found;
        if (fs is ISparseFiles sparse)
        {
            var r = await sparse.SeekAsync(fsal, ctx.CurrentObject, open?.BackendToken, args.Offset, findHole).ConfigureAwait(false);
            if (r.Status == FsalStatus.NoDevice) found = size; // nothing more before the end (or the file shrank)
            else if (!r.IsOk) return r.Status.ToNfs4();
            else found = Math.Min(r.Value, size);
        }
        else
        {
            found = findHole ? size : args.Offset;
        }
        new SeekResult(found >= size, found).Encode(ctx.Reply);
        return NfsStat4.Ok;
    }
}
