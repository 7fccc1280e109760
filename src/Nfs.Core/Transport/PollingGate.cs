namespace Nfs.Core.Transport;

/// <summary>
/// Lets one connection of a listener at a time busy-poll its socket before sleeping: polling
/// holds the thread that would serve other connections' completions, so at most one window's
/// delay is ever added to them.
/// </summary>
internal sealed class PollingGate
{
    private int _taken;

    /// <summary>True when no other connection is polling; then call <see cref="Exit"/>.</summary>
    public bool TryEnter() => Interlocked.CompareExchange(ref _taken, 1, 0) == 0;

    /// <summary>Ends this connection's poll.</summary>
    public void Exit() => Volatile.Write(ref _taken, 0);
}
