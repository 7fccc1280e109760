namespace Nfs.Core.Recovery;

/// <summary>
/// An <see cref="IClientRecoveryStore"/> that keeps records in memory only: what a server without
/// a state directory uses (nothing survives a restart, so no client ever reclaims and no grace
/// period is entered). It can be given the records of a "previous instance", which puts a
/// server built on it into its grace period: how embedders and tests exercise grace without disk.
/// </summary>
public sealed class InMemoryClientRecoveryStore : IClientRecoveryStore
{
    private readonly object _lock = new();
    private readonly Dictionary<string, ClientRecord> _current = new(StringComparer.Ordinal);
    private readonly List<ClientRecord> _earlier;
    private ulong _epoch;

    /// <summary>An empty store, or one holding <paramref name="earlier"/> as records of a previous instance.</summary>
    public InMemoryClientRecoveryStore(IEnumerable<ClientRecord>? earlier = null) => _earlier = [.. earlier ?? []];

    /// <summary>Records of the current epoch (for inspection).</summary>
    public IReadOnlyList<ClientRecord> Current
    {
        get { lock (_lock) return [.. _current.Values]; }
    }

    /// <inheritdoc/>
    public ValueTask<RecoveryStart> StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _epoch = _earlier.Count == 0 ? 1 : _earlier.Max(r => r.Epoch) + 1;
            return new(new RecoveryStart(_epoch, [.. _earlier]));
        }
    }

    /// <inheritdoc/>
    public ValueTask AddAsync(ClientRecord record, CancellationToken cancellationToken = default)
    {
        lock (_lock) _current[record.Key] = record;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask RemoveAsync(string nodeId, ReadOnlyMemory<byte> ownerId, CancellationToken cancellationToken = default)
    {
        string key = ClientRecord.KeyOf(ownerId.Span);
        lock (_lock)
        {
            _current.Remove(key);
            _earlier.RemoveAll(r => r.NodeId == nodeId && r.Key == key);
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask EndGraceAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock) _earlier.Clear();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
