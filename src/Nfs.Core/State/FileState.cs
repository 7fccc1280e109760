using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.State;

/// <summary>
/// The protocol state of one file: its opens (share reservations) and byte-range locks.
/// Exists only while some state refers to the file. Changed under the <see cref="StateManager"/> lock.
/// </summary>
public sealed class FileState
{
    internal FileState(NfsFileHandle handle, Export export, FsalObject obj)
    {
        Handle = handle;
        Export = export;
        Object = obj;
    }

    /// <summary>The file's wire handle (identity of the file for state purposes).</summary>
    public NfsFileHandle Handle { get; }

    /// <summary>The export.</summary>
    public Export Export { get; }

    /// <summary>The backend object.</summary>
    public FsalObject Object { get; }

    internal List<OpenState> Opens { get; } = [];

    internal ByteRangeLockList Locks { get; } = new();

    internal List<DelegationState> Delegations { get; } = [];

    /// <summary>Share reservations NFSv3 clients took with NLM SHARE.</summary>
    internal List<NlmShareReservation> NlmShares { get; } = [];

    /// <summary>Environment.TickCount64 of the last recall here (no new delegation for a while after one).</summary>
    internal long LastRecallAt { get; set; }

    internal bool IsUnused => Opens.Count == 0 && Locks.IsEmpty && Delegations.Count == 0 && NlmShares.Count == 0;

    /// <summary>True when an open of another owner, or an NLM share, denies <paramref name="access"/> (for I/O with the anonymous stateid).</summary>
    internal bool DeniesAccess(uint access, OpenOwner? except)
    {
        foreach (var o in Opens)
        {
            if (!o.Closed && o.Owner != except && (o.Deny & access) != 0) return true;
        }
        foreach (var s in NlmShares)
        {
            if ((s.Deny & access) != 0) return true;
        }
        return false;
    }
}
