using System.Collections.Concurrent;

namespace Nfs.Core.Fsal.Support;

/// <summary>An object a <see cref="KeyedObjectCache{T}"/> holds.</summary>
public interface ICachedObject
{
    /// <summary>The backend key the object is found by (never changed once cached).</summary>
    byte[] Key { get; }

    /// <summary><see cref="Environment.TickCount64"/> of the last use; the least recently used go first.</summary>
    long LastUsed { get; }

    /// <summary>The cache dropped the object: release what it holds once nobody uses it.</summary>
    void Evicted();
}

/// <summary>
/// A backend's objects by key, bounded in count, so that each key maps to one object (and one
/// native resource: a descriptor, a gfapi object) at a time. Lookups by a key span allocate
/// nothing. When the bound is passed, the least recently used eighth goes.
/// </summary>
public sealed class KeyedObjectCache<T> where T : class, ICachedObject
{
    private readonly ConcurrentDictionary<byte[], T> _objects = new(KeyBytesComparer.Instance);
    private readonly ConcurrentDictionary<byte[], T>.AlternateLookup<ReadOnlySpan<byte>> _bySpan;
    private readonly Func<byte[], T> _create;
    private readonly int _capacity;
    private int _trimming;

    /// <summary>A cache of at most about <paramref name="capacity"/> objects made by <paramref name="create"/>.</summary>
    public KeyedObjectCache(int capacity, Func<byte[], T> create)
    {
        _capacity = capacity;
        _create = create;
        _bySpan = _objects.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>Objects held.</summary>
    public int Count => _objects.Count;

    /// <summary>The object for a key, made on first use.</summary>
    public T Get(ReadOnlySpan<byte> key)
    {
        if (_bySpan.TryGetValue(key, out var obj)) return obj;
        var created = _create(key.ToArray());
        obj = _objects.GetOrAdd(created.Key, created);
        if (ReferenceEquals(obj, created)) TrimIfNeeded();
        else created.Evicted();
        return obj;
    }

    /// <summary>The object for a key if it is cached.</summary>
    public T? Find(ReadOnlySpan<byte> key) => _bySpan.TryGetValue(key, out var obj) ? obj : null;

    /// <summary>Forgets an object (its key went stale).</summary>
    public void Remove(T obj)
    {
        if (_objects.TryRemove(new KeyValuePair<byte[], T>(obj.Key, obj))) obj.Evicted();
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
}
