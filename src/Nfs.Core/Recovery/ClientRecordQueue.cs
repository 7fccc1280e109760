using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Nfs.Core.Recovery;

/// <summary>
/// Puts a server's changes to its <see cref="IClientRecoveryStore"/> in one ordered line. The
/// state manager forgets clients under its lock (it cannot wait for storage there) while
/// handlers record clients outside it; one queue keeps "forget the old incarnation" ahead of
/// "record the new one" for the same owner, and keeps the store single-threaded.
/// </summary>
public sealed class ClientRecordQueue : IAsyncDisposable
{
    private readonly Channel<Item> _items = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IClientRecoveryStore _store;
    private readonly ILogger _logger;
    private readonly Task _worker;

    private sealed record Item(string What, Func<ValueTask> Work, TaskCompletionSource? Done);

    /// <summary>A queue writing to <paramref name="store"/> (already started) for <paramref name="nodeId"/> in <paramref name="epoch"/>.</summary>
    public ClientRecordQueue(IClientRecoveryStore store, string nodeId, ulong epoch, ILogger? logger = null)
    {
        _store = store;
        NodeId = nodeId;
        Epoch = epoch;
        _logger = logger ?? NullLogger.Instance;
        _worker = Task.Run(RunAsync);
    }

    /// <summary>This gateway's node id.</summary>
    public string NodeId { get; }

    /// <summary>The epoch records are written in.</summary>
    public ulong Epoch { get; }

    /// <summary>Records a confirmed client; the task completes once the record is durable (and fails if it could not be written).</summary>
    public Task RecordAsync(byte[] ownerId, uint minorVersion)
    {
        var record = new ClientRecord(NodeId, ownerId, minorVersion, Epoch);
        return Enqueue("record client", () => _store.AddAsync(record), wait: true);
    }

    /// <summary>Forgets a client, after everything queued before; failures are logged.</summary>
    public void Forget(byte[] ownerId) => Enqueue("forget client", () => _store.RemoveAsync(NodeId, ownerId), wait: false);

    /// <summary>Drops earlier epochs' records once the grace period is over; failures are logged.</summary>
    public void EndGrace() => Enqueue("end grace", () => _store.EndGraceAsync(), wait: false);

    /// <summary>Completes when everything queued so far was written.</summary>
    public Task DrainAsync() => Enqueue("drain", () => ValueTask.CompletedTask, wait: true);

    private Task Enqueue(string what, Func<ValueTask> work, bool wait)
    {
        var done = wait ? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) : null;
        if (!_items.Writer.TryWrite(new Item(what, work, done)))
        {
            var closed = new ObjectDisposedException(nameof(ClientRecordQueue));
            if (done is null) _logger.LogWarning("Client recovery store closed; {What} dropped", what);
            return done is null ? Task.CompletedTask : Task.FromException(closed);
        }
        return done?.Task ?? Task.CompletedTask;
    }

    private async Task RunAsync()
    {
        await foreach (var item in _items.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await item.Work().ConfigureAwait(false);
                item.Done?.TrySetResult();
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Client recovery store: {What} failed", item.What);
                item.Done?.TrySetException(ex);
            }
        }
    }

    /// <summary>Writes what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _items.Writer.TryComplete();
        await _worker.ConfigureAwait(false);
    }
}
