namespace Fsal.Memory.Nodes;

/// <summary>
/// Every live node by id, for resolving filehandles. Split into shards, each a plain
/// dictionary under its own lock: about 28 bytes per node where a ConcurrentDictionary spent 56
/// (a node object per entry), with lookups that rarely meet another thread on the same shard.
/// </summary>
internal sealed class NodeTable
{
    private const int ShardCount = 64; // a power of two

    private readonly Dictionary<ulong, MemoryNode>[] _shards;

    public NodeTable()
    {
        _shards = new Dictionary<ulong, MemoryNode>[ShardCount];
        for (int i = 0; i < ShardCount; i++) _shards[i] = [];
    }

    // Ids are consecutive, so the low bits spread them evenly.
    private Dictionary<ulong, MemoryNode> ShardOf(ulong id) => _shards[(int)(id & (ShardCount - 1))];

    /// <summary>Finds the node with <paramref name="id"/>.</summary>
    public bool TryGet(ulong id, out MemoryNode? node)
    {
        var shard = ShardOf(id);
        lock (shard) return shard.TryGetValue(id, out node);
    }

    /// <summary>Adds or replaces the node with <paramref name="node"/>'s id.</summary>
    public void Set(MemoryNode node)
    {
        var shard = ShardOf(node.Id);
        lock (shard) shard[node.Id] = node;
    }

    /// <summary>Removes the node with <paramref name="id"/>, if present.</summary>
    public void Remove(ulong id)
    {
        var shard = ShardOf(id);
        lock (shard) shard.Remove(id);
    }
}
