using Nfs.Core.Recovery;

namespace Nfs.Core.Cluster;

/// <summary>
/// The <see cref="IClientRecoveryStore"/> of a cluster node: client records kept per node and
/// per epoch on the shared backend by a <see cref="ClusterNode"/>, so that a survivor can read
/// a dead node's clients and let them reclaim.
/// </summary>
public sealed class ClusterRecoveryStore : IClientRecoveryStore
{
    private readonly ClusterNode _node;
    private readonly Func<IReadOnlyList<string>> _endPoints;

    /// <summary>A store for <paramref name="node"/>, which registers <paramref name="endPoints"/> when it joins.</summary>
    public ClusterRecoveryStore(ClusterNode node, Func<IReadOnlyList<string>> endPoints)
    {
        _node = node;
        _endPoints = endPoints;
    }

    /// <inheritdoc/>
    public async ValueTask<RecoveryStart> StartAsync(CancellationToken cancellationToken = default) =>
        await _node.JoinAsync(_endPoints(), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public ValueTask AddAsync(ClientRecord record, CancellationToken cancellationToken = default) => _node.RecordAsync(record);

    /// <inheritdoc/>
    public ValueTask RemoveAsync(string nodeId, ReadOnlyMemory<byte> ownerId, CancellationToken cancellationToken = default) =>
        nodeId == _node.NodeId ? _node.ForgetAsync(ownerId) : ValueTask.CompletedTask;

    /// <inheritdoc/>
    public ValueTask EndGraceAsync(CancellationToken cancellationToken = default) => _node.EndGraceAsync();

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _node.DisposeAsync();
}
