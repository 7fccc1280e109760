using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Nfs4.Operations;

/// <summary>
/// ALLOCATE (RFC 7862 section 15.1): makes sure storage exists for a range, growing the file
/// when the range ends past it (<see cref="ISparseFiles.AllocateAsync"/>).
/// </summary>
public sealed class AllocateHandler : SparseRangeHandler
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Allocate;

    /// <inheritdoc/>
    protected override ValueTask<FsalStatus> ApplyAsync(ISparseFiles sparse, FsalContext ctx, FsalObject file, object? openToken, ulong offset, ulong length) =>
        sparse.AllocateAsync(ctx, file, openToken, offset, length);
}
