using System.ComponentModel.DataAnnotations;

namespace Nfs.Core.Transport;

/// <summary>Limits of the TCP transport.</summary>
public sealed class TransportOptions
{
    /// <summary>Largest RPC record accepted; a client sending more is disconnected.</summary>
    [Range(4096, 64 * 1024 * 1024)]
    public int MaxRecordSize { get; set; } = 4 * 1024 * 1024 + 64 * 1024;

    /// <summary>Requests of one connection processed concurrently; further ones wait in the socket.</summary>
    [Range(1, 4096)]
    public int MaxRequestsPerConnection { get; set; } = 128;

    /// <summary>Send large READ data straight from the file (sendfile) when the backend can.</summary>
    public bool ZeroCopyReads { get; set; } = true;

    /// <summary>Connections accepted at once; more are closed on accept.</summary>
    [Range(1, 1_000_000)]
    public int MaxConnections { get; set; } = 4096;
}
