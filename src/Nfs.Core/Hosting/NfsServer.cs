using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nfs.Core.Cluster;
using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Core.Identity;
using Nfs.Core.Mount;
using Nfs.Core.Nfs3;
using Nfs.Core.Nfs4;
using Nfs.Core.Nfs4.Operations;
using Nfs.Core.Nlm;
using Nfs.Core.Recovery;
using Nfs.Core.Rpc;
using Nfs.Core.State;
using Nfs.Core.Transport;

namespace Nfs.Core.Hosting;

/// <summary>
/// A running NFS server: the export table, NFSv4 state and program, the NFSv3 and MOUNT
/// programs (unless disabled), and the TCP listeners.
/// Hosts normally get it through <see cref="ServiceCollectionExtensions.AddNfsServer"/>; tests
/// and embedders may construct it directly.
/// </summary>
public sealed class NfsServer : IAsyncDisposable
{
    private readonly NfsServerOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly List<RpcTcpListener> _listeners = [];
    private readonly List<IPEndPoint> _nfsEndPoints = [];
    private readonly List<IPEndPoint> _mountEndPoints = [];
    private readonly List<IPEndPoint> _auxiliaryEndPoints = [];
    private readonly ILogger _logger;
    private Task<int>? _rpcbindRegistration;

    /// <summary>Creates a server whose exports' backends are already made (<see cref="ExportOptions.FileSystem"/>) or come from <paramref name="factories"/>.</summary>
    public NfsServer(IOptions<NfsServerOptions> options, IEnumerable<IFsalFactory> factories, IServiceProvider? services, ILoggerFactory loggers)
    {
        _options = options.Value;
        var validation = new NfsServerOptionsValidator().Validate(null, _options);
        if (validation.Failed) throw new OptionsValidationException("Nfs", typeof(NfsServerOptions), validation.Failures);
        _loggers = loggers;
        _logger = loggers.CreateLogger<NfsServer>();
        var byName = factories.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        var exports = new List<Export>();
        foreach (var e in _options.Exports)
        {
            var fs = e.FileSystem;
            if (fs is null)
            {
                if (!byName.TryGetValue(e.Fsal, out var factory))
                {
                    throw new InvalidOperationException($"export {e.Id} names backend '{e.Fsal}', which is not registered (registered: {string.Join(", ", byName.Keys)})");
                }
                fs = factory.Create(e, services ?? EmptyServiceProvider.Instance);
            }
            exports.Add(new Export(e, fs));
        }
        Exports = new ExportTable(exports);
        var recovery = _options.Recovery;
        _ownsRecoveryStore = recovery.Store is null;
        IClientRecoveryStore? store = recovery.Store;
        if (_options.Cluster.Enabled)
        {
            Cluster = new ClusterNode(ClusterStorage(exports, _options.Cluster), recovery.NodeId, _options.Cluster, loggers.CreateLogger<ClusterNode>());
            // The configured end points until the listeners are bound (Start publishes the real ports).
            store ??= new ClusterRecoveryStore(Cluster, () => [.. _options.ParseListen().Select(e => e.ToString())]);
        }
        RecoveryStore = store ?? (recovery.StateDirectory is null
            ? new InMemoryClientRecoveryStore()
            : new FileClientRecoveryStore(Path.Combine(recovery.StateDirectory, "nfs4"), recovery.NodeId, loggers.CreateLogger<FileClientRecoveryStore>()));
        State = new StateManager(_options.Nfs4, loggers.CreateLogger<StateManager>());
        var idMapper = new SystemIdMapper(Options.Create(_options.IdMapping));
        Nfs4 = new Nfs4Server(Exports, State, idMapper, Options.Create(_options.Nfs4), loggers.CreateLogger<Nfs4Server>())
        {
            MaxRecordSize = _options.Transport.MaxRecordSize,
            ZeroCopyReads = _options.Transport.ZeroCopyReads,
            ServerOwner = System.Text.Encoding.UTF8.GetBytes("fsal:" + (Cluster is null ? Environment.MachineName : recovery.NodeId)),
            ServerScope = Cluster is null ? null : System.Text.Encoding.UTF8.GetBytes("fsal-cluster:" + _options.Cluster.Name),
        };
        var program = new Nfs4Program(Nfs4, OperationCatalog.All(), loggers.CreateLogger<Nfs4Program>())
        {
            MaxMinorVersion = (uint)_options.Nfs4.MaxMinorVersion,
        };
        List<IRpcProgram> programs = [program];
        if (_options.Nlm.Enabled)
        {
            // NLM shares the NFSv4 state, so NFSv3 and NFSv4 clients see each other's locks.
            Nlm = new NlmService(Nfs4, _options.Nlm, recovery.HostStore ?? (recovery.StateDirectory is null
                ? new InMemoryMonitoredHostStore()
                : new FileMonitoredHostStore(Path.Combine(recovery.StateDirectory, "nlm"))), loggers.CreateLogger<NlmService>());
            programs.Add(new NlmProgram(Nlm));
            if (_options.Nlm.ServeStatusMonitor) programs.Add(new NsmProgram(Nlm));
        }
        if (_options.Nfs3.Enabled)
        {
            Nfs3 = new Nfs3Server(Nfs4, _options.Nfs3, loggers.CreateLogger<Nfs3Server>());
            Mounts = new MountTable();
            programs.Add(new Nfs3Program(Nfs3, Nfs3Procedures.All()));
            programs.Add(new MountProgram(Nfs3, Mounts, loggers.CreateLogger<MountProgram>()));
        }
        Dispatcher = new RpcDispatcher(programs, loggers.CreateLogger<RpcDispatcher>());
    }

