using Microsoft.Extensions.Logging;
using Nfs.Core.State;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Nfs4.Copy;

/// <summary>
/// The server's asynchronous COPYs, by client. Bounded: a client has at most
/// <see cref="MaxCopiesPerClient"/> (running, or finished and kept for OFFLOAD_STATUS for
/// <see cref="FinishedRetention"/>), and at most <see cref="MaxRunningCopies"/> run at once on
/// the server; past that a new asynchronous COPY is refused with NFS4ERR_DELAY, as knfsd does.
/// Copies of a client that went away (lease expiry, DESTROY_CLIENTID) stop at their next step and
/// are dropped; all are cancelled when the server stops.
/// </summary>
public sealed class AsyncCopyTable : IAsyncDisposable
{
    /// <summary>Most copies a client may have in the table.</summary>
    public const int MaxCopiesPerClient = 16;

    /// <summary>Most copies running at once on the server.</summary>
    public const int MaxRunningCopies = 64;

    /// <summary>How long a finished copy stays known to OFFLOAD_STATUS (unless room is needed sooner).</summary>
    public static readonly TimeSpan FinishedRetention = TimeSpan.FromMinutes(2);

    /// <summary>Marks copy stateids' "other" field so they never equal an open, lock or delegation stateid.</summary>
    private const ulong CopyStateIdMark = 0x8000_0000UL;

    private readonly object _lock = new();
    private readonly Dictionary<ulong, List<AsyncCopy>> _byClient = new();
    private readonly uint _bootEpoch;
    private readonly ILogger _logger;
    private long _nextId;
    private int _running;
    private bool _disposed;

    /// <summary>Creates the table; copy stateids carry <paramref name="bootEpoch"/> like every stateid of this server instance.</summary>
    public AsyncCopyTable(uint bootEpoch, ILogger logger)
    {
        _bootEpoch = bootEpoch;
        _logger = logger;
    }

    /// <summary>
    /// When true (the default), COPY runs asynchronously only for clients that can be called
    /// back (CB_OFFLOAD); others get a synchronous copy. Tests turn it off to poll with OFFLOAD_STATUS.
    /// </summary>
    internal bool RequireCallbackPath { get; set; } = true;

    /// <summary>Copies in the table (running and finished).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                int n = 0;
                foreach (var list in _byClient.Values) n += list.Count;
                return n;
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="run"/> as a new copy of <paramref name="client"/> on the thread pool.
    /// Returns DELAY (and no copy) when the client or the server has too many.
    /// </summary>
    public NfsStat4 TryStart(NfsClient client, Session? session, in NfsFileHandle destination, Func<AsyncCopy, Task> run, out AsyncCopy? copy)
    {
        copy = null;
        lock (_lock)
        {
            if (_disposed) return NfsStat4.Delay;
            Purge(Environment.TickCount64);
            if (_running >= MaxRunningCopies) return NfsStat4.Delay;
            if (!_byClient.TryGetValue(client.ClientId, out var list)) _byClient[client.ClientId] = list = [];
            if (list.Count >= MaxCopiesPerClient)
            {
                int oldest = -1;
                for (int i = 0; i < list.Count; i++)
                {
                    if (list[i].IsFinished && (oldest < 0 || list[i].FinishedAt < list[oldest].FinishedAt)) oldest = i;
                }
                if (oldest < 0) return NfsStat4.Delay;
                list.RemoveAt(oldest);
            }
            long n = ++_nextId;
            var stateId = new StateId4(1, ((ulong)_bootEpoch << 32) | CopyStateIdMark | (uint)(n >> 32), (uint)n);
            copy = new AsyncCopy(stateId, client, session, destination);
            list.Add(copy);
            _running++;
        }
        var started = copy;
        started.Task = Task.Run(() => RunAsync(started, run));
        return NfsStat4.Ok;
    }

    private async Task RunAsync(AsyncCopy copy, Func<AsyncCopy, Task> run)
    {
        try
        {
            await run(copy).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Asynchronous {Copy} failed", copy);
        }
        finally
        {
            if (!copy.IsFinished) copy.Finish(NfsStat4.Serverfault, copy.BytesCopied, Fsal.FsalStability.Unstable);
            lock (_lock) _running--;
        }
    }

    /// <summary>The copy of <paramref name="client"/> that <paramref name="stateId"/> names (its seqid is not checked), or null.</summary>
    public AsyncCopy? Find(NfsClient client, in StateId4 stateId)
    {
        lock (_lock)
        {
            Purge(Environment.TickCount64);
            if (!_byClient.TryGetValue(client.ClientId, out var list)) return null;
            foreach (var c in list)
            {
                if (c.StateId.SameOther(stateId)) return c;
            }
            return null;
        }
    }

    /// <summary>OFFLOAD_CANCEL: stops the copy (if it still runs) and forgets it; false when there is no such copy.</summary>
    public bool Cancel(NfsClient client, in StateId4 stateId)
    {
        AsyncCopy? found = null;
        lock (_lock)
        {
            if (!_byClient.TryGetValue(client.ClientId, out var list)) return false;
            int i = list.Count - 1;
            while (i >= 0 && !list[i].StateId.SameOther(stateId)) i--;
            if (i < 0) return false;
            found = list[i];
            list.RemoveAt(i);
            if (list.Count == 0) _byClient.Remove(client.ClientId);
        }
        found.Cancellation.Cancel();
        return true;
    }

    /// <summary>Drops finished copies past their retention and every copy of clients that went away (cancelling those still running). Under the lock.</summary>
    private void Purge(long now)
    {
        long retention = (long)FinishedRetention.TotalMilliseconds;
        List<ulong>? empty = null;
        foreach (var (clientId, list) in _byClient)
        {
            for (int i = list.Count - 1; i >= 0; i--)
            {
                var c = list[i];
                if (c.Client.Expired)
                {
                    c.Cancellation.Cancel();
                    list.RemoveAt(i);
                }
                else if (c.IsFinished && now - c.FinishedAt > retention)
                {
                    list.RemoveAt(i);
                }
            }
            if (list.Count == 0) (empty ??= []).Add(clientId);
        }
        if (empty is not null) foreach (var id in empty) _byClient.Remove(id);
    }

    /// <summary>Cancels every copy and waits for them to stop.</summary>
    public async ValueTask DisposeAsync()
    {
        List<Task> tasks = [];
        lock (_lock)
        {
            _disposed = true;
            foreach (var list in _byClient.Values)
            {
                foreach (var c in list)
                {
                    c.Cancellation.Cancel();
                    tasks.Add(c.Task);
                }
            }
            _byClient.Clear();
        }
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "An asynchronous copy failed while the server stopped");
        }
    }
}
