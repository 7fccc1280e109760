using Nfs.Protocol.Nfs4;

namespace Nfs.Core.State;

/// <summary>Who established a client id: the authentication flavor and identity, compared on SETCLIENTID.</summary>
public readonly record struct ClientPrincipal(int Flavor, uint Uid, uint Gid);

/// <summary>The callback address a 4.0 client gave in SETCLIENTID.</summary>
public sealed record CallbackInfo(uint Program, NetAddr4 Address, uint Ident);

/// <summary>
/// One NFSv4 client incarnation (a client id). Mutable fields are changed only under the
/// <see cref="StateManager"/> lock; <see cref="LastRenewal"/> is written without it.
/// </summary>
public sealed class NfsClient
{
    internal NfsClient(ulong clientId, byte[] ownerId, ulong verifier, ClientPrincipal principal, uint minorVersion)
    {
        ClientId = clientId;
        OwnerId = ownerId;
        Verifier = verifier;
        Principal = principal;
        MinorVersion = minorVersion;
    }

    /// <summary>The server-assigned client id.</summary>
    public ulong ClientId { get; }

    /// <summary>The client's long-lived identifier string (nfs_client_id4.id / co_ownerid).</summary>
    public byte[] OwnerId { get; }

    /// <summary>The client's boot verifier.</summary>
    public ulong Verifier { get; }

    /// <summary>Who created it.</summary>
    public ClientPrincipal Principal { get; }

    /// <summary>0 for SETCLIENTID clients, 1 or more for EXCHANGE_ID clients.</summary>
    public uint MinorVersion { get; }

    /// <summary>The verifier SETCLIENTID_CONFIRM must present.</summary>
    public ulong ConfirmVerifier { get; internal set; }

    /// <summary>Whether confirmed.</summary>
    public bool Confirmed { get; internal set; }

    /// <summary>The 4.0 callback path.</summary>
    public CallbackInfo? Callback { get; internal set; }

    /// <summary>Environment.TickCount64 of the last lease renewal.</summary>
    public long LastRenewal;

    /// <summary>True once the lease expired or the client was replaced; its state is gone.</summary>
    public bool Expired { get; internal set; }

    /// <summary>4.1: the sequence id the last CREATE_SESSION used.</summary>
    internal uint CreateSessionSequence { get; set; }

    /// <summary>4.1: the encoded result of the last CREATE_SESSION, for its replay.</summary>
    internal byte[]? CreateSessionReply { get; set; }

    /// <summary>4.1: the client's sessions.</summary>
    internal List<Session> Sessions { get; } = [];

    /// <summary>4.1: RECLAIM_COMPLETE was done (globally).</summary>
    internal bool ReclaimComplete { get; set; }

    /// <summary>4.1: EXCHGID4_FLAG_* the client asked for (for the confirmed-flag reply).</summary>
    internal uint ExchangeFlags { get; set; }

    /// <summary>4.0: a CB_NULL to the callback address succeeded, so delegations may be granted.</summary>
    internal volatile bool CallbackProven;

    /// <summary>Revoked delegations the client has not freed yet.</summary>
    internal int RevokedDelegations { get; set; }

    internal Dictionary<OwnerKey, OpenOwner> OpenOwners { get; } = new();

    /// <summary>Delegations the client holds.</summary>
    internal List<DelegationState> Delegations { get; } = [];
    internal Dictionary<OwnerKey, LockOwner> LockOwners { get; } = new();
    internal int StateCount;

    /// <summary>True when the client holds opens or locks.</summary>
    public bool HasState => StateCount > 0;

    /// <summary>Marks the lease as renewed now.</summary>
    public void Renew() => Volatile.Write(ref LastRenewal, Environment.TickCount64);

    /// <inheritdoc/>
    public override string ToString() => $"client {ClientId:x16}";
}

/// <summary>An owner's identity inside a client: the opaque owner bytes.</summary>
internal readonly struct OwnerKey : IEquatable<OwnerKey>
{
    private readonly byte[] _bytes;
    private readonly int _hash;

    public OwnerKey(ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes.ToArray();
        var h = new HashCode();
        h.AddBytes(bytes);
        _hash = h.ToHashCode();
    }

    public ReadOnlyMemory<byte> Bytes => _bytes;

    public bool Equals(OwnerKey other) => _hash == other._hash && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => obj is OwnerKey o && Equals(o);

    public override int GetHashCode() => _hash;
}
