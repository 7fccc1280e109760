namespace Nfs.Core.Cluster;

/// <summary>What a node's local grace period needs to know of the cluster's (see <see cref="State.GracePeriod"/>).</summary>
public interface IClusterGrace
{
    /// <summary>True while the cluster is in grace: this node then grants no new state either.</summary>
    bool InGrace { get; }

    /// <summary>True once every serving node enforces the grace period, so a reclaim cannot meet state granted meanwhile.</summary>
    bool ReclaimsAllowed { get; }
}
