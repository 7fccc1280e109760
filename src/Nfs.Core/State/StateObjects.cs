using Nfs.Protocol.Nfs4;

namespace Nfs.Core.State;

/// <summary>What a stateid stands for.</summary>
public enum StateKind
{
    /// <summary>An open (share reservation).</summary>
    Open,
    /// <summary>A set of byte-range locks of one lock-owner on one file.</summary>
    Lock,
    /// <summary>A delegation.</summary>
    Delegation,
}

/// <summary>Something a stateid names. Mutable fields change under the <see cref="StateManager"/> lock.</summary>
public abstract class StateObject
{
    private protected StateObject(StateId4 id, FileState file) { Id = id; File = file; }

    /// <summary>The current stateid (its seqid advances with each change).</summary>
    public StateId4 Id { get; internal set; }

    /// <summary>The file.</summary>
    public FileState File { get; }

    /// <summary>The kind.</summary>
    public abstract StateKind Kind { get; }

    /// <summary>The owning client.</summary>
    public abstract NfsClient Client { get; }

    /// <summary>True once closed, unlocked away or freed: the stateid is no longer valid.</summary>
    public bool Closed { get; internal set; }

    /// <summary>True when the state was taken away because the client's lease expired.</summary>
    public bool Revoked { get; internal set; }

    /// <summary>Environment.TickCount64 when closed or revoked (for purging tombstones).</summary>
    internal long EndedAt { get; set; }

    /// <summary>Advances the stateid's seqid and returns the new stateid.</summary>
    internal StateId4 Bump()
    {
        uint next = Id.SeqId == uint.MaxValue ? 1 : Id.SeqId + 1;
        Id = Id.WithSeqId(next);
        return Id;
    }
}

/// <summary>An open of a file by an open-owner, with its share reservation.</summary>
public sealed class OpenState : StateObject
{
    internal OpenState(StateId4 id, FileState file, OpenOwner owner) : base(id, file) => Owner = owner;

    /// <inheritdoc/>
    public override StateKind Kind => StateKind.Open;

    /// <summary>The open-owner.</summary>
    public OpenOwner Owner { get; }

    /// <inheritdoc/>
    public override NfsClient Client => Owner.Client;

    /// <summary>Current OPEN4_SHARE_ACCESS bits.</summary>
    public uint Access { get; internal set; }

    /// <summary>Current OPEN4_SHARE_DENY bits.</summary>
    public uint Deny { get; internal set; }

    /// <summary>Bit n set when share_access value n was granted by an OPEN (for OPEN_DOWNGRADE checks).</summary>
    internal uint AccessHistory { get; set; }

    /// <summary>Bit n set when share_deny value n was granted by an OPEN.</summary>
    internal uint DenyHistory { get; set; }

    /// <summary>The backend's open token.</summary>
    public object? BackendToken { get; internal set; }

    /// <summary>Access flags the backend token was opened with.</summary>
    internal Fsal.FsalOpenFlags BackendFlags { get; set; }

    /// <summary>Lock states that depend on this open.</summary>
    internal List<LockState> Locks { get; } = [];
}

/// <summary>The byte-range locks one lock-owner holds on one file.</summary>
public sealed class LockState : StateObject
{
    internal LockState(StateId4 id, FileState file, LockOwner owner, OpenState open) : base(id, file)
    {
        Owner = owner;
        Open = open;
    }

    /// <inheritdoc/>
    public override StateKind Kind => StateKind.Lock;

    /// <summary>The lock-owner.</summary>
    public LockOwner Owner { get; }

    /// <summary>The open it was obtained through.</summary>
    public OpenState Open { get; }

    /// <inheritdoc/>
    public override NfsClient Client => Owner.Client;
}