    /// <summary>The backend of the export that holds the cluster database (<see cref="ClusterOptions.ExportId"/>; 0: the first export).</summary>
    internal static IFileSystem ClusterStorage(IEnumerable<Export> exports, ClusterOptions options)
    {
        var real = exports.Where(e => !ExportTable.IsPseudo(e));
        var shared = options.ExportId == 0 ? real.FirstOrDefault() : real.FirstOrDefault(e => e.Id == options.ExportId);
        return shared?.FileSystem ?? throw new InvalidOperationException($"the cluster database's export {options.ExportId} does not exist");
    }

    /// <summary>This gateway's membership of an active/active cluster (null unless <see cref="ClusterOptions.Enabled"/>).</summary>
    public ClusterNode? Cluster { get; }

    /// <summary>
    /// Raised when the cluster database says this node must stop serving (a survivor took it
    /// over, or an administrator asked for that): the listeners are closed already. The sample
    /// hosts stop the process.
    /// </summary>
    public event Action<string>? Fenced;

    /// <summary>End points of dead cluster peers this node took over and now serves.</summary>
    public IReadOnlyList<IPEndPoint> TakenOverEndPoints
    {
        get
        {
            lock (_listeners) return [.. _takenOverEndPoints];
        }
    }

    private readonly List<IPEndPoint> _takenOverEndPoints = [];

    /// <summary>The NLM lock manager for NFSv3 clients (null when <see cref="NlmOptions.Enabled"/> is off).</summary>
    public NlmService? Nlm { get; }

    /// <summary>Shared NFSv3 services, or null when NFSv3 is disabled.</summary>
    public Nfs3Server? Nfs3 { get; }

    /// <summary>The MOUNT list, or null when NFSv3 is disabled.</summary>
    public MountTable? Mounts { get; }

    /// <summary>The exports.</summary>
    public ExportTable Exports { get; }

    /// <summary>Stable storage of NFSv4 clients (in memory when no state directory is configured).</summary>
    public IClientRecoveryStore RecoveryStore { get; }

    /// <summary>The ordered writer to <see cref="RecoveryStore"/>, after <see cref="Start"/>.</summary>
    public ClientRecordQueue? ClientRecords { get; private set; }

    private readonly bool _ownsRecoveryStore;

    /// <summary>NFSv4 client and file state.</summary>
    public StateManager State { get; }

    /// <summary>Shared NFSv4 services.</summary>
    public Nfs4Server Nfs4 { get; }

    /// <summary>The RPC dispatcher.</summary>
    public RpcDispatcher Dispatcher { get; }

    /// <summary>The NFS end points (<see cref="NfsServerOptions.Listen"/>) listened on, with real ports, after <see cref="Start"/>.</summary>
    public IReadOnlyList<IPEndPoint> EndPoints => _nfsEndPoints;

    /// <summary>
    /// Where MOUNT is offered, after <see cref="Start"/>: the listeners of
    /// <see cref="Nfs3Options.MountPort"/>, or the NFS end points when it is unset; empty when
    /// NFSv3 is disabled.
    /// </summary>
    public IReadOnlyList<IPEndPoint> MountEndPoints => _mountEndPoints;

    /// <summary>The <see cref="NfsServerOptions.AuxiliaryListen"/> end points, after <see cref="Start"/>.</summary>
    public IReadOnlyList<IPEndPoint> AuxiliaryEndPoints => _auxiliaryEndPoints;

