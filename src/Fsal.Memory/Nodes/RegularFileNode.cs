using Fsal.Memory.Storage;
using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;

namespace Fsal.Memory.Nodes;

/// <summary>A regular file and its data.</summary>
internal sealed class RegularFileNode(ulong id, uint mode, uint uid, uint gid, NfsTime4 now)
    : MemoryNode(id, FsalFileType.Regular, mode, uid, gid, linkCount: 1, now)
{
    /// <inheritdoc/>
    public override FsalFileType Type => FsalFileType.Regular;

    /// <summary>The file data: a struct held in place (see <see cref="SparseContent"/>), hence a field.</summary>
    public SparseContent Content;

    /// <inheritdoc/>
    protected override ulong Size => (ulong)Content.Length;

    /// <inheritdoc/>
    protected override ulong SpaceUsed => (ulong)Content.AllocatedBytes;

    /// <inheritdoc/>
    protected override long ReleaseContents() => Content.Clear();
}
