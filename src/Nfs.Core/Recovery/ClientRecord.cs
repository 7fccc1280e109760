using System.Security.Cryptography;

namespace Nfs.Core.Recovery;

/// <summary>
/// One confirmed NFSv4 client as kept by a <see cref="IClientRecoveryStore"/>: who it is (its
/// long-lived owner string, which survives both server and client restarts), which gateway
/// node granted its state, the minor version it used, and the server epoch it was recorded in.
/// After a restart, exactly the clients on record may reclaim.
/// </summary>
/// <param name="NodeId">The gateway that holds the client's state (one node for a local store; a cluster store keeps several nodes' records side by side).</param>
/// <param name="OwnerId">nfs_client_id4.id (4.0) or co_ownerid (4.1): the client's identity across restarts.</param>
/// <param name="MinorVersion">0 for SETCLIENTID clients, 1 or 2 for EXCHANGE_ID clients (4.0 clients never send RECLAIM_COMPLETE).</param>
/// <param name="Epoch">The server epoch (<see cref="RecoveryStart.Epoch"/>) the record was written in.</param>
public sealed record ClientRecord(string NodeId, byte[] OwnerId, uint MinorVersion, ulong Epoch)
{
    /// <summary>
    /// A short, file-name-safe key for an owner id (owner ids are opaque and up to 1024 bytes):
    /// the hex SHA-256 of the bytes. Records are keyed by it within a node.
    /// </summary>
    public static string KeyOf(ReadOnlySpan<byte> ownerId) => Convert.ToHexStringLower(SHA256.HashData(ownerId));

    /// <summary>This record's <see cref="KeyOf"/>.</summary>
    public string Key => KeyOf(OwnerId);
}
