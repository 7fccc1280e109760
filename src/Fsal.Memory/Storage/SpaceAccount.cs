namespace Fsal.Memory.Storage;

/// <summary>
/// Counts allocated bytes and live objects against their limits. Lock-free, so writers to
/// different files never meet on a shared lock just to reserve space.
/// </summary>
internal sealed class SpaceAccount
{
    private long _usedBytes;
    private long _objects;

    public SpaceAccount(long maxBytes, long maxObjects)
    {
        MaxBytes = maxBytes;
        MaxObjects = maxObjects;
    }

    public long MaxBytes { get; }

    public long MaxObjects { get; }

    public long UsedBytes => Volatile.Read(ref _usedBytes);

    public long Objects => Volatile.Read(ref _objects);

    /// <summary>Reserves <paramref name="bytes"/>; false (and nothing reserved) when that would pass the limit.</summary>
    public bool TryReserveBytes(long bytes) => TryAdd(ref _usedBytes, bytes, MaxBytes);

    /// <summary>Returns bytes reserved earlier.</summary>
    public void ReleaseBytes(long bytes)
    {
        if (bytes != 0) Interlocked.Add(ref _usedBytes, -bytes);
    }

    /// <summary>Reserves one object; false when the object limit is reached.</summary>
    public bool TryReserveObject() => TryAdd(ref _objects, 1, MaxObjects);

    /// <summary>Returns an object reserved earlier.</summary>
    public void ReleaseObject() => Interlocked.Decrement(ref _objects);

    private static bool TryAdd(ref long counter, long amount, long limit)
    {
        if (amount == 0) return true;
        long current = Volatile.Read(ref counter);
        while (true)
        {
            if (amount > limit - current) return false;
            long seen = Interlocked.CompareExchange(ref counter, current + amount, current);
            if (seen == current) return true;
            current = seen;
        }
    }
}
