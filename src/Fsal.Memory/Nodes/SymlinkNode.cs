using System.Text;
using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;

namespace Fsal.Memory.Nodes;

/// <summary>A symbolic link. Its mode is always 0777, as on Linux; its size is the target's length in UTF-8 bytes.</summary>
internal sealed class SymlinkNode(ulong id, string target, uint uid, uint gid, NfsTime4 now)
    : MemoryNode(id, FsalFileType.Symlink, 0x1FF, uid, gid, linkCount: 1, now)
{
    /// <inheritdoc/>
    public override FsalFileType Type => FsalFileType.Symlink;

    private readonly ulong _size = (ulong)Encoding.UTF8.GetByteCount(target);

    /// <summary>The link target, never changed.</summary>
    public string Target { get; } = target;

    /// <inheritdoc/>
    protected override ulong Size => _size;
}
