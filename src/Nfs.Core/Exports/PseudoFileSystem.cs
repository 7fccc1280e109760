using System.Buffers.Binary;
using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Exports;

/// <summary>
/// The read-only NFSv4 pseudo filesystem built from the export table: the directories
/// leading to each export's pseudo path. Lookups return <see cref="PseudoNode"/>s; the core
/// crosses a node with a <see cref="PseudoNode.Junction"/> into that export's root.
/// </summary>
public sealed class PseudoFileSystem : IFileSystem
{
    private readonly List<PseudoNode> _nodes = [];
    private readonly NfsTime4 _created;
    private readonly Dictionary<ushort, PseudoNode> _junctionOf = new();

    /// <summary>Builds the tree for the exports (none of which may sit at "/").</summary>
    public PseudoFileSystem(IEnumerable<Export> exports)
    {
        _created = NfsTime4.FromUnixNanoseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000);
        var root = NewNode("", null);
        foreach (var export in exports)
        {
            var node = root;
            foreach (var part in PseudoPaths.Split(export.PseudoPath))
            {
                if (node.Junction is not null) throw new InvalidOperationException($"{export} lies inside {node.Junction}; nested exports are not supported");
                if (!node.Children.TryGetValue(part, out var child))
                {
                    child = NewNode(part, node);
                    node.Children.Add(part, child);
                }
                node = child;
            }
            if (node == root) throw new InvalidOperationException("an export at \"/\" replaces the pseudo filesystem and cannot be combined with it");
            if (node.Junction is not null) throw new InvalidOperationException($"{export} and {node.Junction} share a pseudo path");
            if (node.Children.Count > 0) throw new InvalidOperationException($"{export} has other exports below it; nested exports are not supported");
            node.Junction = export;
            _junctionOf[export.Id] = node;
        }
        Root = root;
    }

    private PseudoNode NewNode(string name, PseudoNode? parent)
    {
        var node = new PseudoNode((uint)_nodes.Count + 1, name, parent);
        _nodes.Add(node);
        return node;
    }

    /// <inheritdoc/>
    public FsalCapabilities Capabilities { get; } = new()
    {
        MaxKeyLength = 4,
        ReadOnly = true,
        SupportsHardLinks = false,
        SupportsSymlinks = false,
        SupportsSpecialFiles = false,
        CanSetTime = false,
        TimeDeltaNanoseconds = 1_000_000,
    };

    /// <inheritdoc/>
    public FsalObject Root { get; }

    /// <summary>The pseudo node an export is mounted on.</summary>
    public PseudoNode? JunctionOf(Export export) => _junctionOf.GetValueOrDefault(export.Id);

    /// <inheritdoc/>
    public FsalStatus Resolve(ReadOnlySpan<byte> key, out FsalObject? obj)
    {
        obj = null;
        if (key.Length != 4) return FsalStatus.BadHandle;
        uint id = BinaryPrimitives.ReadUInt32BigEndian(key);
        if (id == 0 || id > _nodes.Count) return FsalStatus.Stale;
        obj = _nodes[(int)id - 1];
        return FsalStatus.Ok;
    }

    /// <summary>Attributes of a pseudo directory.</summary>
    public FsalAttributes AttributesOf(PseudoNode node) => new()
    {
        Valid = FsalAttrMask.All,
        Type = FsalFileType.Directory,
        Mode = 0x16D, // 0555
        NumLinks = (uint)(2 + node.Children.Count),
        Uid = 0,
        Gid = 0,
        Size = 4096,
        SpaceUsed = 4096,
        FileId = node.Id,
        Change = 1,
        AccessTime = _created,
        ModifyTime = _created,
        ChangeTime = _created,
        CreateTime = _created,
    };

    private static FsalStatus Check(FsalObject obj, out PseudoNode node)
    {
        node = (obj as PseudoNode)!;
        return node is null ? FsalStatus.BadHandle : FsalStatus.Ok;
    }

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalAttributes>> GetAttributesAsync(FsalContext ctx, FsalObject obj, FsalAttrMask wanted)
    {
        var s = Check(obj, out var node);
        return new(s != FsalStatus.Ok ? s : AttributesOf(node));
    }

    /// <inheritdoc/>
    public ValueTask<FsalResult<Access4>> CheckAccessAsync(FsalContext ctx, FsalObject obj, Access4 requested)
        => new(requested & (Access4.Read | Access4.Lookup));

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalLookup>> LookupAsync(FsalContext ctx, FsalObject directory, string name, FsalAttrMask wanted)
    {
        var s = Check(directory, out var node);
        if (s != FsalStatus.Ok) return new(s);
        if (!node.Children.TryGetValue(name, out var child)) return new(FsalStatus.NoEntry);
        return new(new FsalLookup(child, AttributesOf(child)));
    }

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalLookup>> LookupParentAsync(FsalContext ctx, FsalObject directory, FsalAttrMask wanted)
    {
        var s = Check(directory, out var node);
        if (s != FsalStatus.Ok) return new(s);
        var parent = node.Parent ?? node;
        return new(new FsalLookup(parent, AttributesOf(parent)));
    }

    /// <inheritdoc/>
    public ValueTask<FsalResult<bool>> ReadDirAsync(FsalContext ctx, FsalObject directory, ulong cookie, FsalAttrMask wanted, IReadDirSink sink)
    {
        var s = Check(directory, out var node);
        if (s != FsalStatus.Ok) return new(s);
        // Cookies are the children's positions in name order, offset past the reserved 0..2.
        ulong next = 3;
        foreach (var child in node.Children.Values)
        {
            ulong c = next++;
            if (c <= cookie) continue;
            if (!sink.Add(child.Name, c, child, AttributesOf(child))) return new(false);
        }
        return new(true);
    }

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalAttributes>> SetAttributesAsync(FsalContext ctx, FsalObject obj, FsalSetAttributes changes) => new(FsalStatus.ReadOnly);

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalCreated>> CreateAsync(FsalContext ctx, FsalObject directory, string name, FsalCreateRequest request) => new(FsalStatus.ReadOnly);

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalChangeInfo>> RemoveAsync(FsalContext ctx, FsalObject directory, string name) => new(FsalStatus.ReadOnly);

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalRenamed>> RenameAsync(FsalContext ctx, FsalObject sourceDirectory, string sourceName, FsalObject targetDirectory, string targetName) => new(FsalStatus.ReadOnly);

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalChangeInfo>> LinkAsync(FsalContext ctx, FsalObject obj, FsalObject directory, string name) => new(FsalStatus.ReadOnly);

    /// <inheritdoc/>
    public ValueTask<FsalResult<string>> ReadLinkAsync(FsalContext ctx, FsalObject obj) => new(FsalStatus.Invalid);

    /// <inheritdoc/>
    public ValueTask<FsalResult<object?>> OpenAsync(FsalContext ctx, FsalObject obj, FsalOpenFlags flags) => new(FsalStatus.IsDirectory);

    /// <inheritdoc/>
    public ValueTask CloseAsync(FsalObject obj, object? openToken) => ValueTask.CompletedTask;

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalRead>> ReadAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, Memory<byte> destination) => new(FsalStatus.IsDirectory);

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalWrite>> WriteAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, ReadOnlyMemory<byte> data, FsalStability stability) => new(FsalStatus.IsDirectory);

    /// <inheritdoc/>
    public ValueTask<FsalStatus> CommitAsync(FsalContext ctx, FsalObject obj, ulong offset, uint count) => new(FsalStatus.IsDirectory);

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalFsStats>> GetFsStatsAsync(FsalContext ctx, FsalObject obj) => new(new FsalFsStats(0, 0, 0, (ulong)_nodes.Count, 0, 0));
}
