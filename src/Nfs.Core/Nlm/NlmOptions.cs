using System.ComponentModel.DataAnnotations;

namespace Nfs.Core.Nlm;

/// <summary>
/// NLM (byte-range locks and DOS shares for NFSv3 clients) and NSM settings. The NLM program
/// is served on every listener; publishing it with rpcbind is the host's business.
/// </summary>
public sealed class NlmOptions
{
    /// <summary>Whether the NLM program (100021 version 4) is served.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Whether SM_NOTIFY (NSM program 100024) is served too, so a restarted client's status
    /// monitor can tell this server to drop the client's old locks.
    /// </summary>
    public bool ServeStatusMonitor { get; set; } = true;

    /// <summary>The host name this server gives in SM_NOTIFY after a restart (empty: the machine name).</summary>
    public string ServerName { get; set; } = "";

    /// <summary>The port of clients' port mappers, asked where their lock manager and status monitor listen.</summary>
    [Range(1, 65535)]
    public int PortmapperPort { get; set; } = 111;

    /// <summary>Seconds to wait for a client's port mapper, lock manager or status monitor to answer a call.</summary>
    [Range(1, 300)]
    public int CallbackTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// How many more times GRANTED is sent to a client that could not be reached before the lock
    /// granted to it is given up (released for the next waiter).
    /// </summary>
    [Range(0, 100)]
    public int GrantedRetries { get; set; } = 5;

    /// <summary>Seconds between attempts to deliver GRANTED.</summary>
    [Range(1, 300)]
    public int GrantedRetrySeconds { get; set; } = 10;

    /// <summary>
    /// Seconds between retries of blocked requests whatever happened. Releases through this
    /// server retry at once; this catches locks released outside it (local processes, other
    /// gateways of the same storage).
    /// </summary>
    [Range(1, 3600)]
    public int BlockedRetrySeconds { get; set; } = 2;

    /// <summary>Most blocked lock requests queued at once (more are answered DENIED_NOLOCKS).</summary>
    [Range(1, 1_000_000)]
    public int MaxBlockedLocks { get; set; } = 10_000;

    /// <summary>Most client hosts holding locks or shares at once.</summary>
    [Range(1, 1_000_000)]
    public int MaxHosts { get; set; } = 10_000;

    /// <summary>Most lock owners (processes) per client host at once.</summary>
    [Range(1, 1_000_000)]
    public int MaxOwnersPerHost { get; set; } = 10_000;
}
