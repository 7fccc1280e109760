using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;

namespace Nfs.Core.Nfs4.Operations;

/// <summary>
/// CLONE (RFC 7862 section 15.13) through <see cref="ICloneFiles"/> (NOTSUPP without it): the
/// saved filehandle is the source, the current one the destination, on one export (XDEV
/// otherwise). Offsets must be multiples of the backend's clone block size, and so must the
/// count unless the range reaches the source's end of file (INVAL otherwise); count 0 clones
/// to the end of file; a range past the end, or overlapping ranges of one file, is INVAL.
/// </summary>
public sealed class CloneHandler : Nfs42Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Clone;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var args = CloneArgs.Decode(ctx.Args);
        var s = TwoFileChecks.RequireFiles(ctx);
        if (s != NfsStat4.Ok) return s;
        if (ctx.CurrentExport.FileSystem is not ICloneFiles clone) return NfsStat4.Notsupp;
        s = TwoFileChecks.CheckStateIds(ctx, args.SourceStateId, args.DestinationStateId, out var sourceOpen, out var destinationOpen);
        if (s != NfsStat4.Ok) return s;
        var (sizeStatus, size) = await TwoFileChecks.SourceSizeAsync(ctx).ConfigureAwait(false);
        if (sizeStatus != NfsStat4.Ok) return sizeStatus;
        ulong count = args.Count;
        s = TwoFileChecks.ResolveRange(ctx, size, args.SourceOffset, args.DestinationOffset, ref count);
        if (s != NfsStat4.Ok) return s;
        ulong block = Math.Max(1u, clone.CloneBlockSize);
        bool reachesEnd = args.SourceOffset + count == size;
        if (args.SourceOffset % block != 0 || args.DestinationOffset % block != 0 || (!reachesEnd && count % block != 0)) return NfsStat4.Inval;
        if (count == 0) return NfsStat4.Ok;
        var status = await clone.CloneAsync(ctx.CurrentFsalContext, ctx.Saved.Object!, sourceOpen?.BackendToken, args.SourceOffset,
            ctx.CurrentObject, destinationOpen?.BackendToken, args.DestinationOffset, count).ConfigureAwait(false);
        return status.ToNfs4();
    }
}
