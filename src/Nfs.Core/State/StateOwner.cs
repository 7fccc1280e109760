using Nfs.Protocol.Nfs4;

namespace Nfs.Core.State;

/// <summary>
/// An open-owner or lock-owner: the unit of NFSv4.0 sequencing. Holds the last seqid it
/// processed and that request's encoded result for replay (RFC 7530 section 9.1.9), and a
/// lock that serializes its requests across the await points of an operation.
/// </summary>
public abstract class StateOwner
{
    private protected StateOwner(NfsClient client, ReadOnlyMemory<byte> owner)
    {
        Client = client;
        Owner = owner;
    }

    /// <summary>The client.</summary>
    public NfsClient Client { get; }

    /// <summary>The opaque owner bytes.</summary>
    public ReadOnlyMemory<byte> Owner { get; }

    /// <summary>Serializes this owner's seqid-bearing operations.</summary>
    internal SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>True once a seqid has been accepted.</summary>
    internal bool HasSeqId { get; set; }

    /// <summary>Last accepted seqid.</summary>
    internal uint LastSeqId { get; set; }

    internal NfsOp4 LastOp { get; set; }

    internal byte[]? LastResult { get; set; }

    /// <summary>Classifies a seqid against the last one (RFC 7530 section 9.1.7).</summary>
    internal SeqIdCheck Check(uint seqId, NfsOp4 op)
    {
        if (!HasSeqId) return SeqIdCheck.InOrder;
        if (seqId == LastSeqId) return LastOp == op && LastResult is not null ? SeqIdCheck.Replay : SeqIdCheck.Bad;
        return seqId == unchecked(LastSeqId + 1) ? SeqIdCheck.InOrder : SeqIdCheck.Bad;
    }

    /// <summary>
    /// Records a processed request: the seqid advances and the result is cached, except for the
    /// errors after which RFC 7530 says the seqid must not advance.
    /// </summary>
    internal void Complete(uint seqId, NfsOp4 op, NfsStat4 status, ReadOnlySpan<byte> result)
    {
        if (!AdvancesSeqId(status)) return;
        HasSeqId = true;
        LastSeqId = seqId;
        LastOp = op;
        LastResult = result.ToArray();
    }

    internal static bool AdvancesSeqId(NfsStat4 status) => status is not (
        NfsStat4.BadSeqid or NfsStat4.StaleClientid or NfsStat4.StaleStateid or NfsStat4.BadStateid
        or NfsStat4.Badxdr or NfsStat4.Resource or NfsStat4.Nofilehandle or NfsStat4.Moved
        or NfsStat4.Serverfault);
}

/// <summary>Outcome of a seqid check.</summary>
internal enum SeqIdCheck
{
    InOrder,
    Replay,
    Bad,
}

/// <summary>An NFSv4 open-owner.</summary>
public sealed class OpenOwner : StateOwner
{
    internal OpenOwner(NfsClient client, ReadOnlyMemory<byte> owner) : base(client, owner) { }

    /// <summary>Whether OPEN_CONFIRM (4.0) has confirmed this owner.</summary>
    public bool Confirmed { get; internal set; }

    /// <summary>The owner's open states, one per file.</summary>
    internal List<OpenState> Opens { get; } = [];

    /// <summary>The owner's most recently closed open, kept for CLOSE replays.</summary>
    internal OpenState? LastClosed { get; set; }
}

/// <summary>An NFSv4 lock-owner.</summary>
public sealed class LockOwner : StateOwner, ILockHolder
{
    internal LockOwner(NfsClient client, ReadOnlyMemory<byte> owner) : base(client, owner) { }

    /// <summary>The owner's lock states, one per file.</summary>
    internal List<LockState> Locks { get; } = [];

    /// <summary>Bytes identifying this owner to a backend that keeps its own locks: client id and owner.</summary>
    internal byte[] BackendIdentity => _backendIdentity ??= BuildIdentity();

    /// <inheritdoc/>
    byte[] ILockHolder.BackendIdentity => BackendIdentity;

    /// <inheritdoc/>
    StateOwner4 ILockHolder.Nfs4Owner => new(Client.ClientId, Owner);

    /// <inheritdoc/>
    /// <remarks>An NFSv4 owner is no process of the client: NLM sees process id 0 and the owner bytes.</remarks>
    int ILockHolder.NlmSvid => 0;

    /// <inheritdoc/>
    ReadOnlyMemory<byte> ILockHolder.NlmOwnerHandle => Owner;

    private byte[]? _backendIdentity;

    private byte[] BuildIdentity() => IdentityOf(Client.ClientId, Owner.Span);

    /// <summary>The backend identity of the lock-owner (<paramref name="clientId"/>, <paramref name="owner"/>), whether it exists yet or not (LOCKT).</summary>
    internal static byte[] IdentityOf(ulong clientId, ReadOnlySpan<byte> owner)
    {
        var id = new byte[8 + owner.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(id, clientId);
        owner.CopyTo(id.AsSpan(8));
        return id;
    }
}
