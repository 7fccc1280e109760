using Nfs.Protocol.Nfs4;

namespace Nfs.Core.State;

/// <summary>A read or write delegation a client holds on a file.</summary>
public sealed class DelegationState : StateObject
{
    internal DelegationState(StateId4 id, FileState file, NfsClient client, OpenDelegationType4 type) : base(id, file)
    {
        Owner = client;
        Type = type;
    }

    /// <summary>The holder.</summary>
    public NfsClient Owner { get; }

    /// <inheritdoc/>
    public override NfsClient Client => Owner;

    /// <inheritdoc/>
    public override StateKind Kind => StateKind.Delegation;

    /// <summary>Read or write.</summary>
    public OpenDelegationType4 Type { get; }

    /// <summary>Environment.TickCount64 when a recall was sent; 0 while none was.</summary>
    internal long RecallStartedAt { get; set; }

    /// <summary>The change value last reported for the file while the holder's writes were cached (CB_GETATTR).</summary>
    internal ulong ReportedChange { get; set; }

    /// <summary>True once a recall was started.</summary>
    public bool Recalling => RecallStartedAt != 0;
}
