using System.ComponentModel.DataAnnotations;

namespace Nfs.Core.Nfs4;

/// <summary>NFSv4 protocol settings.</summary>
public sealed class Nfs4Options
{
    /// <summary>Highest NFSv4 minor version served (0, 1 or 2).</summary>
    [Range(0, 2)]
    public int MaxMinorVersion { get; set; } = 2;

    /// <summary>Lease time in seconds (lease_time attribute): clients that do not renew within it lose their state.</summary>
    [Range(5, 3600)]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>
    /// Length in seconds of the grace period after a restart, during which only the clients on
    /// record may reclaim and nobody gets new opens or locks; null (the default) means one lease
    /// time. It is entered only when the recovery store holds clients (or NFSv3 hosts) of the
    /// previous instance, and ends early once every recorded NFSv4.1 client sent RECLAIM_COMPLETE.
    /// 0 gives up recovery: no grace period, so no client can reclaim.
    /// </summary>
    [Range(0, 3600)]
    public int? GraceSeconds { get; set; }

    /// <summary>Whether OPEN may grant delegations (to clients whose callback path works).</summary>
    public bool Delegations { get; set; } = true;

    /// <summary>Most operations accepted in one COMPOUND.</summary>
    [Range(2, 1024)]
    public int MaxOperationsPerCompound { get; set; } = 128;

    /// <summary>Largest READ (maxread attribute).</summary>
    [Range(4096, 4 * 1024 * 1024)]
    public int MaxReadSize { get; set; } = 1024 * 1024;

    /// <summary>Largest WRITE (maxwrite attribute).</summary>
    [Range(4096, 4 * 1024 * 1024)]
    public int MaxWriteSize { get; set; } = 1024 * 1024;

    /// <summary>Most NFSv4 clients with state at once; further SETCLIENTIDs get a resource error.</summary>
    [Range(1, 10_000_000)]
    public int MaxClients { get; set; } = 100_000;

    /// <summary>Most open and lock states per client.</summary>
    [Range(16, 10_000_000)]
    public int MaxStatesPerClient { get; set; } = 100_000;
}
