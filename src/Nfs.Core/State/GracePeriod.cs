using Nfs.Core.Cluster;
using Nfs.Core.Recovery;

namespace Nfs.Core.State;

/// <summary>
/// The grace period after a restart (RFC 7530 section 9.6.2, RFC 8881 section 8.4.2): while it
/// lasts, only the clients on record from the previous instance may reclaim their opens and
/// locks, and nobody gets new ones. It is entered only when there is someone to wait for (NFSv4
/// clients or NFSv3 lock holders on record), lasts a fixed time, and ends early once every
/// recorded client said RECLAIM_COMPLETE. NFSv4.0 clients and NFSv3 hosts have no way to say
/// they are done, so with any of them on record the grace period runs its full length (as in
/// NFS-Ganesha). On a cluster node the grace period also lasts as long as the cluster's
/// (<see cref="IClusterGrace"/>), and reclaims wait until every node enforces it.
/// </summary>
public sealed class GracePeriod
{
    private readonly object _lock = new();
    private readonly HashSet<string> _reclaimable = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly bool _runsFullLength;
    private readonly long _endsAt;
    private readonly IClusterGrace? _cluster;
    private bool _lifted;
    private int _endReported;

    /// <summary>No grace period: nothing was on record.</summary>
    public static GracePeriod None { get; } = new([], 0, TimeSpan.Zero);

    /// <summary>
    /// A grace period of <paramref name="length"/> from now for <paramref name="reclaimable"/>
    /// clients and <paramref name="monitoredHosts"/> NFSv3 hosts; none at all when both are empty
    /// (unless <paramref name="cluster"/> is in grace, which holds it too).
    /// </summary>
    public GracePeriod(IEnumerable<ClientRecord> reclaimable, int monitoredHosts, TimeSpan length, IClusterGrace? cluster = null)
    {
        _cluster = cluster;
        var records = new List<ClientRecord>();
        foreach (var r in reclaimable)
        {
            if (!_reclaimable.Add(r.Key)) continue;
            records.Add(r);
            if (r.MinorVersion == 0) _runsFullLength = true;
            else _pending.Add(r.Key);
        }
        if (monitoredHosts > 0) _runsFullLength = true;
        bool needed = _reclaimable.Count > 0 || monitoredHosts > 0;
        _endsAt = needed ? Environment.TickCount64 + (long)length.TotalMilliseconds : 0;
        if (!needed && cluster is null) _endReported = 1;
        ClientsOnRecord = _reclaimable.Count;
        HostsOnRecord = monitoredHosts;
        Reclaimable = records;
    }

    /// <summary>The clients that may reclaim.</summary>
    public IReadOnlyList<ClientRecord> Reclaimable { get; }

    /// <summary>Raised once when the grace period ends (timed out or lifted early); never when there was none.</summary>
    public event Action? Ended;

    /// <summary>NFSv4 clients that may reclaim.</summary>
    public int ClientsOnRecord { get; }

    /// <summary>NFSv3 hosts told to reclaim.</summary>
    public int HostsOnRecord { get; }

    /// <summary>True while only reclaims are accepted.</summary>
    public bool Active => !LocallyDone || (_cluster?.InGrace ?? false);

    /// <summary>
    /// True once this server's own reclaim window is over: its time ran out, or every client it
    /// waits for said RECLAIM_COMPLETE (a cluster node then stops holding the cluster in grace).
    /// </summary>
    public bool LocallyDone
    {
        get
        {
            if (Environment.TickCount64 >= _endsAt) return true;
            lock (_lock) return _lifted;
        }
    }

    /// <summary>False while a cluster grace period waits for some node to enforce it: reclaims are then answered "try again later".</summary>
    public bool ReclaimsAllowed => _cluster?.ReclaimsAllowed ?? true;

    /// <summary>Whether the client with this owner id was on record, so it may reclaim (while <see cref="Active"/>).</summary>
    public bool IsOnRecord(ReadOnlySpan<byte> ownerId)
    {
        if (_reclaimable.Count == 0) return false;
        lock (_lock) return _reclaimable.Contains(ClientRecord.KeyOf(ownerId));
    }

    /// <summary>A client finished reclaiming (RECLAIM_COMPLETE); the grace period is lifted when it was the last one awaited.</summary>
    public void ReclaimCompleted(ReadOnlySpan<byte> ownerId)
    {
        lock (_lock)
        {
            if (!_pending.Remove(ClientRecord.KeyOf(ownerId))) return;
            if (_pending.Count == 0 && !_runsFullLength) _lifted = true;
        }
        Poll();
    }

    /// <summary>Ends the reclaim window now, whoever has not finished (an operator's decision).</summary>
    public void Lift()
    {
        lock (_lock) _lifted = true;
        Poll();
    }

    /// <summary>Raises <see cref="Ended"/> if the grace period is over and that was not reported yet (called periodically).</summary>
    public void Poll()
    {
        if (Active || Volatile.Read(ref _endReported) != 0) return;
        if (Interlocked.Exchange(ref _endReported, 1) == 0) Ended?.Invoke();
    }
}
