using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;

namespace Fsal.Memory.Nodes;

/// <summary>A block or character device, a fifo or a socket: attributes only, no data.</summary>
internal sealed class SpecialFileNode(ulong id, FsalFileType type, SpecData4 device, uint mode, uint uid, uint gid, NfsTime4 now)
    : MemoryNode(id, type, mode, uid, gid, linkCount: 1, now)
{
    private readonly byte _type = (byte)type;

    /// <inheritdoc/>
    public override FsalFileType Type => (FsalFileType)_type;

    /// <inheritdoc/>
    protected override ulong Size => 0;

    /// <inheritdoc/>
    protected override SpecData4 RawDevice { get; } =
        type is FsalFileType.BlockDevice or FsalFileType.CharacterDevice ? device : default;
}
