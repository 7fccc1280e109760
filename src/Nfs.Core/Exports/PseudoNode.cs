using Nfs.Core.Fsal;

namespace Nfs.Core.Exports;

/// <summary>A directory of the pseudo filesystem; when <see cref="Junction"/> is set, the place an export is mounted.</summary>
public sealed class PseudoNode : FsalObject
{
    internal PseudoNode(uint id, string name, PseudoNode? parent)
    {
        Id = id;
        Name = name;
        Parent = parent;
    }

    /// <summary>Node id (its fileid and key).</summary>
    public uint Id { get; }

    /// <summary>Component name ("" for the root).</summary>
    public string Name { get; }

    /// <summary>Parent node (null for the root).</summary>
    public PseudoNode? Parent { get; }

    /// <summary>The export mounted here, if any.</summary>
    public Export? Junction { get; internal set; }

    /// <summary>Child directories by name, in name order.</summary>
    internal SortedDictionary<string, PseudoNode> Children { get; } = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public override FsalFileType Type => FsalFileType.Directory;

    /// <inheritdoc/>
    public override int WriteKey(Span<byte> destination)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(destination, Id);
        return 4;
    }
}
