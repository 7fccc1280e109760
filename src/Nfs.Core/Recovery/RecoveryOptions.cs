namespace Nfs.Core.Recovery;

/// <summary>Where the server keeps what must survive a restart: its NFSv4 clients and NFSv3 lock holders.</summary>
public sealed class RecoveryOptions
{
    /// <summary>
    /// A directory of this server's own (not exported), holding the client records
    /// (<see cref="FileClientRecoveryStore"/>) and the NFSv3 hosts to notify
    /// (<see cref="Nlm.FileMonitoredHostStore"/>). Null keeps them in memory only: after a
    /// restart no client can reclaim, and no grace period is needed.
    /// </summary>
    public string? StateDirectory { get; set; }

    /// <summary>This gateway's name in client records (what a cluster-wide store tells nodes apart by).</summary>
    public string NodeId { get; set; } = Environment.MachineName;

    /// <summary>
    /// A store to use instead of the one <see cref="StateDirectory"/> selects (embedders with their
    /// own stable storage, tests). Not bound from configuration.
    /// </summary>
    public IClientRecoveryStore? Store { get; set; }

    /// <summary>An NFSv3 host store to use instead of the one <see cref="StateDirectory"/> selects. Not bound from configuration.</summary>
    public Nlm.IMonitoredHostStore? HostStore { get; set; }
}
