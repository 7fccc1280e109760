using Nfs.Core.Exports;
using Nfs.Core.Identity;
using Nfs.Core.Nfs3;
using Nfs.Core.Nfs4;
using Nfs.Core.Transport;

namespace Nfs.Core.Hosting;

/// <summary>Everything that configures a server; bindable from configuration (section "Nfs").</summary>
public sealed class NfsServerOptions
{
    /// <summary>End points to listen on, comma-separated ("127.0.0.1:2049", "[::1]:2049"). Port 0 picks a free port.</summary>
    public string Listen { get; set; } = "127.0.0.1:2049";

    /// <summary>Transport limits.</summary>
    public TransportOptions Transport { get; set; } = new();

    /// <summary>NFSv4 settings.</summary>
    public Nfs4Options Nfs4 { get; set; } = new();

    /// <summary>NLM locking and NSM notification for NFSv3 clients.</summary>
    public Nlm.NlmOptions Nlm { get; set; } = new();

    /// <summary>NFSv3 and MOUNT settings (served by default).</summary>
    public Nfs3Options Nfs3 { get; set; } = new();

    /// <summary>
    /// Extra end points to listen on, comma-separated, for clients that look for an auxiliary
    /// program (MOUNT, a lock manager) at a fixed port. Every listener serves every program, so
    /// these are simply more ways in. Empty by default.
    /// </summary>
    public string AuxiliaryListen { get; set; } = "";

    /// <summary>Registration with a local rpcbind (off by default).</summary>
    public RpcbindOptions Rpcbind { get; set; } = new();

    /// <summary>Stable storage of clients for recovery after a restart (the state directory).</summary>
    public Recovery.RecoveryOptions Recovery { get; set; } = new();

    /// <summary>Active/active serving with other gateways of the same backend.</summary>
    public Cluster.ClusterOptions Cluster { get; set; } = new();

    /// <summary>Owner string mapping.</summary>
    public IdMappingOptions IdMapping { get; set; } = new();

    /// <summary>The exports.</summary>
    public List<ExportOptions> Exports { get; set; } = [];

    /// <summary>Parses <see cref="Listen"/>.</summary>
    public IReadOnlyList<System.Net.IPEndPoint> ParseListen() => ParseEndPoints(Listen);

    /// <summary>Parses <see cref="AuxiliaryListen"/>.</summary>
    public IReadOnlyList<System.Net.IPEndPoint> ParseAuxiliaryListen() => ParseEndPoints(AuxiliaryListen);

    private static List<System.Net.IPEndPoint> ParseEndPoints(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(System.Net.IPEndPoint.Parse).ToList();
}
