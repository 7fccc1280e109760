using Nfs.Core.Exports;
using Nfs.Core.Identity;
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

    /// <summary>Stable storage of clients for recovery after a restart (the state directory).</summary>
    public Recovery.RecoveryOptions Recovery { get; set; } = new();

    /// <summary>Owner string mapping.</summary>
    public IdMappingOptions IdMapping { get; set; } = new();

    /// <summary>The exports.</summary>
    public List<ExportOptions> Exports { get; set; } = [];

    /// <summary>Parses <see cref="Listen"/>.</summary>
    public IReadOnlyList<System.Net.IPEndPoint> ParseListen() =>
        Listen.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(System.Net.IPEndPoint.Parse).ToList();
}
