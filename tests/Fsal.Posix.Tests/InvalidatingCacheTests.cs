using Fsal.Posix.Objects;
using NUnit.Framework;

namespace Fsal.Posix.Tests;

public sealed class InvalidatingCacheTests
{
    private static readonly byte[] A = [1, 2, 3], B = [4, 5];

    [Test]
    public void A_value_read_before_an_invalidation_is_not_kept()
    {
        var cache = new InvalidatingCache<string>(TimeSpan.FromMinutes(1), 10);
        long version = cache.Version;
        cache.Invalidate(B); // a change anywhere while A was being read
        cache.Put(A, "old", version);
        Assert.That(cache.TryGet(A, out _), Is.False);
        cache.Put(A, "new", cache.Version);
        Assert.That(cache.TryGet(A, out var value) ? value : null, Is.EqualTo("new"));
        cache.Invalidate(A);
        Assert.That(cache.TryGet(A, out _), Is.False);
    }

    [Test]
    public void Values_expire()
    {
        var cache = new InvalidatingCache<string>(TimeSpan.FromMilliseconds(50), 10);
        cache.Put(A, "a", cache.Version);
        Assert.That(cache.TryGet(A, out _), Is.True);
        Thread.Sleep(120);
        Assert.That(cache.TryGet(A, out _), Is.False);
    }

    [Test]
    public void Weight_stays_within_the_capacity()
    {
        var cache = new InvalidatingCache<string>(TimeSpan.FromMinutes(1), 100);
        cache.Put(A, "heavy", cache.Version, weight: 101);
        Assert.That(cache.TryGet(A, out _), Is.False, "heavier than the whole cache");
        for (int i = 0; i < 500; i++) cache.Put(BitConverter.GetBytes(i), "v", cache.Version, weight: 10);
        Assert.That(cache.Count, Is.LessThanOrEqualTo(10));
        Assert.That(cache.TryGet(BitConverter.GetBytes(499), out _), Is.True, "the newest value is kept");
    }

    [Test]
    public void A_lifetime_of_zero_keeps_nothing()
    {
        var cache = new InvalidatingCache<string>(TimeSpan.Zero, 10);
        cache.Put(A, "a", cache.Version);
        Assert.That(cache.Enabled, Is.False);
        Assert.That(cache.TryGet(A, out _), Is.False);
    }
}
