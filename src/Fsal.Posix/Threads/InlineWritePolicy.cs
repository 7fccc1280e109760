using System.Diagnostics;

namespace Fsal.Posix.Threads;

/// <summary>
/// Decides whether a buffered write may run on the calling thread (a socket thread that serves
/// other connections too) where the filesystem cannot say itself: ext4 answers RWF_NOWAIT on
/// buffered writes with EOPNOTSUPP. A write into the page cache takes microseconds, while the
/// hand-over to a worker and back costs a thread wake-up, more than the write itself at one
/// request in flight. What can make such a write wait is the kernel throttling writers once
/// dirty memory passes the midpoint of its background and hard thresholds, so writes run inline
/// only while dirty and under-writeback pages stay below the background threshold (read from
/// /proc/vmstat at most every 50 ms); and not at all for a few seconds after an inline write
/// that had to wait anyway (a journal commit, a memory cgroup's own limit): one that took over a
/// millisecond and in which the thread gave up the processor by itself (a thread merely
/// preempted, as on a busy machine, does not count).
/// </summary>
internal sealed class InlineWritePolicy
{
    /// <summary>Larger writes always go to a worker: their copy alone outweighs the hand-over.</summary>
    public const int MaxInlineBytes = 64 * 1024;

    private static readonly long RefreshTicks = Stopwatch.Frequency / 20;
    private static readonly long SlowTicks = Stopwatch.Frequency / 1000;
    private static readonly long PauseTicks = Stopwatch.Frequency * 5;

    private readonly Func<string?> _readVmStat;
    private long _checkedAt;
    private long _pausedUntil = long.MinValue;
    private volatile bool _belowBackground;

    /// <summary>A policy reading the system's /proc/vmstat.</summary>
    public InlineWritePolicy() : this(ReadSystemVmStat)
    {
    }

    /// <summary>A policy reading vmstat text from <paramref name="readVmStat"/> (null: unknown, never inline).</summary>
    internal InlineWritePolicy(Func<string?> readVmStat) => _readVmStat = readVmStat;

    /// <summary>Whether a write of <paramref name="length"/> bytes may run on the calling thread now.</summary>
    public bool MayWriteInline(int length)
    {
        if (length > MaxInlineBytes) return false;
        long now = Stopwatch.GetTimestamp();
        if (now < Volatile.Read(ref _pausedUntil)) return false;
        long checkedAt = Volatile.Read(ref _checkedAt);
        if ((checkedAt == 0 || now - checkedAt > RefreshTicks) && Interlocked.CompareExchange(ref _checkedAt, now, checkedAt) == checkedAt)
        {
            _belowBackground = BelowBackgroundThreshold(_readVmStat());
        }
        return _belowBackground;
    }

    /// <summary>What <see cref="Completed"/> compares against: the time and the thread's voluntary context switches.</summary>
    public readonly record struct Start(long Timestamp, long VoluntarySwitches);

    /// <summary>Call right before an inline write.</summary>
    public Start Begin() => new(Stopwatch.GetTimestamp(), VoluntarySwitches());

    /// <summary>Reports an inline write; one that waited stops inline writes for a while.</summary>
    public void Completed(Start start)
    {
        long now = Stopwatch.GetTimestamp();
        if (now - start.Timestamp > SlowTicks && VoluntarySwitches() != start.VoluntarySwitches) Pause(now);
    }

    /// <summary>Stops inline writes for the pause from <paramref name="now"/> on.</summary>
    internal void Pause(long now) => Volatile.Write(ref _pausedUntil, now + PauseTicks);

    private static unsafe long VoluntarySwitches()
    {
        long* usage = stackalloc long[18];
        return Native.LibC.getrusage(Native.LibC.RUSAGE_THREAD, usage) == 0 ? usage[16] : -1;
    }

    /// <summary>
    /// True when vmstat text shows dirty plus writeback pages below the background writeback
    /// threshold; false when it does not, or lacks any of the three figures.
    /// </summary>
    internal static bool BelowBackgroundThreshold(string? vmstat)
    {
        if (vmstat is null) return false;
        long dirty = -1, writeback = -1, background = -1;
        foreach (var line in vmstat.AsSpan().EnumerateLines())
        {
            int space = line.IndexOf(' ');
            if (space <= 0 || !long.TryParse(line[(space + 1)..], out long value)) continue;
            switch (line[..space])
            {
                case "nr_dirty": dirty = value; break;
                case "nr_writeback": writeback = value; break;
                case "nr_dirty_background_threshold": background = value; break;
            }
        }
        return dirty >= 0 && writeback >= 0 && background > 0 && dirty + writeback < background;
    }

    private static string? ReadSystemVmStat()
    {
        try
        {
            return File.ReadAllText("/proc/vmstat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
