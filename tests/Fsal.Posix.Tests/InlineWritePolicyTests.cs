using System.Diagnostics;
using Fsal.Posix.Threads;
using NUnit.Framework;

namespace Fsal.Posix.Tests;

/// <summary>When a buffered write may run on the calling thread: below the background writeback threshold, small, and not right after one that waited.</summary>
[TestFixture]
public sealed class InlineWritePolicyTests
{
    private static string VmStat(long dirty, long writeback, long background) =>
        $"nr_free_pages 1000\nnr_dirty {dirty}\nnr_writeback {writeback}\nnr_dirty_threshold {2 * background}\nnr_dirty_background_threshold {background}\n";

    [Test]
    public void Below_the_background_threshold_only()
    {
        Assert.That(InlineWritePolicy.BelowBackgroundThreshold(VmStat(10, 5, 100)), Is.True);
        Assert.That(InlineWritePolicy.BelowBackgroundThreshold(VmStat(90, 10, 100)), Is.False, "dirty plus writeback reach it");
        Assert.That(InlineWritePolicy.BelowBackgroundThreshold(VmStat(200, 0, 100)), Is.False);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("nr_dirty 1\nnr_writeback 1\n")]
    [TestCase("nr_dirty x\nnr_writeback 1\nnr_dirty_background_threshold 100\n")]
    [TestCase("nr_dirty 1\nnr_writeback 1\nnr_dirty_background_threshold 0\n")]
    public void Unknown_or_damaged_figures_mean_no(string? vmstat) =>
        Assert.That(InlineWritePolicy.BelowBackgroundThreshold(vmstat), Is.False);

    [Test]
    public void The_system_figures_parse()
    {
        // Whatever the machine's state, the real file has all three figures.
        var text = File.ReadAllText("/proc/vmstat");
        Assert.That(text, Does.Contain("nr_dirty_background_threshold "));
        var policy = new InlineWritePolicy();
        Assert.That(policy.MayWriteInline(4096), Is.EqualTo(InlineWritePolicy.BelowBackgroundThreshold(File.ReadAllText("/proc/vmstat"))));
    }

    [Test]
    public void Large_writes_and_writes_after_a_wait_go_to_a_worker()
    {
        var policy = new InlineWritePolicy(() => VmStat(0, 0, 100));
        Assert.That(policy.MayWriteInline(4096), Is.True);
        Assert.That(policy.MayWriteInline(InlineWritePolicy.MaxInlineBytes + 1), Is.False);
        policy.Pause(Stopwatch.GetTimestamp());
        Assert.That(policy.MayWriteInline(4096), Is.False, "paused after a write that waited");
        var quick = policy.Begin();
        policy.Completed(quick);
        Assert.That(policy.MayWriteInline(4096), Is.False, "a quick write does not end the pause");
    }

    [Test]
    public void A_slow_write_that_slept_pauses_and_a_merely_slow_one_does_not()
    {
        var policy = new InlineWritePolicy(() => VmStat(0, 0, 100));
        var busy = policy.Begin();
        var spin = Stopwatch.StartNew();
        while (spin.ElapsedMilliseconds < 3) { }
        policy.Completed(busy);
        // A thread that spins for 3 ms may be preempted but never sleeps by itself.
        Assert.That(policy.MayWriteInline(4096), Is.True, "slow without sleeping (preempted at most)");
        var sleeper = policy.Begin();
        Thread.Sleep(3);
        policy.Completed(sleeper);
        Assert.That(policy.MayWriteInline(4096), Is.False, "slow because it slept");
    }

    [Test]
    public void The_dirty_figures_are_read_again_after_a_while()
    {
        long dirty = 0;
        var policy = new InlineWritePolicy(() => VmStat(Interlocked.Read(ref dirty), 0, 100));
        Assert.That(policy.MayWriteInline(4096), Is.True);
        Interlocked.Exchange(ref dirty, 500);
        Thread.Sleep(120);
        Assert.That(policy.MayWriteInline(4096), Is.False);
    }
}
