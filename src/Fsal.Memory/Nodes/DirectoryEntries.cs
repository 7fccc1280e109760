namespace Fsal.Memory.Nodes;

/// <summary>
/// The entries of one directory: a name map for lookups, and the same entries in cookie order
/// for READDIR. Cookies come from a per-directory counter, so new entries always go at the end
/// of the order; a removed entry leaves a tombstone that keeps its cookie until the next
/// compaction, which lets a READDIR resume at the right place by binary search whatever was
/// added or removed in between. Not thread-safe; the directory's lock guards it.
/// </summary>
internal sealed class DirectoryEntries
{
    /// <summary>The first cookie given out: NFSv4 reserves 0, 1 and 2.</summary>
    public const ulong FirstCookie = 3;

    // Compaction waits for this many tombstones so that small directories don't compact on every removal.
    private const int MinTombstonesToCompact = 32;
    private const int Deleted = -1;

    // Entries in cookie order; a removed entry stays as a tombstone (no node) until compaction.
    private DirectoryEntry[] _slots = [];
    private int _slotCount;
    private int _tombstones;
    private ulong _nextCookie = FirstCookie;
    // Finds a slot by name: open addressing over slot numbers + 1 (0 empty, Deleted a removed
    // name), a power-of-two size at most half full. 4-8 bytes an entry where a
    // Dictionary<string, DirectoryEntry> took about 44 and kept a second copy of the entry.
    private int[] _index = [];
    private int _indexUsed;
    private int _count;

    public int Count => _count;

    public bool TryGet(string name, out DirectoryEntry entry)
    {
        int position = Find(name);
        if (position < 0)
        {
            entry = default;
            return false;
        }
        entry = _slots[_index[position] - 1];
        return true;
    }

    public DirectoryEntry Add(string name, MemoryNode node)
    {
        var entry = new DirectoryEntry(name, _nextCookie++, node);
        if (_slotCount == _slots.Length) Array.Resize(ref _slots, Math.Max(8, _slots.Length * 2));
        _slots[_slotCount++] = entry;
        _count++;
        if ((_indexUsed + 1) * 2 > _index.Length) Rebuild();
        else Insert(name, _slotCount);
        return entry;
    }

    public void Remove(DirectoryEntry entry)
    {
        int position = Find(entry.Name);
        if (position < 0) return;
        int index = _index[position] - 1;
        _index[position] = Deleted;
        _slots[index] = new DirectoryEntry(string.Empty, entry.Cookie, Node: null!); // a tombstone keeps only its cookie
        _count--;
        _tombstones++;
        if (_tombstones >= MinTombstonesToCompact && _tombstones > _slotCount / 2) Compact();
    }

    public int CopyAfter(ulong cookie, Span<DirectoryEntry> destination, out bool reachedEnd)
    {
        int count = 0;
        int index = cookie == ulong.MaxValue ? _slotCount : FirstSlotAtOrAfter(cookie + 1);
        for (; index < _slotCount && count < destination.Length; index++)
        {
            if (_slots[index].Node is not null) destination[count++] = _slots[index];
        }
        while (index < _slotCount && _slots[index].Node is null) index++;
        reachedEnd = index == _slotCount;
        return count;
    }

    /// <summary>The index position holding <paramref name="name"/>, or -1.</summary>
    private int Find(string name)
    {
        if (_count == 0) return -1;
        int mask = _index.Length - 1;
        for (int i = name.GetHashCode() & mask; ; i = (i + 1) & mask)
        {
            int v = _index[i];
            if (v == 0) return -1;
            if (v > 0 && string.Equals(_slots[v - 1].Name, name, StringComparison.Ordinal)) return i;
        }
    }

    private void Insert(string name, int slotPlusOne)
    {
        int mask = _index.Length - 1;
        int i = name.GetHashCode() & mask;
        while (_index[i] > 0) i = (i + 1) & mask;
        if (_index[i] == 0) _indexUsed++;
        _index[i] = slotPlusOne;
    }

    /// <summary>A fresh index for the live slots, sized to stay at most half full with room to grow.</summary>
    private void Rebuild()
    {
        int size = 8;
        while (size < _count * 4) size <<= 1;
        _index = new int[size];
        _indexUsed = 0;
        for (int i = 0; i < _slotCount; i++)
        {
            if (_slots[i].Node is not null) Insert(_slots[i].Name, i + 1);
        }
    }

    private int FirstSlotAtOrAfter(ulong cookie)
    {
        int low = 0, high = _slotCount;
        while (low < high)
        {
            int mid = (int)((uint)(low + high) >> 1);
            if (_slots[mid].Cookie < cookie) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    private void Compact()
    {
        int live = 0;
        for (int i = 0; i < _slotCount; i++)
        {
            if (_slots[i].Node is not null) _slots[live++] = _slots[i];
        }
        Array.Clear(_slots, live, _slotCount - live);
        _slotCount = live;
        _tombstones = 0;
        if (_slots.Length > 64 && _slots.Length > 4 * live) Array.Resize(ref _slots, Math.Max(8, live * 2));
        Rebuild();
    }
}
