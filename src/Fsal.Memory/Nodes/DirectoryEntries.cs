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

    private readonly Dictionary<string, DirectoryEntry> _byName = new(StringComparer.Ordinal);
    // Entries in cookie order; a removed entry stays as a tombstone (no node) until compaction.
    private DirectoryEntry[] _slots = [];
    private int _slotCount;
    private int _tombstones;
    private ulong _nextCookie = FirstCookie;

    /// <summary>Number of entries.</summary>
    public int Count => _byName.Count;

    /// <summary>Finds an entry by name.</summary>
    public bool TryGet(string name, out DirectoryEntry entry) => _byName.TryGetValue(name, out entry);

    /// <summary>Adds an entry for a name that is not present and gives it the next cookie.</summary>
    public DirectoryEntry Add(string name, MemoryNode node)
    {
        var entry = new DirectoryEntry(name, _nextCookie++, node);
        _byName.Add(name, entry);
        if (_slotCount == _slots.Length) Array.Resize(ref _slots, Math.Max(8, _slots.Length * 2));
        _slots[_slotCount++] = entry;
        return entry;
    }

    /// <summary>Removes an entry found by <see cref="TryGet"/>.</summary>
    public void Remove(DirectoryEntry entry)
    {
        _byName.Remove(entry.Name);
        int index = FirstSlotAtOrAfter(entry.Cookie);
        _slots[index] = new DirectoryEntry(string.Empty, entry.Cookie, Node: null!); // a tombstone keeps only its cookie
        _tombstones++;
        if (_tombstones >= MinTombstonesToCompact && _tombstones > _slotCount / 2) Compact();
    }

    /// <summary>
    /// Copies the entries whose cookie is greater than <paramref name="cookie"/>, in cookie
    /// order, until <paramref name="destination"/> is full. <paramref name="reachedEnd"/> tells
    /// whether no entry follows the last one copied. Any cookie is accepted: one of a removed
    /// entry resumes at the next entry still present.
    /// </summary>
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
    }
}
