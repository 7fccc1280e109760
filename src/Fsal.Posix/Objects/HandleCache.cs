using System.Collections.Concurrent;

namespace Fsal.Posix.Objects;

/// <summary>
/// The objects of an export by key, bounded in count: each holds an open O_PATH descriptor,
/// so the bound is also the bound on descriptors the backend keeps for lookups. Lookups by a
/// key span allocate nothing. When the bound is passed, the least recently used eighth goes.
/// </summary>
internal sealed class HandleCache
{
    private readonly ConcurrentDictionary<byte[], PosixObject> _objects = new(KeyComparer.Instance);
    private readonly ConcurrentDictionary<byte[], PosixObject>.AlternateLookup<ReadOnlySpan<byte>> _bySpan;
    private readonly int _capacity;
    private int _trimming;

    public HandleCache(int capacity)
    {
        _capacity = capacity;
        _bySpan = _objects.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public int Count => _objects.Count;

    /// <summary>The object for a key, made on first use.</summary>
    public PosixObject Get(ReadOnlySpan<byte> key)
    {
        if (_bySpan.TryGetValue(key, out var obj)) return obj;
        var created = new PosixObject(key.ToArray());
        obj = _objects.GetOrAdd(created.Key, created);
        if (ReferenceEquals(obj, created)) TrimIfNeeded();
        return obj;
    }

    /// <summary>Forgets an object (its key went stale).</summary>
    public void Remove(PosixObject obj)
    {
        if (_objects.TryRemove(new KeyValuePair<byte[], PosixObject>(obj.Key, obj))) obj.Uncache();
    }

    private void TrimIfNeeded()
    {
        if (_objects.Count <= _capacity || Interlocked.Exchange(ref _trimming, 1) == 1) return;
        try
        {
            var all = _objects.Values.ToArray();
            Array.Sort(all, static (a, b) => a.LastUsed.CompareTo(b.LastUsed));
            int drop = Math.Max(1, all.Length / 8);
            for (int i = 0; i < drop; i++) Remove(all[i]);
        }
        finally
        {
            Volatile.Write(ref _trimming, 0);
        }
    }

    private sealed class KeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x is not null && y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var h = new HashCode();
            h.AddBytes(alternate);
            return h.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
