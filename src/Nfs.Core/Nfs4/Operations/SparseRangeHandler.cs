using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;

namespace Nfs.Core.Nfs4.Operations;

/// <summary>
/// Base of ALLOCATE and DEALLOCATE, which change the storage of a byte range of the current file
/// through <see cref="ISparseFiles"/>: NOTSUPP when the backend lacks it, ROFS on a read-only
/// export, a stateid allowing writes as for WRITE, INVAL for an empty range or one whose end
/// overflows. Both results are the status alone.
/// </summary>
public abstract class SparseRangeHandler : Nfs42Operation
{
    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var args = RangeArgs.Decode(ctx.Args);
        var s = IoChecks.RequireRegularFile(ctx);
        if (s != NfsStat4.Ok) return s;
        var export = ctx.CurrentExport;
        if (export.FileSystem is not ISparseFiles sparse) return NfsStat4.Notsupp;
        if (export.IsReadOnly) return NfsStat4.Rofs;
        s = StateIdChecks.CheckIo(ctx, args.StateId, OpenShare4.AccessWrite, out var open);
        if (s != NfsStat4.Ok) return s;
        if (args.Length == 0 || args.Offset > ulong.MaxValue - args.Length) return NfsStat4.Inval;
        var status = await ApplyAsync(sparse, ctx.CurrentFsalContext, ctx.CurrentObject, open?.BackendToken, args.Offset, args.Length).ConfigureAwait(false);
        return status.ToNfs4();
    }

    /// <summary>Calls the backend for the validated range.</summary>
    protected abstract ValueTask<FsalStatus> ApplyAsync(ISparseFiles sparse, FsalContext ctx, FsalObject file, object? openToken, ulong offset, ulong length);
}
