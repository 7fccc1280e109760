using System.Net;

namespace Nfs.Core.Nlm;

/// <summary>A client host holding NLM locks, as kept for notification after a server restart.</summary>
public sealed record MonitoredHost(string Name, IPAddress Address);

/// <summary>
/// The NFSv3 client hosts that hold locks, and this server's NSM state number: what a restarted
/// server needs to tell its clients to reclaim (SM_NOTIFY). Durable implementations keep both
/// across restarts; <see cref="InMemoryMonitoredHostStore"/> does not.
/// </summary>
public interface IMonitoredHostStore
{
    /// <summary>Records (or updates the address of) a host that holds locks or shares.</summary>
    ValueTask AddAsync(MonitoredHost host);

    /// <summary>Forgets a host (its locks were released, or it was notified).</summary>
    ValueTask RemoveAsync(string name);

    /// <summary>The hosts recorded, including those of earlier runs when the store is durable.</summary>
    ValueTask<IReadOnlyList<MonitoredHost>> GetAllAsync();

    /// <summary>
    /// The NSM state number of this run: odd, and greater than any earlier run's (a client's
    /// status monitor ignores notifications whose state it has seen).
    /// </summary>
    ValueTask<int> GetServerStateAsync();
}