    /// <summary>
    /// Binds the listeners and starts serving; then, when configured, registers with rpcbind in
    /// the background (<see cref="RpcbindRegistered"/>).
    /// </summary>
    public void Start()
    {
        StartRecovery();
        foreach (var ep in _options.ParseListen()) _nfsEndPoints.Add(Listen(ep));
        if (Nfs3 is not null)
        {
            if (_options.Nfs3.MountPort is { } mountPort)
            {
                foreach (var ep in _options.ParseListen())
                {
                    var bound = Listen(new IPEndPoint(ep.Address, mountPort));
                    _mountEndPoints.Add(bound);
                    _logger.LogInformation("MOUNT served on {EndPoint}", bound);
                }
            }
            else
            {
                _mountEndPoints.AddRange(_nfsEndPoints);
            }
        }
        foreach (var ep in _options.ParseAuxiliaryListen())
        {
            var bound = Listen(ep);
            _auxiliaryEndPoints.Add(bound);
            _logger.LogInformation("Auxiliary RPC listener on {EndPoint}", bound);
        }
        _logger.LogInformation("NFS server serving {Count} export(s) over {Versions}: {Exports}", Exports.Exports.Count,
            Nfs3 is null ? "NFSv4" : "NFSv3 and NFSv4", string.Join("; ", Exports.Exports));
        if (_options.Rpcbind.Register)
        {
            _rpcbindRegistration = RpcbindRegistration.UpdateAsync(_options.Rpcbind.ParseEndPoint(), RpcbindMappings(), register: true, _logger);
        }
        // Clients that held NLM locks before a restart reclaim them once told (needs a durable host store to find anyone).
        if (Nlm is { } nlm) _ = NotifyRestartQuietlyAsync(nlm);
        if (Cluster is { } cluster)
        {
            cluster.PublishEndPointsAsync([.. _nfsEndPoints.Select(e => e.ToString())]).GetAwaiter().GetResult();
            cluster.Start();
        }
    }

    /// <summary>How many program versions rpcbind accepted, once registration finished (0 when it is off or failed).</summary>
    public Task<int> RpcbindRegistered => _rpcbindRegistration ?? Task.FromResult(0);

    private IPEndPoint Listen(IPEndPoint ep)
    {
        var listener = new RpcTcpListener(Dispatcher, _options.Transport, _loggers.CreateLogger<RpcTcpListener>());
        listener.Start(ep);
        lock (_listeners) _listeners.Add(listener);
        return listener.LocalEndPoint!;
    }

    /// <summary>Every version of every program on the first NFS port; MOUNT on its own port when it has one.</summary>
    private List<RpcbindRegistration.Mapping> RpcbindMappings()
    {
        var mappings = new List<RpcbindRegistration.Mapping>();
        foreach (var program in Dispatcher.Programs)
        {
            int port = program is MountProgram && _mountEndPoints.Count > 0 ? _mountEndPoints[0].Port : _nfsEndPoints[0].Port;
            for (uint v = program.MinVersion; v <= program.MaxVersion; v++) mappings.Add(new(program.Program, v, port));
        }
        return mappings;
    }

