namespace Fsal.Memory.Nodes;

/// <summary>
/// Every live node by id, for handle resolution. Ids are handed out consecutively from a base
/// (<see cref="MemoryFileSystem"/>), so the table is an array of fixed-size pages indexed by
/// id − base: 8 bytes per id ever issued, against about 32 for a dictionary entry, and reads
/// take no lock. The root's id lies below the base and has a field of its own.
/// </summary>
internal sealed class NodeTable
{
    private const int PageBits = 12;
    private const int PageSize = 1 << PageBits;

    private readonly ulong _firstId;
    private readonly Lock _growLock = new();
    private readonly MemoryNode _root;
    private MemoryNode?[]?[] _pages = new MemoryNode?[]?[64];

    /// <summary>A table holding <paramref name="root"/>, for ids from <paramref name="firstId"/> up.</summary>
    public NodeTable(MemoryNode root, ulong firstId)
    {
        if (root.Id >= firstId) throw new ArgumentOutOfRangeException(nameof(firstId), "the root's id must lie below the first id");
        _root = root;
        _firstId = firstId;
    }

    public bool TryGet(ulong id, out MemoryNode? node)
    {
        node = null;
        if (id == _root.Id)
        {
            node = _root;
            return true;
        }
        if (id < _firstId) return false;
        ulong offset = id - _firstId;
        ulong page = offset >> PageBits;
        var pages = Volatile.Read(ref _pages);
        if (page >= (ulong)pages.Length) return false;
        var slots = Volatile.Read(ref pages[page]);
        if (slots is null) return false;
        node = Volatile.Read(ref slots[(int)(offset & (PageSize - 1))]);
        return node is not null;
    }

    public void Set(MemoryNode node)
    {
        if (node.Id == _root.Id) return;
        ulong offset = node.Id - _firstId;
        if (node.Id < _firstId || (offset >> PageBits) >= int.MaxValue) throw new ArgumentOutOfRangeException(nameof(node), "id outside the table");
        var slots = PageFor((int)(offset >> PageBits));
        Volatile.Write(ref slots[(int)(offset & (PageSize - 1))], node);
    }

    public void Remove(ulong id)
    {
        if (id < _firstId || id == _root.Id) return;
        ulong offset = id - _firstId;
        ulong page = offset >> PageBits;
        var pages = Volatile.Read(ref _pages);
        if (page >= (ulong)pages.Length || pages[page] is not { } slots) return;
        Volatile.Write(ref slots[(int)(offset & (PageSize - 1))], null);
    }

    private MemoryNode?[] PageFor(int page)
    {
        var pages = Volatile.Read(ref _pages);
        if (page < pages.Length && Volatile.Read(ref pages[page]) is { } existing) return existing;
        lock (_growLock)
        {
            pages = _pages;
            if (page >= pages.Length)
            {
                var grown = new MemoryNode?[]?[Math.Max(page + 1, pages.Length * 2)];
                Array.Copy(pages, grown, pages.Length);
                Volatile.Write(ref _pages, grown);
                pages = grown;
            }
            return pages[page] ??= new MemoryNode?[PageSize];
        }
    }
}
