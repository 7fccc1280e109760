using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nfs.Core.Fsal;
using Nfs.Core.Recovery;

namespace Nfs.Core.Cluster;

/// <summary>
/// This gateway's membership of an active/active cluster: it keeps the node's client records
/// on the shared backend (per node, per epoch), holds the node's liveness lock, and every
/// <see cref="ClusterOptions.CheckIntervalMilliseconds"/> reads the <see cref="GraceDatabase"/>
/// to follow the cluster's grace periods and to notice dead peers, one of which it then takes
/// over: it marks the peer down, starts a cluster grace period, and hands the peer's clients
/// and end points to the server (<see cref="TookOver"/>), where those clients reclaim.
/// </summary>
/// <remarks>
/// The rules (after NFS-Ganesha's rados_cluster): a node that has clients to wait for sets
/// NEED; every serving node sets ENFORCING once it has seen the grace period (and moved its
/// records to the new epoch) and from then on grants no new state; reclaims are accepted only
/// when all serving nodes enforce; the grace period ends when no serving node needs it.
/// A node the database calls down (taken over, or asked to stop) stops serving at once.
/// </remarks>
public sealed class ClusterNode : IClusterGrace, IAsyncDisposable
{
    private readonly IFileSystem _fs;
    private readonly ClusterOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, ClientRecord> _live = new(StringComparer.Ordinal);
    private readonly HashSet<string> _takenOver = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private GraceDatabaseFile _file = null!;
    private FsalObject _nodeDirectory = null!;
    private ClientRecordLog _log = null!;
    private ulong _logEpoch;
    private volatile GraceDatabase _view = new();
    private volatile bool _inGrace;
    private volatile bool _reclaimsAllowed = true;
    private volatile bool _fenced;
    private Task? _loop;
    private int _disposed;

