namespace Nfs.Core.State;

/// <summary>A byte-range lock held by an NFSv4 lock-owner or an NLM lock owner: inclusive range [Start, End].</summary>
internal readonly record struct ByteRangeLock(ILockHolder Owner, bool Exclusive, ulong Start, ulong End)
{
    public bool Overlaps(ulong start, ulong end) => Start <= end && start <= End;
}

/// <summary>
/// The byte-range locks on one file with POSIX semantics: a lock-owner's locks never conflict
/// with each other; a new lock replaces the owner's overlapping ranges (upgrade, downgrade,
/// split), and adjacent ranges of the same kind merge. Not thread-safe: guarded by the
/// state lock.
/// </summary>
internal sealed class ByteRangeLockList
{
    private readonly List<ByteRangeLock> _locks = [];

    public bool IsEmpty => _locks.Count == 0;

    public IReadOnlyList<ByteRangeLock> Locks => _locks;

    /// <summary>The first lock of another owner that conflicts with the request, if any.</summary>
    public ByteRangeLock? FindConflict(Func<ILockHolder, bool> isSameOwner, bool exclusive, ulong start, ulong end)
    {
        foreach (var l in _locks)
        {
            if (!l.Overlaps(start, end) || isSameOwner(l.Owner)) continue;
            if (exclusive || l.Exclusive) return l;
        }
        return null;
    }

    /// <summary>Sets a lock for <paramref name="owner"/>, replacing what it held in the range.</summary>
    public void Add(ILockHolder owner, bool exclusive, ulong start, ulong end)
    {
        Remove(owner, start, end);
        // Merge with the owner's adjacent or overlapping locks of the same kind.
        for (int i = _locks.Count - 1; i >= 0; i--)
        {
            var l = _locks[i];
            if (l.Owner != owner || l.Exclusive != exclusive) continue;
            bool touches = (l.End != ulong.MaxValue && l.End + 1 == start) || (end != ulong.MaxValue && end + 1 == l.Start);
            if (!touches) continue;
            start = Math.Min(start, l.Start);
            end = Math.Max(end, l.End);
            _locks.RemoveAt(i);
        }
        _locks.Add(new ByteRangeLock(owner, exclusive, start, end));
    }

    /// <summary>Releases <paramref name="owner"/>'s locks in the range, splitting ranges that extend beyond it.</summary>
    public void Remove(ILockHolder owner, ulong start, ulong end)
    {
        for (int i = _locks.Count - 1; i >= 0; i--)
        {
            var l = _locks[i];
            if (l.Owner != owner || !l.Overlaps(start, end)) continue;
            _locks.RemoveAt(i);
            if (l.Start < start) _locks.Add(l with { End = start - 1 });
            if (l.End > end) _locks.Add(l with { Start = end + 1 });
        }
    }

    /// <summary>Releases every lock of <paramref name="owner"/>.</summary>
    public void RemoveAll(ILockHolder owner) => _locks.RemoveAll(l => l.Owner == owner);

    /// <summary>True when <paramref name="owner"/> holds any lock here.</summary>
    public bool HasLocks(ILockHolder owner)
    {
        foreach (var l in _locks) if (l.Owner == owner) return true;
        return false;
    }
}
