using System.Diagnostics;
using Nfs.Core.Transport;
using NUnit.Framework;

namespace Nfs.Core.Tests.Units;

/// <summary>The adaptive spin window: grows while work comes soon, shrinks to nothing when it does not.</summary>
[TestFixture]
public sealed class AdaptiveSpinWaitTests
{
    private static readonly long Max = 100 * Stopwatch.Frequency / 1_000_000;

    [Test]
    public void Starts_without_spinning_and_spins_nothing_until_work_came_soon()
    {
        var spin = new AdaptiveSpinWait(100);
        Assert.That(spin.WindowTicks, Is.Zero);
        int asked = 0;
        Assert.That(spin.Spin(Stopwatch.GetTimestamp(), _ => { asked++; return true; }, 0), Is.False, "a zero window does not even look");
        Assert.That(asked, Is.Zero);
    }

    [Test]
    public void Short_waits_double_the_window_up_to_the_maximum()
    {
        var spin = new AdaptiveSpinWait(100);
        var windows = new List<long>();
        for (int i = 0; i < 6; i++)
        {
            spin.Woke(Stopwatch.GetTimestamp());
            windows.Add(spin.WindowTicks);
        }
        Assert.That(windows[0], Is.EqualTo(Math.Max(1, Max / 8)));
        Assert.That(windows[1], Is.EqualTo(2 * windows[0]));
        Assert.That(windows[^1], Is.EqualTo(Max), "capped at the maximum");
        Assert.That(windows, Is.Ordered);
    }

    [Test]
    public void A_long_wait_halves_the_window_and_below_an_eighth_it_stops()
    {
        var spin = new AdaptiveSpinWait(100);
        for (int i = 0; i < 6; i++) spin.Woke(Stopwatch.GetTimestamp());
        long longAgo = Stopwatch.GetTimestamp() - 10 * Max;
        spin.Woke(longAgo);
        Assert.That(spin.WindowTicks, Is.EqualTo(Max / 2));
        spin.Woke(longAgo);
        spin.Woke(longAgo);
        Assert.That(spin.WindowTicks, Is.EqualTo(Max / 8));
        spin.Woke(longAgo);
        Assert.That(spin.WindowTicks, Is.Zero);
    }

    [Test]
    public void Spin_returns_as_soon_as_ready_and_gives_up_after_the_window()
    {
        var spin = new AdaptiveSpinWait(1000);
        for (int i = 0; i < 6; i++) spin.Woke(Stopwatch.GetTimestamp());
        int calls = 0;
        Assert.That(spin.Spin(Stopwatch.GetTimestamp(), _ => ++calls == 3, 0), Is.True);
        Assert.That(calls, Is.EqualTo(3));
        long started = Stopwatch.GetTimestamp();
        Assert.That(spin.Spin(started, _ => false, 0), Is.False);
        Assert.That(Stopwatch.GetTimestamp() - started, Is.GreaterThanOrEqualTo(spin.WindowTicks), "spun the whole window");
    }

    [Test]
    public void Zero_maximum_never_spins()
    {
        var spin = new AdaptiveSpinWait(0);
        spin.Woke(Stopwatch.GetTimestamp());
        Assert.That(spin.WindowTicks, Is.Zero);
    }
}
