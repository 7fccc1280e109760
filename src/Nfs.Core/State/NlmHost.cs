using System.Net;

namespace Nfs.Core.State;

/// <summary>
/// An NFSv3 client host as NLM knows it, by the caller_name its lock manager sends: its lock
/// owners and share reservations. Changed under the <see cref="StateManager"/> lock; dropped
/// once it holds nothing.
/// </summary>
public sealed class NlmHost
{
    internal NlmHost(string name) => Name = name;

    /// <summary>The caller_name (the client's host name as it gives it).</summary>
    public string Name { get; }

    /// <summary>The address its last request came from.</summary>
    public IPAddress? Address { get; internal set; }

    /// <summary>The client's NSM state number from its last LOCK (odd while up; a new value means it restarted).</summary>
    public int NsmState { get; internal set; }

    /// <summary>Lock owners by (svid, oh).</summary>
    internal Dictionary<(int Svid, OwnerKey OwnerHandle), NlmLockOwner> Owners { get; } = new();

    /// <summary>Share reservations the host holds, on any file.</summary>
    internal List<NlmShareReservation> Shares { get; } = [];

    internal bool IsUnused => Owners.Count == 0 && Shares.Count == 0;

    /// <inheritdoc/>
    public override string ToString() => $"NLM host {Name}";
}
