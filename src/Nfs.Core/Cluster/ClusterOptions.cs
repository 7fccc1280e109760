namespace Nfs.Core.Cluster;

/// <summary>
/// Active/active serving: several gateways in front of one shared backend (a Gluster volume, a
/// shared POSIX filesystem) keep a cluster grace database on that backend, so that when one
/// of them dies the others enter grace together and one takes over its address and clients.
/// The node's name is <see cref="Recovery.RecoveryOptions.NodeId"/>.
/// </summary>
public sealed class ClusterOptions
{
    /// <summary>Joins the cluster at start. Needs an export whose backend keeps byte-range locks (Posix, Gluster).</summary>
    public bool Enabled { get; set; }

    /// <summary>The cluster's name: every node presents it as its NFSv4.1 server scope, so clients may reclaim on any node.</summary>
    public string Name { get; set; } = "nfs-cluster";

    /// <summary>
    /// The export (by id) whose backend holds the database; 0 takes the first export. Every node
    /// must name the same storage.
    /// </summary>
    public uint ExportId { get; set; }

    /// <summary>The database's directory under that export's root (clients of the export can see it: keep it out of their way).</summary>
    public string Directory { get; set; } = ".nfs-cluster";

    /// <summary>How often a node reads the database and checks that its peers are alive.</summary>
    public int CheckIntervalMilliseconds { get; set; } = 1000;

    /// <summary>Whether this node takes over a dead peer's address and clients (when false it only enters grace with the others).</summary>
    public bool TakeOver { get; set; } = true;
}
