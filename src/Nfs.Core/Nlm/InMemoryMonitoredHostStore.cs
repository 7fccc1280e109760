using System.Collections.Concurrent;

namespace Nfs.Core.Nlm;

/// <summary>
/// Monitored hosts in memory: lost at restart, so nobody is notified after one until a durable
/// store replaces this. The state number comes from the clock (odd seconds since 1970), so it
/// still grows from one run to the next without storage.
/// </summary>
public sealed class InMemoryMonitoredHostStore : IMonitoredHostStore
{
    private readonly ConcurrentDictionary<string, MonitoredHost> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _state = (int)(DateTimeOffset.UtcNow.ToUnixTimeSeconds() & 0x7FFF_FFFF) | 1;

    /// <inheritdoc/>
    public ValueTask AddAsync(MonitoredHost host)
    {
        _hosts[host.Name] = host;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask RemoveAsync(string name)
    {
        _hosts.TryRemove(name, out _);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<MonitoredHost>> GetAllAsync() => new([.. _hosts.Values]);

    /// <inheritdoc/>
    public ValueTask<int> GetServerStateAsync() => new(_state);
}
