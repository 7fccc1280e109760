using System.Collections.Concurrent;
using Nfs.Core.Fsal.Support;

namespace Fsal.Posix.Objects;

/// <summary>
/// Values derived from the filesystem (attributes, directory listings), kept for a while by
/// object key and dropped as soon as this server changes the object. Changes by other
/// processes show up when the value expires (or when the caller's own validation fails).
/// </summary>
/// <remarks>
/// Race with a change made while a value is being read from the kernel: the reader takes a
/// <see cref="Version"/> before reading and <see cref="Put"/> keeps the value only if no
/// invalidation happened since, checked again after inserting (an invalidation increments the
/// version before it removes, so one of the two always sees the other).
/// </remarks>
internal sealed class InvalidatingCache<TValue>
{
    private readonly ConcurrentDictionary<byte[], Entry> _entries = new(KeyBytesComparer.Instance);
    private readonly ConcurrentDictionary<byte[], Entry>.AlternateLookup<ReadOnlySpan<byte>> _bySpan;
    private readonly long _lifetimeMs;
    private readonly int _capacity;
    private long _version;
    private long _weight;
    private int _trimming;

    /// <param name="lifetime">How long a value stays; zero or less turns the cache off.</param>
    /// <param name="capacity">Most weight kept: values count one each, or what <see cref="Put"/> says.</param>
    public InvalidatingCache(TimeSpan lifetime, int capacity)
    {
        _lifetimeMs = (long)lifetime.TotalMilliseconds;
        _capacity = capacity;
        _bySpan = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>How long a value stays, in milliseconds.</summary>
    public long LifetimeMs => _lifetimeMs;

    /// <summary>False when the cache keeps nothing.</summary>
    public bool Enabled => _lifetimeMs > 0;

    /// <summary>Values kept (expired ones included until a trim).</summary>
    public int Count => _entries.Count;

    /// <summary>Take before reading a value from the kernel; pass to <see cref="Put"/>.</summary>
    public long Version => Volatile.Read(ref _version);

    /// <summary>The value for <paramref name="key"/>, when one is kept and has not expired.</summary>
    public bool TryGet(ReadOnlySpan<byte> key, out TValue value)
    {
        if (_bySpan.TryGetValue(key, out var entry) && Environment.TickCount64 < entry.ExpiresMs)
        {
            value = entry.Value;
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>
    /// Keeps <paramref name="value"/>, read after <paramref name="version"/> was taken, unless
    /// the key was invalidated meanwhile. <paramref name="weight"/> counts against the capacity.
    /// </summary>
    public void Put(ReadOnlySpan<byte> key, TValue value, long version, int weight = 1)
    {
        if (!Enabled || Version != version || weight > _capacity) return;
        if (Volatile.Read(ref _weight) + weight > _capacity && !Trim()) return;
        var entry = new Entry(value, Environment.TickCount64 + _lifetimeMs, weight);
        byte[] stored;
        if (_bySpan.TryRemove(key, out var existingKey, out var replaced))
        {
            stored = existingKey;
            Interlocked.Add(ref _weight, -replaced.Weight);
        }
        else
        {
            stored = key.ToArray();
        }
        if (!_entries.TryAdd(stored, entry)) return; // another thread put one meanwhile: keep that
        Interlocked.Add(ref _weight, weight);
        if (Version != version) Remove(stored, entry);
    }

    /// <summary>Drops the value for <paramref name="key"/>: this server changed the object.</summary>
    public void Invalidate(ReadOnlySpan<byte> key)
    {
        if (!Enabled) return;
        Interlocked.Increment(ref _version);
        if (_bySpan.TryRemove(key, out _, out var removed)) Interlocked.Add(ref _weight, -removed.Weight);
    }

    private void Remove(byte[] key, Entry entry)
    {
        if (_entries.TryRemove(new KeyValuePair<byte[], Entry>(key, entry))) Interlocked.Add(ref _weight, -entry.Weight);
    }

    /// <summary>Drops expired values; all of them when that frees nothing. False while another thread trims.</summary>
    private bool Trim()
    {
        if (Interlocked.Exchange(ref _trimming, 1) == 1) return false;
        try
        {
            long now = Environment.TickCount64;
            foreach (var (key, entry) in _entries)
                if (entry.ExpiresMs <= now) Remove(key, entry);
            if (Volatile.Read(ref _weight) * 4 > _capacity * 3L)
            {
                // Still three quarters full of live values: start afresh rather than trim on every put.
                foreach (var (key, entry) in _entries) Remove(key, entry);
            }
            return true;
        }
        finally
        {
            Volatile.Write(ref _trimming, 0);
        }
    }

    private sealed record Entry(TValue Value, long ExpiresMs, int Weight);
}
