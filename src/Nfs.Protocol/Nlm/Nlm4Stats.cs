namespace Nfs.Protocol.Nlm;

/// <summary>nlm4_stats: the outcome of an NLM version 4 request.</summary>
public enum Nlm4Stats
{
    /// <summary>NLM4_GRANTED.</summary>
    Granted = 0,
    /// <summary>NLM4_DENIED: a conflicting lock or share is held.</summary>
    Denied = 1,
    /// <summary>NLM4_DENIED_NOLOCKS: out of resources.</summary>
    DeniedNoLocks = 2,
    /// <summary>NLM4_BLOCKED: the request is queued; a GRANTED call follows when it is granted.</summary>
    Blocked = 3,
    /// <summary>NLM4_DENIED_GRACE_PERIOD: the server restarted recently and accepts only reclaims.</summary>
    DeniedGracePeriod = 4,
    /// <summary>NLM4_DEADLCK.</summary>
    Deadlock = 5,
    /// <summary>NLM4_ROFS.</summary>
    ReadOnlyFileSystem = 6,
    /// <summary>NLM4_STALE_FH.</summary>
    StaleFileHandle = 7,
    /// <summary>NLM4_FBIG: offset or length too large.</summary>
    FileTooBig = 8,
    /// <summary>NLM4_FAILED: any other failure.</summary>
    Failed = 9,
}
