using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;

namespace Fsal.Memory.Nodes;

/// <summary>A directory: its entries and its parent.</summary>
internal sealed class DirectoryNode : MemoryNode
{
    /// <inheritdoc/>
    public override FsalFileType Type => FsalFileType.Directory;

    /// <summary>The size reported for every directory, as ext4 reports for a small one.</summary>
    private const ulong ReportedSize = 4096;

    /// <summary>Creates a directory under <paramref name="parent"/>, or a root (its own parent) when null.</summary>
    public DirectoryNode(ulong id, uint mode, uint uid, uint gid, NfsTime4 now, DirectoryNode? parent)
        : base(id, FsalFileType.Directory, mode, uid, gid, linkCount: 2, now)
    {
        Parent = parent ?? this;
    }

    /// <summary>The entries; guarded by the node lock.</summary>
    public DirectoryEntries Entries { get; } = new();

    /// <summary>The directory holding this one; the root's parent is the root. Changed only under the namespace lock.</summary>
    public DirectoryNode Parent { get; set; }

    /// <inheritdoc/>
    protected override ulong Size => ReportedSize;
}
