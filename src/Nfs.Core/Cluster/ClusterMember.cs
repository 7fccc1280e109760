namespace Nfs.Core.Cluster;

/// <summary>What one gateway node has said about itself in the <see cref="GraceDatabase"/>.</summary>
public sealed class ClusterMember
{
    /// <summary>A member that joined as <paramref name="nodeId"/>.</summary>
    public ClusterMember(string nodeId) => NodeId = nodeId;

    /// <summary>The node's name (<see cref="Recovery.RecoveryOptions.NodeId"/>).</summary>
    public string NodeId { get; }

    /// <summary>Serving (true), or dead and taken over or stopped (false).</summary>
    public bool Up { get; set; }

    /// <summary>
    /// NEED: the node has clients reclaiming (after its own restart, or a dead peer's it took
    /// over), so the cluster stays in grace. Cleared when its local reclaim window is over.
    /// </summary>
    public bool Need { get; set; }

    /// <summary>
    /// ENFORCING: the node has seen the cluster grace period and grants no new state. Reclaims
    /// are allowed anywhere only once every serving node enforces, so nobody hands out state
    /// that conflicts with what is being reclaimed.
    /// </summary>
    public bool Enforcing { get; set; }

    /// <summary>The epoch whose record log holds the node's current clients.</summary>
    public ulong RecordEpoch { get; set; }

    /// <summary>The survivor that took this node's address and clients, while it is down.</summary>
    public string? TakenOverBy { get; set; }

    /// <summary>An administrator asked that this node stop and be taken over.</summary>
    public bool TakeoverRequested { get; set; }

    /// <summary>The NFS end points (address:port) the node serves clients on: what a survivor takes over.</summary>
    public List<string> EndPoints { get; set; } = [];

    /// <summary>A copy.</summary>
    public ClusterMember Clone() => new(NodeId)
    {
        Up = Up, Need = Need, Enforcing = Enforcing, RecordEpoch = RecordEpoch, TakenOverBy = TakenOverBy,
        TakeoverRequested = TakeoverRequested, EndPoints = [.. EndPoints],
    };

    /// <inheritdoc/>
    public override string ToString() =>
        $"{NodeId} {(Up ? "up" : "down")}{(Need ? " need" : "")}{(Enforcing ? " enforcing" : "")} records@{RecordEpoch}" +
        (TakenOverBy is null ? "" : $" taken-over-by={TakenOverBy}") + (TakeoverRequested ? " takeover-requested" : "") +
        $" [{string.Join(", ", EndPoints)}]";
}
