using System.Diagnostics;

namespace Nfs.Core.Transport;

/// <summary>
/// A busy-wait window that adapts to how soon work arrives, the way KVM polls before halting an
/// idle vCPU: a thread about to sleep spins for the window first, since waking a sleeping thread
/// (an inter-processor interrupt, on a virtual machine a trip through the hypervisor) costs more
/// than serving a small request. The window grows, doubling from an eighth of the maximum, while
/// waits end soon after it, and halves (to zero below that eighth) after a wait that lasted much
/// longer, so a thread whose work comes slowly soon stops spinning.
/// </summary>
/// <remarks>Not thread-safe: one thread spins at a time (the callers gate it).</remarks>
internal sealed class AdaptiveSpinWait
{
    private readonly long _maxTicks;
    private readonly long _startTicks;
    private long _windowTicks;

    /// <summary>Spins for at most <paramref name="maxMicroseconds"/> (0: never).</summary>
    public AdaptiveSpinWait(int maxMicroseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxMicroseconds);
        _maxTicks = maxMicroseconds * Stopwatch.Frequency / 1_000_000;
        _startTicks = Math.Max(1, _maxTicks / 8);
    }

    /// <summary>The current window in stopwatch ticks (0: not spinning).</summary>
    public long WindowTicks => _windowTicks;

    /// <summary>
    /// Spins until <paramref name="ready"/> answers true or the window passes, counting from
    /// <paramref name="started"/> (a <see cref="Stopwatch.GetTimestamp"/> taken when the wait began).
    /// True when ready; then the wait is over and needs no <see cref="Woke"/>.
    /// </summary>
    public bool Spin<TState>(long started, Func<TState, bool> ready, TState state)
    {
        long window = _windowTicks;
        if (window == 0) return false;
        long until = started + window;
        do
        {
            if (ready(state)) return true;
        }
        while (Stopwatch.GetTimestamp() < until);
        return false;
    }

    /// <summary>
    /// Called when work arrived after a wait that began at <paramref name="started"/> and that
    /// <see cref="Spin"/> did not end. The wait includes the thread's own wake-up, hence the
    /// slack of twice the maximum before the window shrinks.
    /// </summary>
    public void Woke(long started)
    {
        long waited = Stopwatch.GetTimestamp() - started;
        long window = _windowTicks;
        if (waited <= 2 * _maxTicks) _windowTicks = Math.Min(_maxTicks, Math.Max(_startTicks, window * 2));
        else _windowTicks = window / 2 < _startTicks ? 0 : window / 2;
    }
}