    /// <summary>A node named <paramref name="nodeId"/> whose database lives on <paramref name="fs"/>.</summary>
    public ClusterNode(IFileSystem fs, string nodeId, ClusterOptions options, ILogger<ClusterNode>? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        _fs = fs;
        NodeId = nodeId;
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>This node's name.</summary>
    public string NodeId { get; }

    /// <summary>The current epoch, after <see cref="JoinAsync"/>.</summary>
    public ulong Epoch => _view.Current;

    /// <inheritdoc/>
    public bool InGrace => _inGrace;

    /// <inheritdoc/>
    public bool ReclaimsAllowed => _reclaimsAllowed;

    /// <summary>Tells whether this node's own reclaim window is over (its clients reclaimed, or its time ran out), so it may drop NEED.</summary>
    public Func<bool> LocalReclaimDone { get; set; } = () => true;

    /// <summary>Ends this node's own reclaim window early (an operator lifted the cluster's grace period).</summary>
    public Action LocalLift { get; set; } = () => { };

    /// <summary>Raised when this node took over a dead peer: the peer's clients (who may now reclaim here) and its end points.</summary>
    public event Action<IReadOnlyList<ClientRecord>, IReadOnlyList<string>>? TookOver;

    /// <summary>Raised when the cluster entered a grace period this node did not start.</summary>
    public event Action? GraceStarted;

    /// <summary>Raised when the database says this node must stop serving (it was taken over, or asked to stop); the reason.</summary>
    public event Action<string>? Fenced;

    /// <summary>
    /// Joins the cluster: takes the node's liveness lock, registers it with its end points, and
    /// returns the clients of its previous run that may reclaim (starting a cluster grace
    /// period for them). A previous run that a survivor took over leaves nothing to reclaim:
    /// its clients reclaimed there.
    /// </summary>
    public async Task<RecoveryStart> JoinAsync(IReadOnlyList<string> endPoints, CancellationToken cancellationToken = default)
    {
        _file = await GraceDatabaseFile.OpenAsync(_fs, _options.Directory, NodeId).ConfigureAwait(false);
        _nodeDirectory = await ClientRecordLog.NodeDirectoryAsync(_file.Files, _file.Records, NodeId).ConfigureAwait(false);
        // A survivor holds the lock while it takes this node over; another live instance holds it for good.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30) + 2 * Interval;
        while (!await _file.TryHoldAliveAsync().ConfigureAwait(false))
        {
            if (DateTime.UtcNow > deadline) throw new InvalidOperationException($"cluster node {NodeId} is already running (its liveness lock is held)");
            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
        var reclaim = new List<ClientRecord>();
        var db = await _file.UpdateAsync(async db =>
        {
            reclaim.Clear();
            bool known = db.Members.TryGetValue(NodeId, out var me);
            me = db.Member(NodeId);
            if (known && me.TakenOverBy is null) reclaim.AddRange(await ReadRecordsAsync(_nodeDirectory, NodeId, me.RecordEpoch, db).ConfigureAwait(false));
            else if (me.TakenOverBy is { } by) _logger.LogInformation("Cluster node {Node} was taken over by {Survivor}: its clients reclaimed there", NodeId, by);
            if (reclaim.Count > 0)
            {
                db.StartGrace();
                me.Need = true;
                // They stay reclaimable after another crash in this grace period only if on record
                // in its recovery epoch: the current epoch's log (which may hold some of them, when
                // this grace period was running already) starts over empty below.
                await ClientRecordLog.CreateAsync(_file.Files, _nodeDirectory, db.Recovery, reclaim).ConfigureAwait(false);
            }
            else
            {
                me.Need = false;
            }
            me.Enforcing = db.InGrace;
            me.Up = true;
            me.TakenOverBy = null;
            me.TakeoverRequested = false;
            me.EndPoints = [.. endPoints];
            await SwitchLogAsync(db.Current).ConfigureAwait(false);
            me.RecordEpoch = db.Current;
            return true;
        }, cancellationToken).ConfigureAwait(false);
        Publish(db);
        _logger.LogInformation("Joined cluster as {Node}: {Database}; {Count} client(s) of the previous run may reclaim", NodeId, db, reclaim.Count);
        return new RecoveryStart(db.Current, reclaim);
    }

    /// <summary>Publishes the end points the server really listens on (ports chosen at bind time).</summary>
    public async Task PublishEndPointsAsync(IReadOnlyList<string> endPoints)
    {
        var db = await _file.UpdateAsync(db =>
        {
            var me = db.Member(NodeId);
            if (!me.Up || me.EndPoints.SequenceEqual(endPoints)) return ValueTask.FromResult(false);
            me.EndPoints = [.. endPoints];
            return ValueTask.FromResult(true);
        }).ConfigureAwait(false);
        Publish(db);
    }

    /// <summary>Starts the periodic check of the database and the peers.</summary>
    public void Start() => _loop ??= Task.Run(RunAsync);

    /// <summary>Records a client in this node's current log (durable on return).</summary>
    public async ValueTask RecordAsync(ClientRecord record)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _live[record.Key] = record;
            await _log.AddAsync(record.OwnerId, record.MinorVersion).ConfigureAwait(false);
            // Adds and removals only grow the log: start it over once it is mostly dead lines.
            if (_log.Length > 1024 * 1024 && _log.Length > 512UL * (ulong)_live.Count) await SwitchLogCoreAsync(_logEpoch).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets a client.</summary>
    public async ValueTask ForgetAsync(ReadOnlyMemory<byte> ownerId)
    {
        string key = ClientRecord.KeyOf(ownerId.Span);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_live.Remove(key)) await _log.RemoveAsync(key).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The grace period ended: drops this node's (and the nodes it took over) logs of earlier epochs.</summary>
    public async ValueTask EndGraceAsync()
    {
        ulong current = _logEpoch;
        await ClientRecordLog.RemoveOlderAsync(_file.Files, _nodeDirectory, current).ConfigureAwait(false);
        string[] taken;
        lock (_takenOver) taken = [.. _takenOver];
        var db = taken.Length == 0 ? null : await _file.ReadAsync().ConfigureAwait(false);
        foreach (var peer in taken)
        {
            // A peer that came back keeps its own logs (its current one may still be of an earlier epoch than this node's).
            if (db!.Members.TryGetValue(peer, out var p) && p.TakenOverBy != NodeId)
            {
                lock (_takenOver) _takenOver.Remove(peer);
                continue;
            }
            var dir = await ClientRecordLog.NodeDirectoryAsync(_file.Files, _file.Records, peer).ConfigureAwait(false);
            await ClientRecordLog.RemoveOlderAsync(_file.Files, dir, current).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Whether every peer this node believes serving still holds its liveness lock. A lock
    /// granted by this node and then confirmed by this check cannot conflict with a lock a dead
    /// peer's client held: the backend dropped that lock no earlier than the peer died.
    /// </summary>
    public async ValueTask<bool> PeersAliveAsync()
    {
        if (_fenced) return false;
        foreach (var m in _view.Members.Values)
        {
            if (m.Up && m.NodeId != NodeId && !await _file.IsAliveAsync(m.NodeId).ConfigureAwait(false)) return false;
        }
        return true;
    }

    /// <summary>One round of the periodic check (public for tests that drive it themselves).</summary>
    public async Task CheckAsync()
    {
        if (_fenced) return;
        var db = await _file.ReadAsync().ConfigureAwait(false);
        if (!db.Members.TryGetValue(NodeId, out var me) || !me.Up || me.TakeoverRequested)
        {
            await FenceAsync(me is null ? "it is not in the cluster database" : me.TakeoverRequested ? "an administrator asked for its takeover" : $"it was taken over by {me.TakenOverBy}").ConfigureAwait(false);
            return;
        }
        if (me.RecordEpoch < db.Current || (db.InGrace && !me.Enforcing))
        {
            db = await _file.UpdateAsync(async d =>
            {
                var m = d.Member(NodeId);
                if (!m.Up) return false;
                if (m.RecordEpoch < d.Current)
                {
                    await SwitchLogAsync(d.Current).ConfigureAwait(false);
                    m.RecordEpoch = d.Current;
                }
                m.Enforcing = d.InGrace;
                return true;
            }).ConfigureAwait(false);
            me = db.Member(NodeId);
        }
        if (db.InGrace && me.Need && LocalReclaimDone())
        {
            db = await _file.UpdateAsync(d =>
            {
                d.Member(NodeId).Need = false;
                if (d.TryLift()) _logger.LogInformation("Cluster grace period lifted by {Node} (epoch {Epoch})", NodeId, d.Current);
                return ValueTask.FromResult(true);
            }).ConfigureAwait(false);
        }
        else if (!db.InGrace && (me.Enforcing || me.Need))
        {
            db = await _file.UpdateAsync(d =>
            {
                var m = d.Member(NodeId);
                if (d.InGrace) return ValueTask.FromResult(false);
                m.Enforcing = m.Need = false;
                return ValueTask.FromResult(true);
            }).ConfigureAwait(false);
        }
        // The cluster's grace period is over while this node's own reclaim window is not: an
        // operator lifted it (normally it lasts until this node drops NEED). End ours too.
        if (!db.InGrace && !LocalReclaimDone()) LocalLift();
        Publish(db);
        if (!_options.TakeOver) return;
        foreach (var peer in db.Members.Values.Where(m => m.Up && m.NodeId != NodeId).ToList())
        {
            if (!await _file.IsAliveAsync(peer.NodeId).ConfigureAwait(false)) await TryTakeOverAsync(peer.NodeId).ConfigureAwait(false);
        }
    }

    /// <summary>Takes over a peer that holds no liveness lock, unless another survivor is doing it.</summary>
    private async Task TryTakeOverAsync(string peer)
    {
        if (!await _file.TryClaimAsync(peer).ConfigureAwait(false)) return;
        try
        {
            var reclaim = new List<ClientRecord>();
            List<string> endPoints = [];
            bool took = false;
            var db = await _file.UpdateAsync(async d =>
            {
                var p = d.Member(peer);
                // Taken over by someone else already, or back (restarted) since it was probed.
                if (!p.Up || await _file.IsAliveAsync(peer).ConfigureAwait(false)) return false;
                var dir = await ClientRecordLog.NodeDirectoryAsync(_file.Files, _file.Records, peer).ConfigureAwait(false);
                reclaim.Clear();
                reclaim.AddRange(await ReadRecordsAsync(dir, peer, p.RecordEpoch, d).ConfigureAwait(false));
                endPoints = [.. p.EndPoints];
                p.Up = p.Need = p.Enforcing = p.TakeoverRequested = false;
                p.TakenOverBy = NodeId;
                var me = d.Member(NodeId);
                if (reclaim.Count > 0)
                {
                    d.StartGrace();
                    me.Need = true;
                }
                if (me.RecordEpoch < d.Current)
                {
                    await SwitchLogAsync(d.Current).ConfigureAwait(false);
                    me.RecordEpoch = d.Current;
                }
                if (reclaim.Count > 0)
                {
                    // The peer's clients are this node's to answer for now: on record in its
                    // recovery-epoch log (nobody writes it any more), so that if this node dies too
                    // before they reclaimed, whoever takes it over lets them reclaim there.
                    var mine = await ClientRecordLog.ReadAsync(_file.Files, _nodeDirectory, NodeId, d.Recovery).ConfigureAwait(false);
                    var union = mine.Concat(reclaim).DistinctBy(r => r.Key).ToList();
                    await ClientRecordLog.CreateAsync(_file.Files, _nodeDirectory, d.Recovery, union).ConfigureAwait(false);
                }
                // And its addresses are this node's too, for the same reason.
                me.EndPoints = [.. me.EndPoints.Union(endPoints)];
                me.Enforcing = d.InGrace;
                took = true;
                return true;
            }).ConfigureAwait(false);
            if (!took) return;
            lock (_takenOver) _takenOver.Add(peer);
            Publish(db);
            _logger.LogWarning("Cluster node {Peer} is dead: {Node} took over its end points [{EndPoints}] and {Count} client(s); {Database}",
                peer, NodeId, string.Join(", ", endPoints), reclaim.Count, db);
            TookOver?.Invoke(reclaim, endPoints);
        }
        finally
        {
            await _file.ReleaseClaimAsync(peer).ConfigureAwait(false);
        }
    }

    /// <summary>The records a node's clients may reclaim: its current log and, in a grace period, those of the recovery and current epochs.</summary>
    private async Task<List<ClientRecord>> ReadRecordsAsync(FsalObject directory, string nodeId, ulong recordEpoch, GraceDatabase db)
    {
        var byKey = new Dictionary<string, ClientRecord>(StringComparer.Ordinal);
        foreach (ulong e in new[] { db.Recovery, recordEpoch, db.Current }.Where(e => e != 0).Distinct().Order())
        {
            foreach (var r in await ClientRecordLog.ReadAsync(_file.Files, directory, nodeId, e).ConfigureAwait(false)) byKey[r.Key] = r;
        }
        return [.. byKey.Values];
    }

    private async ValueTask SwitchLogAsync(ulong epoch)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await SwitchLogCoreAsync(epoch).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask SwitchLogCoreAsync(ulong epoch)
    {
        _log = await ClientRecordLog.CreateAsync(_file.Files, _nodeDirectory, epoch, _live.Values).ConfigureAwait(false);
        _logEpoch = epoch;
    }

    private void Publish(GraceDatabase db)
    {
        bool wasInGrace = _inGrace;
        _view = db;
        _reclaimsAllowed = !db.InGrace || db.AllEnforcing;
        _inGrace = db.InGrace;
        if (db.InGrace && !wasInGrace && _loop is not null) GraceStarted?.Invoke();
    }

    private TimeSpan Interval => TimeSpan.FromMilliseconds(Math.Max(50, _options.CheckIntervalMilliseconds));

    private async Task RunAsync()
    {
        while (!_stopping.IsCancellationRequested && !_fenced)
        {
            try
            {
                await Task.Delay(Interval, _stopping.Token).ConfigureAwait(false);
                await CheckAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Cluster check of node {Node} failed; retrying", NodeId);
            }
        }
    }

    private async Task FenceAsync(string reason)
    {
        _fenced = true;
        _inGrace = true; // grant nothing from now on
        _logger.LogCritical("Cluster node {Node} must stop serving: {Reason}", NodeId, reason);
        try
        {
            await _file.ReleaseAliveAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Releasing the liveness lock of {Node} failed", NodeId);
        }
        Fenced?.Invoke(reason);
    }

    /// <summary>
    /// Leaves: stops checking and gives up the liveness lock, so a survivor takes this node's
    /// clients over, as after a crash (its records stay for them).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _stopping.Cancel();
        if (_loop is not null) await _loop.ConfigureAwait(false);
        if (_file is not null && !_fenced)
        {
            try
            {
                await _file.ReleaseAliveAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Releasing the liveness lock of {Node} failed", NodeId);
            }
        }
        _stopping.Dispose();
    }
}
