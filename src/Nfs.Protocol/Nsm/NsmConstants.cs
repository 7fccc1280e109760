namespace Nfs.Protocol.Nsm;

/// <summary>
/// The Network Status Monitor (statd, X/Open XNFS chapter 11): hosts tell each other about
/// restarts with SM_NOTIFY, so lock servers drop a restarted client's locks and clients
/// reclaim theirs from a restarted server.
/// </summary>
public static class NsmConstants
{
    /// <summary>SM_PROG.</summary>
    public const uint Program = 100024;

    /// <summary>SM_VERS.</summary>
    public const uint Version = 1;

    /// <summary>SM_MAXSTRLEN: the longest host name.</summary>
    public const int MaxName = 1024;
}

/// <summary>NSM version 1 procedure numbers.</summary>
public enum NsmProcedure : uint
{
    /// <summary>SM_NULL.</summary>
    Null = 0,
    /// <summary>SM_STAT.</summary>
    Stat = 1,
    /// <summary>SM_MON.</summary>
    Monitor = 2,
    /// <summary>SM_UNMON.</summary>
    Unmonitor = 3,
    /// <summary>SM_UNMON_ALL.</summary>
    UnmonitorAll = 4,
    /// <summary>SM_SIMU_CRASH.</summary>
    SimulateCrash = 5,
    /// <summary>SM_NOTIFY: a host (mon_name) restarted and is now in state <c>state</c>.</summary>
    Notify = 6,
}