    /// <summary>Unregisters from rpcbind (when registered), stops listening, closes connections and stops lease handling.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_rpcbindRegistration is { } registration && await registration.ConfigureAwait(false) > 0)
        {
            await RpcbindRegistration.UpdateAsync(_options.Rpcbind.ParseEndPoint(), RpcbindMappings(), register: false, _logger).ConfigureAwait(false);
        }
        _rpcbindRegistration = null;
        if (Cluster is not null) await Cluster.DisposeAsync().ConfigureAwait(false);
        await CloseListenersAsync().ConfigureAwait(false);
        _nfsEndPoints.Clear();
        _mountEndPoints.Clear();
        _auxiliaryEndPoints.Clear();
        await Nfs4.Copies.DisposeAsync().ConfigureAwait(false);
        await Nfs4.Callbacks.DisposeAsync().ConfigureAwait(false);
        if (Nlm is not null) await Nlm.DisposeAsync().ConfigureAwait(false);
        State.Dispose();
        if (ClientRecords is not null) await ClientRecords.DisposeAsync().ConfigureAwait(false);
        if (_ownsRecoveryStore) await RecoveryStore.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Begins a new epoch in the recovery store and, when clients or NFSv3 hosts of the previous
    /// instance are on record, the grace period in which they reclaim. Runs before the listeners
    /// bind, so no request is served outside the right grace state. Blocking is fine here: the
    /// store is read once, at start.
    /// </summary>
    private void StartRecovery()
    {
        var start = RecoveryStore.StartAsync().AsTask().GetAwaiter().GetResult();
        int hosts = Nlm is null ? 0 : Nlm.Hosts.GetAllAsync().AsTask().GetAwaiter().GetResult().Count;
        var length = TimeSpan.FromSeconds(_options.Nfs4.GraceSeconds ?? _options.Nfs4.LeaseSeconds);
        var grace = new GracePeriod(start.Reclaimable, hosts, length, Cluster);
        var records = new ClientRecordQueue(RecoveryStore, _options.Recovery.NodeId, start.Epoch, _loggers.CreateLogger<ClientRecordQueue>());
        ClientRecords = records;
        if (Cluster is { } cluster) JoinClusterEvents(cluster, records, length);
        if (_options.Recovery.StateDirectory is null && _options.Recovery.Store is null)
        {
            _logger.LogInformation("No state directory: NFSv4 clients and NFSv3 lock holders cannot reclaim their state after a restart");
        }
        if (grace.Active)
        {
            _logger.LogInformation("Grace period of {Seconds} s for {Clients} NFSv4 client(s) and {Hosts} NFSv3 host(s) on record (epoch {Epoch})",
                length.TotalSeconds, grace.ClientsOnRecord, grace.HostsOnRecord, start.Epoch);
            EndGraceWith(grace, records);
        }
        else
        {
            records.EndGrace();
        }
        State.BeginRecovery(records, grace);
    }

    private void EndGraceWith(GracePeriod grace, ClientRecordQueue records) => grace.Ended += () =>
    {
        _logger.LogInformation("Grace period ended");
        records.EndGrace();
    };

    /// <summary>
    /// Follows the cluster: a grace period started elsewhere holds this node's too; a dead peer
    /// taken over brings its clients (who may reclaim here) and its end points (served from
    /// now on); fencing closes every listener.
    /// </summary>
    private void JoinClusterEvents(ClusterNode cluster, ClientRecordQueue records, TimeSpan length)
    {
        State.ConfirmPeersAlive = cluster.PeersAliveAsync;
        cluster.LocalReclaimDone = () => State.Grace.LocallyDone;
        cluster.LocalLift = () => State.Grace.Lift();
        cluster.GraceStarted += () =>
        {
            // A reclaim window of this node's own still runs, and ends with the cluster's: keep it.
            if (!State.Grace.LocallyDone) return;
            var held = new GracePeriod([], 0, TimeSpan.Zero, cluster);
            EndGraceWith(held, records);
            State.ReplaceGrace(held);
            _logger.LogInformation("Cluster grace period: no new state is granted until it ends");
        };
        cluster.TookOver += (reclaim, endPoints) =>
        {
            if (reclaim.Count > 0)
            {
                var current = State.Grace;
                var merged = new GracePeriod(current.Active ? [.. current.Reclaimable, .. reclaim] : reclaim, 0, length, cluster);
                EndGraceWith(merged, records);
                State.ReplaceGrace(merged);
            }
            foreach (var text in endPoints)
            {
                if (!IPEndPoint.TryParse(text, out var ep)) continue;
                try
                {
                    var bound = Listen(ep);
                    lock (_listeners) _takenOverEndPoints.Add(bound);
                    _logger.LogWarning("Serving {EndPoint}, taken over from a dead cluster peer", bound);
                }
                catch (System.Net.Sockets.SocketException ex)
                {
                    // On a real network the address must be moved to this host first (keepalived, pacemaker...).
                    _logger.LogError("Cannot serve taken-over end point {EndPoint}: {Reason}", ep, ex.Message);
                }
            }
        };
        cluster.Fenced += reason =>
        {
            _ = Task.Run(async () =>
            {
                await CloseListenersAsync().ConfigureAwait(false);
                Fenced?.Invoke(reason);
            });
        };
    }

    private async Task CloseListenersAsync()
    {
        List<RpcTcpListener> listeners;
        lock (_listeners)
        {
            listeners = [.. _listeners];
            _listeners.Clear();
        }
        foreach (var l in listeners) await l.DisposeAsync().ConfigureAwait(false);
    }

    private async Task NotifyRestartQuietlyAsync(NlmService nlm)
    {
        try
        {
            int notified = await nlm.NotifyRestartAsync().ConfigureAwait(false);
            if (notified > 0) _logger.LogInformation("Told {Count} NFSv3 client host(s) to reclaim their locks", notified);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Restart notification of NFSv3 clients failed");
        }
    }

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public static readonly EmptyServiceProvider Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
