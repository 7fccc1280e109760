namespace Nfs.Core.Recovery;

/// <summary>
/// Stable storage of confirmed NFSv4 clients (RFC 7530 section 9.6.3, RFC 8881 section 8.4.2.1):
/// a client is recorded before it may hold state and forgotten when it goes away, so that after
/// a restart the server knows who may reclaim and whom to refuse. Epochs separate server
/// instances: records of earlier epochs are the reclaim set, records of the current epoch are
/// the clients of this instance (including those that reclaimed).
/// </summary>
/// <remarks>
/// Calls for one node are made one at a time, in order (a <see cref="ClientRecordQueue"/>
/// serializes them), so implementations need no locking of their own for one server. A store
/// shared by several gateways (a cluster grace database) keys records by node id and owner,
/// as <see cref="ClientRecord"/> does, and may let a survivor read a failed node's records.
/// </remarks>
public interface IClientRecoveryStore : IAsyncDisposable
{
    /// <summary>
    /// Begins a new epoch for this node and returns the records of earlier ones. Called once,
    /// before the server accepts requests.
    /// </summary>
    ValueTask<RecoveryStart> StartAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Records (or re-records) a client in the current epoch. Durable when the returned task
    /// completes: the reply that lets the client use state is sent only after it.
    /// </summary>
    ValueTask AddAsync(ClientRecord record, CancellationToken cancellationToken = default);

    /// <summary>Forgets a client (destroyed, expired, or replaced by a new incarnation), in every epoch.</summary>
    ValueTask RemoveAsync(string nodeId, ReadOnlyMemory<byte> ownerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The grace period is over: records of earlier epochs are no longer needed (clients that
    /// reclaimed were recorded again in the current epoch).
    /// </summary>
    ValueTask EndGraceAsync(CancellationToken cancellationToken = default);
}
