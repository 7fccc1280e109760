using Nfs.Core.State;

namespace Nfs.Core.Tests.Units;

/// <summary>POSIX byte-range lock bookkeeping of one file.</summary>
public sealed class ByteRangeLockListTests
{
    private static readonly NfsClient Client = new(1, [1], 1, new ClientPrincipal(1, 0, 0), 0);
    private readonly LockOwner _a = new(Client, "a"u8.ToArray());
    private readonly LockOwner _b = new(Client, "b"u8.ToArray());
    private readonly ByteRangeLockList _list = new();

    private (bool Exclusive, ulong Start, ulong End)[] LocksOf(LockOwner owner) =>
        _list.Locks.Where(l => l.Owner == owner).Select(l => (l.Exclusive, l.Start, l.End)).OrderBy(l => l.Start).ToArray();

    [Test]
    public void Adjacent_locks_of_the_same_kind_merge()
    {
        _list.Add(_a, true, 0, 9);
        _list.Add(_a, true, 10, 19);
        Assert.That(LocksOf(_a), Is.EqualTo(new[] { (true, 0UL, 19UL) }));
    }

    [Test]
    public void Lock_filling_a_gap_merges_both_neighbours()
    {
        _list.Add(_a, false, 0, 9);
        _list.Add(_a, false, 20, 29);
        _list.Add(_a, false, 10, 19);
        Assert.That(LocksOf(_a), Is.EqualTo(new[] { (false, 0UL, 29UL) }));
    }

    [Test]
    public void Adjacent_locks_of_different_kinds_stay_apart()
    {
        _list.Add(_a, true, 0, 9);
        _list.Add(_a, false, 10, 19);
        Assert.That(LocksOf(_a), Is.EqualTo(new[] { (true, 0UL, 9UL), (false, 10UL, 19UL) }));
    }

    [Test]
    public void Adjacent_locks_of_different_owners_stay_apart()
    {
        _list.Add(_a, false, 0, 9);
        _list.Add(_b, false, 10, 19);
        Assert.That(LocksOf(_a), Has.Length.EqualTo(1));
        Assert.That(LocksOf(_b), Has.Length.EqualTo(1));
    }

    [Test]
    public void Upgrading_the_middle_of_a_read_lock_splits_it()
    {
        _list.Add(_a, false, 0, 99);
        _list.Add(_a, true, 40, 59);
        Assert.That(LocksOf(_a), Is.EqualTo(new[] { (false, 0UL, 39UL), (true, 40UL, 59UL), (false, 60UL, 99UL) }));
    }

    [Test]
    public void Downgrading_a_whole_lock_replaces_it()
    {
        _list.Add(_a, true, 0, 99);
        _list.Add(_a, false, 0, 99);
        Assert.That(LocksOf(_a), Is.EqualTo(new[] { (false, 0UL, 99UL) }));
    }

    [Test]
    public void Removing_the_middle_splits_a_lock()
    {
        _list.Add(_a, true, 0, 99);
        _list.Remove(_a, 40, 59);
        Assert.That(LocksOf(_a), Is.EqualTo(new[] { (true, 0UL, 39UL), (true, 60UL, 99UL) }));
    }

    [Test]
    public void Removing_an_overlapping_range_trims_the_ends()
    {
        _list.Add(_a, true, 10, 19);
        _list.Add(_a, true, 30, 39);
        _list.Remove(_a, 15, 34);
        Assert.That(LocksOf(_a), Is.EqualTo(new[] { (true, 10UL, 14UL), (true, 35UL, 39UL) }));
    }

    [Test]
    public void Removing_leaves_other_owners_alone()
    {
        _list.Add(_a, false, 0, 9);
        _list.Add(_b, false, 0, 9);
        _list.Remove(_a, 0, 9);
        Assert.That(LocksOf(_a), Is.Empty);
        Assert.That(LocksOf(_b), Has.Length.EqualTo(1));
        Assert.That(_list.HasLocks(_a), Is.False);
        Assert.That(_list.HasLocks(_b), Is.True);
    }

    [TestCase(false, false, false)]
    [TestCase(false, true, true)]
    [TestCase(true, false, true)]
    [TestCase(true, true, true)]
    public void Overlapping_locks_of_other_owners_conflict_unless_both_are_shared(bool held, bool wanted, bool conflict)
    {
        _list.Add(_a, held, 10, 19);
        var found = _list.FindConflict(o => o == _b, wanted, 15, 25);
        Assert.That(found.HasValue, Is.EqualTo(conflict));
        if (conflict) Assert.That(found!.Value.Owner, Is.SameAs(_a));
    }

    [TestCase(20UL, 29UL, false)]
    [TestCase(0UL, 9UL, false)]
    [TestCase(19UL, 19UL, true)]
    [TestCase(0UL, 10UL, true)]
    [TestCase(0UL, ulong.MaxValue, true)]
    public void Ranges_are_inclusive(ulong start, ulong end, bool conflict)
    {
        _list.Add(_a, true, 10, 19);
        Assert.That(_list.FindConflict(o => o == _b, true, start, end).HasValue, Is.EqualTo(conflict));
    }

    [Test]
    public void Own_locks_never_conflict()
    {
        _list.Add(_a, true, 0, 99);
        Assert.That(_list.FindConflict(o => o == _a, true, 0, 99), Is.Null);
    }

    [Test]
    public void Lock_to_the_end_of_the_range_works_at_the_top_offset()
    {
        _list.Add(_a, true, 100, ulong.MaxValue);
        _list.Add(_a, true, 50, 99);
        Assert.That(LocksOf(_a), Is.EqualTo(new[] { (true, 50UL, ulong.MaxValue) }));
        Assert.That(_list.FindConflict(o => o == _b, false, ulong.MaxValue, ulong.MaxValue).HasValue, Is.True);
        _list.Remove(_a, ulong.MaxValue, ulong.MaxValue);
        Assert.That(LocksOf(_a), Is.EqualTo(new[] { (true, 50UL, ulong.MaxValue - 1) }));
    }

    [Test]
    public void RemoveAll_releases_every_lock_of_an_owner()
    {
        _list.Add(_a, true, 0, 9);
        _list.Add(_a, false, 20, 29);
        _list.Add(_b, false, 40, 49);
        _list.RemoveAll(_a);
        Assert.That(LocksOf(_a), Is.Empty);
        Assert.That(_list.IsEmpty, Is.False);
        _list.RemoveAll(_b);
        Assert.That(_list.IsEmpty, Is.True);
    }
}
