using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Nfs4.Operations;

/// <summary>
/// DEALLOCATE (RFC 7862 section 15.4): punches a hole in a range; reads of it return zeros and
/// the file size does not change (<see cref="ISparseFiles.DeallocateAsync"/>).
/// </summary>
public sealed class DeallocateHandler : SparseRangeHandler
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Deallocate;

    /// <inheritdoc/>
    protected override ValueTask<FsalStatus> ApplyAsync(ISparseFiles sparse, FsalContext ctx, FsalObject file, object? openToken, ulong offset, ulong length) =>
        sparse.DeallocateAsync(ctx, file, openToken, offset, length);
}
