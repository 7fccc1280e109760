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

    /// <summary>
    /// Longest time, in microseconds, a connection's receive loop busy-polls its socket for the
    /// next request before sleeping (adaptive, one connection at a time; see
    /// docs/architecture.md). It saves a thread wake-up per request when a client sends one
    /// request at a time over a fast link, at the price of CPU spent polling. 0 turns it off.
    /// </summary>
    [Range(0, 1000)]
    public int PollMicroseconds { get; set; } = 50;

    /// <summary>
    /// Gather the small replies to requests that arrived together and send them with one send
    /// (see docs/architecture.md): fewer system calls and client wake-ups when a client keeps
    /// many requests in flight; no effect at one request at a time.
    /// </summary>
    public bool BatchReplies { get; set; } = true;

    /// <summary>Connections accepted at once; more are closed on accept.</summary>
    [Range(1, 1_000_000)]
    public int MaxConnections { get; set; } = 4096;
}
