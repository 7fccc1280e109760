using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nfs.Core.Exports;
using Nfs.Core.Identity;
using Nfs.Core.State;

namespace Nfs.Core.Nfs4;

/// <summary>
/// The services NFSv4 operation handlers share: exports, state, ID mapping, options and the
/// write verifier. One per server.
/// </summary>
public sealed class Nfs4Server
{
    /// <summary>Creates the server services.</summary>
    public Nfs4Server(ExportTable exports, StateManager state, IIdMapper idMapper, IOptions<Nfs4Options> options, ILogger<Nfs4Server> logger)
    {
        Exports = exports;
        State = state;
        IdMapper = idMapper;
        Options = options.Value;
        Logger = logger;
        Span<byte> v = stackalloc byte[8];
        RandomNumberGenerator.Fill(v);
        WriteVerifier = BitConverter.ToUInt64(v);
        state.OpensReleased += CloseReleased;
        state.LocksReleased += ReleaseBackendLocks;
        Attributes = new Attributes.AttributeEncoder(this);
        Callbacks = new Callbacks.CallbackService(logger);
        Copies = new Copy.AsyncCopyTable(state.BootEpoch, logger);
        foreach (var export in exports.Exports)
        {
            if (export.FileSystem is Fsal.IChangeNotifications shared)
            {
                var e = export;
                _changeSubscriptions.Add(shared.Subscribe(change => Delegations.DelegationRecalls.RecallForOutsideChange(this, e, change.Key.Span)));
            }
        }
    }

    private readonly List<IDisposable> _changeSubscriptions = [];

    /// <summary>Asynchronous COPYs (NFSv4.2), for OFFLOAD_STATUS and OFFLOAD_CANCEL.</summary>
    public Copy.AsyncCopyTable Copies { get; }

    /// <summary>Sends callbacks (recalls, copy completions) to clients.</summary>
    public Callbacks.CallbackService Callbacks { get; }

    /// <summary>server_owner4 major id of EXCHANGE_ID: the same for every client of this server.</summary>
    public byte[] ServerOwner { get; init; } = System.Text.Encoding.UTF8.GetBytes("fsal:" + Environment.MachineName);

    /// <summary>
    /// server_scope of EXCHANGE_ID (the major id when unset). The nodes of a cluster share one,
    /// which tells clients that state may be reclaimed on any of them (RFC 8881 section 2.10.4).
    /// </summary>
    public byte[]? ServerScope { get; init; }

    /// <summary>Whether large READ data may be sent straight from backend files (see <see cref="Fsal.IZeroCopyRead"/>).</summary>
    public bool ZeroCopyReads { get; init; } = true;

    /// <summary>Largest RPC record the transport accepts (bounds session channel sizes).</summary>
    public int MaxRecordSize { get; init; } = 4 * 1024 * 1024 + 64 * 1024;

    /// <summary>The fattr4 encoder.</summary>
    public Attributes.AttributeEncoder Attributes { get; }

    /// <summary>The export table.</summary>
    public ExportTable Exports { get; }

    /// <summary>Client and file state.</summary>
    public StateManager State { get; }

    /// <summary>Owner string mapping.</summary>
    public IIdMapper IdMapper { get; }

    /// <summary>Protocol options.</summary>
    public Nfs4Options Options { get; }

    /// <summary>Logger for handlers.</summary>
    public ILogger Logger { get; }

    /// <summary>
    /// The write verifier: random per server start, so a client that sent UNSTABLE writes
    /// notices a restart at COMMIT and sends them again.
    /// </summary>
    public ulong WriteVerifier { get; }

    private void CloseReleased(IReadOnlyList<OpenState> opens)
    {
        foreach (var open in opens)
        {
            var token = open.BackendToken;
            open.BackendToken = null;
            if (token is null) continue;
            _ = CloseQuietlyAsync(open, token);
        }
    }

    private void ReleaseBackendLocks(IReadOnlyList<(FileState File, LockOwner Owner)> released)
    {
        foreach (var (file, owner) in released)
        {
            if (file.Export.FileSystem is Fsal.IByteRangeLocks locks) _ = ReleaseQuietlyAsync(locks, file, owner);
            else State.OnLocksFreed(file);
        }
    }

    private async Task ReleaseQuietlyAsync(Fsal.IByteRangeLocks locks, FileState file, LockOwner owner)
    {
        try
        {
            await locks.ReleaseAsync(file.Object, owner.BackendIdentity).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "Releasing backend locks failed");
        }
        State.OnLocksFreed(file);
    }

    private async Task CloseQuietlyAsync(OpenState open, object token)
    {
        try
        {
            await open.File.Export.FileSystem.CloseAsync(open.File.Object, token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "Closing a released open failed");
        }
    }
}
