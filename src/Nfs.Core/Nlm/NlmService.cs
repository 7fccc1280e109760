using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Core.Nfs4;
using Nfs.Core.Nfs4.Delegations;
using Nfs.Core.Rpc;
using Nfs.Core.State;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nlm;

namespace Nfs.Core.Nlm;

/// <summary>
/// The lock manager for NFSv3 clients: NLM locks and shares in the same tables as NFSv4 state
/// (<see cref="StateManager"/>), handed to backends that keep locks (<see cref="IByteRangeLocks"/>)
/// like NFSv4 locks; blocked requests, granted when the range frees and announced to the client's
/// lock manager; and the list of client hosts to notify after a restart. <see cref="NlmProgram"/>
/// is its wire front end.
/// </summary>
public sealed class NlmService : IAsyncDisposable
{
    private readonly Nfs4Server _nfs4;
    private readonly ExportTable _exports;
    private readonly StateManager _state;
    private readonly NlmOptions _options;
    private readonly ILogger _logger;
    private readonly object _queueLock = new();
    private readonly Dictionary<NfsFileHandle, List<BlockedLock>> _blocked = new();
    private int _blockedCount;
    private readonly ConcurrentDictionary<ulong, BlockedLock> _grantsAwaitingAnswer = new();
    private readonly Channel<NfsFileHandle> _retries = Channel.CreateBounded<NfsFileHandle>(new BoundedChannelOptions(4096) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _retryLoop;
    private readonly Timer _retryTimer;
    private readonly ClientServiceCaller _clients;

    /// <summary>Creates the service; blocked requests are retried from now on.</summary>
    public NlmService(Nfs4Server nfs4, NlmOptions options, IMonitoredHostStore hosts, ILogger<NlmService> logger)
    {
        _nfs4 = nfs4;
        _exports = nfs4.Exports;
        _state = nfs4.State;
        var state = _state;
        _options = options;
        _logger = logger;
        Hosts = hosts;
        ServerName = string.IsNullOrEmpty(options.ServerName) ? Environment.MachineName : options.ServerName;
        state.NlmMaxHosts = options.MaxHosts;
        state.NlmMaxOwnersPerHost = options.MaxOwnersPerHost;
        var timeout = TimeSpan.FromSeconds(options.CallbackTimeoutSeconds);
        _clients = new ClientServiceCaller(new PortmapperLocator(options.PortmapperPort, timeout), timeout, ServerName);
        state.LocksFreed += file => ScheduleRetry(file.Handle);
        _retryLoop = Task.Run(RetryLoopAsync);
        _retryTimer = new Timer(_ => ScheduleAllRetries(), null, options.BlockedRetrySeconds * 1000, options.BlockedRetrySeconds * 1000);
    }

    /// <summary>Where clients' lock managers and status monitors are looked up (their port mapper by default; tests set their own).</summary>
    public IRpcServiceLocator Locator
    {
        get => _clients.Locator;
        set => _clients.Locator = value;
    }

    /// <summary>The client hosts to notify after a restart.</summary>
    public IMonitoredHostStore Hosts { get; }

    /// <summary>This server's name in SM_NOTIFY.</summary>
    public string ServerName { get; }

    /// <summary>Blocked requests waiting now.</summary>
    public int BlockedCount => Volatile.Read(ref _blockedCount);

    // ------------------------------------------------------------------ requests

    /// <summary>TEST: GRANTED, or DENIED with the lock (NFSv4, NLM or the backend's) in the way.</summary>
    internal async ValueTask<(Nlm4Stats Status, Nlm4Holder Holder)> TestAsync(RpcCall call, Nlm4TestArgs args)
    {
        if (_state.InGrace) return (Nlm4Stats.DeniedGracePeriod, default);
        var s = Resolve(call, args.Lock.FileHandle, out var handle, out var export, out var obj);
        if (s != Nlm4Stats.Granted) return (s, default);
        var (start, end, backendLength) = Range(args.Lock.Offset, args.Lock.Length);
        var owner = new NlmOwnerId(args.Lock.CallerName, args.Lock.Svid, args.Lock.OwnerHandle);
        if (DelegationRecalls.Recall(_nfs4, handle, write: args.Exclusive)) return (Nlm4Stats.DeniedGracePeriod, default);
        if (_state.NlmTest(handle, owner, args.Exclusive, start, end) is { } c)
        {
            ILockHolder holder = c.Owner;
            return (Nlm4Stats.Denied, new Nlm4Holder(c.Exclusive, holder.NlmSvid, holder.NlmOwnerHandle, c.Start, c.End == ulong.MaxValue ? 0 : c.End - c.Start + 1));
        }
        if (export.FileSystem is IByteRangeLocks backend)
        {
            // Locks held outside this server: local processes, other gateways of the storage.
            var identity = NlmLockOwner.IdentityOf(owner.Host, owner.Svid, owner.OwnerHandle.Span);
            var tested = await backend.TestLockAsync(Context(export, call.Caller), obj, identity,
                args.Exclusive ? FsalLockType.Write : FsalLockType.Read, start, backendLength).ConfigureAwait(false);
            if (!tested.IsOk) return (Map(tested.Status, start), default);
            if (tested.Value.Exists)
            {
                var held = tested.Value;
                return (Nlm4Stats.Denied, new Nlm4Holder(held.Type == FsalLockType.Write, 0, ReadOnlyMemory<byte>.Empty, held.Offset, held.Length == ulong.MaxValue ? 0 : held.Length));
            }
        }
        return (Nlm4Stats.Granted, default);
    }

    /// <summary>
    /// LOCK, LOCK_MSG and NM_LOCK (<paramref name="monitored"/> false: the host is not recorded
    /// for restart notification). A conflicting request with block = true is queued (BLOCKED).
    /// </summary>
    internal async ValueTask<Nlm4Stats> LockAsync(RpcCall call, Nlm4LockArgs args, bool monitored, bool viaMessage)
    {
        if (_state.InGrace && !args.Reclaim) return Nlm4Stats.DeniedGracePeriod;
        var s = Resolve(call, args.Lock.FileHandle, out var handle, out var export, out var obj);
        if (s != Nlm4Stats.Granted) return s;
        var (start, end, backendLength) = Range(args.Lock.Offset, args.Lock.Length);
        var wire = Copy(args.Lock);
        var owner = new NlmOwnerId(wire.CallerName, wire.Svid, wire.OwnerHandle);
        var request = new LockRequest(handle, export, obj, owner, call.ClientAddress, args.State, args.Exclusive, start, end, backendLength,
            export.MapCredential(call.Caller), monitored);
        var (status, _, _) = await TryLockAsync(request).ConfigureAwait(false);
        // DENIED_GRACE_PERIOD here means delegations are being recalled: a blocked request waits for them too.
        if (status is not (Nlm4Stats.Denied or Nlm4Stats.DeniedGracePeriod) || !args.Block) return status;
        return Enqueue(new BlockedLock(request, wire, args.Cookie.ToArray(), viaMessage));
    }

    /// <summary>CANCEL: withdraws a blocked request (GRANTED whether or not one was waiting, as the Linux server answers).</summary>
    internal Nlm4Stats Cancel(RpcCall call, Nlm4CancelArgs args)
    {
        if (!TryHandle(args.Lock.FileHandle.Span, out var handle)) return Nlm4Stats.StaleFileHandle;
        var owner = new NlmOwnerId(args.Lock.CallerName, args.Lock.Svid, args.Lock.OwnerHandle);
        RemoveWaiters(w => w.Matches(handle, owner, args.Lock.Offset, args.Lock.Length, args.Exclusive));
        return Nlm4Stats.Granted;
    }

    /// <summary>UNLOCK: releases the range (GRANTED even when nothing was held) and withdraws the owner's blocked requests there.</summary>
    internal async ValueTask<Nlm4Stats> UnlockAsync(RpcCall call, Nlm4UnlockArgs args)
    {
        var s = Resolve(call, args.Lock.FileHandle, out var handle, out var export, out var obj);
        if (s != Nlm4Stats.Granted) return s;
        var (start, end, backendLength) = Range(args.Lock.Offset, args.Lock.Length);
        var owner = new NlmOwnerId(args.Lock.CallerName, args.Lock.Svid, args.Lock.OwnerHandle);
        RemoveWaiters(w => w.Request.Handle.Equals(handle) && w.SameOwner(owner) && w.Request.Start <= end && start <= w.Request.End);
        if (!_state.NlmUnlock(handle, owner, start, end, out var file, out var lockOwner, out bool released)) return Nlm4Stats.Granted;
        if (export.FileSystem is IByteRangeLocks backend)
        {
            if (released) await backend.ReleaseAsync(obj, lockOwner!.BackendIdentity).ConfigureAwait(false);
            else await backend.LockAsync(Context(export, call.Caller), obj, null, lockOwner!.BackendIdentity, FsalLockType.Unlock, start, backendLength).ConfigureAwait(false);
        }
        ScheduleRetry(file!.Handle);
        return Nlm4Stats.Granted;
    }

    /// <summary>SHARE: a DOS share reservation, checked against NFSv4 opens and other shares.</summary>
    internal async ValueTask<Nlm4Stats> ShareAsync(RpcCall call, Nlm4ShareArgs args)
    {
        if (_state.InGrace && !args.Reclaim) return Nlm4Stats.DeniedGracePeriod;
        var share = args.Share;
        var s = Resolve(call, share.FileHandle, out var handle, out var export, out var obj);
        if (s != Nlm4Stats.Granted) return s;
        bool write = (share.Access & Nlm4ShareAccess.Write) != 0 || share.Mode != Nlm4ShareMode.DenyNone;
        if (DelegationRecalls.Recall(_nfs4, handle, write)) return Nlm4Stats.DeniedGracePeriod;
        s = _state.NlmShare(handle, export, obj, share.CallerName, share.OwnerHandle.Span, call.ClientAddress, (uint)share.Access, (uint)share.Mode);
        if (s == Nlm4Stats.Granted) await Hosts.AddAsync(new MonitoredHost(share.CallerName, call.ClientAddress)).ConfigureAwait(false);
        return s;
    }

    /// <summary>UNSHARE.</summary>
    internal Nlm4Stats Unshare(RpcCall call, Nlm4ShareArgs args)
    {
        if (!TryHandle(args.Share.FileHandle.Span, out var handle)) return Nlm4Stats.StaleFileHandle;
        _state.NlmUnshare(handle, args.Share.CallerName, args.Share.OwnerHandle.Span);
        return Nlm4Stats.Granted;
    }

    /// <summary>The client's answer (GRANTED_RES) to a GRANTED_MSG: a refusal releases the lock.</summary>
    internal async ValueTask GrantedResultAsync(Nlm4Result result)
    {
        if (result.Cookie.Length != 8 || !_grantsAwaitingAnswer.TryRemove(BinaryPrimitives.ReadUInt64BigEndian(result.Cookie.Span), out var waiter)) return;
        if (result.Stat != Nlm4Stats.Granted) await ReleaseGrantAsync(waiter, $"the client answered GRANTED_MSG with {result.Stat}").ConfigureAwait(false);
    }

    /// <summary>
    /// FREE_ALL, and SM_NOTIFY of a restarted client: drops every lock, share and blocked
    /// request of the host named <paramref name="name"/>. With a <paramref name="sender"/> (the
    /// request's source), only a host last seen at that address, or any when it comes from this
    /// machine, so one client cannot drop another's locks by naming it; and when no host of that
    /// name matches, the hosts last seen at the sender's address (a status monitor may name its
    /// host otherwise than its lock manager does). Returns how many hosts were dropped.
    /// </summary>
    public async ValueTask<int> FreeAllAsync(string name, IPAddress? sender = null)
    {
        bool trusted = sender is null || IPAddress.IsLoopback(sender);
        var released = _state.NlmFreeHosts(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase) && (trusted || sender!.Equals(h.Address)), out var hosts);
        if (hosts.Count == 0 && sender is not null) released = _state.NlmFreeHosts(h => sender.Equals(h.Address), out hosts);
        RemoveWaiters(w => hosts.Contains(w.Request.Owner.Host, StringComparer.OrdinalIgnoreCase)
            || (string.Equals(w.Request.Owner.Host, name, StringComparison.OrdinalIgnoreCase) && (trusted || sender!.Equals(w.Request.Client))));
        foreach (var (file, owner) in released)
        {
            if (file.Export.FileSystem is IByteRangeLocks backend) await ReleaseQuietlyAsync(backend, file.Object, owner.BackendIdentity).ConfigureAwait(false);
            ScheduleRetry(file.Handle);
        }
        foreach (var h in hosts) await Hosts.RemoveAsync(h).ConfigureAwait(false);
        if (trusted) await Hosts.RemoveAsync(name).ConfigureAwait(false);
        if (hosts.Count > 0) _logger.LogInformation("Released the NLM locks and shares of {Hosts}", string.Join(", ", hosts));
        return hosts.Count;
    }

    // ------------------------------------------------------------------ locking

    /// <summary>Takes a lock in the shared table and, when the backend keeps locks, in the backend too.</summary>
    private async ValueTask<(Nlm4Stats Status, FileState? File, NlmLockOwner? Owner)> TryLockAsync(LockRequest r)
    {
        // An NFSv4 client holding a delegation may keep locks to itself (read locks under a read
        // delegation, any under a write one): recall first. NLM has no DELAY; DENIED_GRACE_PERIOD
        // makes clients wait and ask again, as the Linux client does.
        if (DelegationRecalls.Recall(_nfs4, r.Handle, write: r.Exclusive)) return (Nlm4Stats.DeniedGracePeriod, null, null);
        var s = _state.NlmLock(r.Handle, r.Export, r.Object, r.Owner, r.Client, r.NsmState, r.Exclusive, r.Start, r.End, out var file, out var owner, out _);
        if (s != Nlm4Stats.Granted) return (s, null, null);
        if (r.Export.FileSystem is IByteRangeLocks backend)
        {
            var bs = await backend.LockAsync(new FsalContext(r.Credential, CancellationToken.None), r.Object, null, owner!.BackendIdentity,
                r.Exclusive ? FsalLockType.Write : FsalLockType.Read, r.Start, r.BackendLength).ConfigureAwait(false);
            if (bs != FsalStatus.Ok)
            {
                if (_state.NlmUnlock(file, owner, r.Start, r.End)) await ReleaseQuietlyAsync(backend, r.Object, owner.BackendIdentity).ConfigureAwait(false);
                // Held by someone outside this server (a local process, another gateway).
                return (bs == FsalStatus.Locked ? Nlm4Stats.Denied : Map(bs, r.Start), null, null);
            }
            if (_state.ConfirmPeersAlive is { } confirm && !await confirm().ConfigureAwait(false))
            {
                // A cluster peer died unnoticed: its clients' locks may be gone from the backend
                // before the cluster's grace period protects them.
                if (_state.NlmUnlock(file, owner, r.Start, r.End)) await ReleaseQuietlyAsync(backend, r.Object, owner.BackendIdentity).ConfigureAwait(false);
                return (Nlm4Stats.DeniedGracePeriod, null, null);
            }
        }
        if (r.Monitored) await Hosts.AddAsync(new MonitoredHost(r.Owner.Host, r.Client)).ConfigureAwait(false);
        return (Nlm4Stats.Granted, file, owner);
    }

    private Nlm4Stats Enqueue(BlockedLock waiter)
    {
        var r = waiter.Request;
        lock (_queueLock)
        {
            if (!_blocked.TryGetValue(r.Handle, out var list)) _blocked[r.Handle] = list = [];
            foreach (var w in list)
            {
                // The client sends a blocked LOCK again now and then: the same request, still waiting.
                if (w.Matches(r.Handle, r.Owner, waiter.WireLock.Offset, waiter.WireLock.Length, r.Exclusive))
                {
                    w.Cookie = waiter.Cookie;
                    return Nlm4Stats.Blocked;
                }
            }
            if (_blockedCount >= _options.MaxBlockedLocks)
            {
                if (list.Count == 0) _blocked.Remove(r.Handle);
                return Nlm4Stats.DeniedNoLocks;
            }
            list.Add(waiter);
            _blockedCount++;
        }
        // The holder may have let go between the attempt and the queueing.
        ScheduleRetry(r.Handle);
        return Nlm4Stats.Blocked;
    }

    private void RemoveWaiters(Func<BlockedLock, bool> match)
    {
        lock (_queueLock)
        {
            List<NfsFileHandle>? emptied = null;
            foreach (var (handle, list) in _blocked)
            {
                for (int i = list.Count - 1; i >= 0; i--)
                {
                    if (!match(list[i])) continue;
                    list[i].Cancelled = true;
                    list.RemoveAt(i);
                    _blockedCount--;
                }
                if (list.Count == 0) (emptied ??= []).Add(handle);
            }
            if (emptied is not null) foreach (var h in emptied) _blocked.Remove(h);
        }
    }

    private void ScheduleRetry(in NfsFileHandle handle)
    {
        if (Volatile.Read(ref _blockedCount) > 0) _retries.Writer.TryWrite(handle);
    }

    private void ScheduleAllRetries()
    {
        if (Volatile.Read(ref _blockedCount) == 0) return;
        NfsFileHandle[] handles;
        lock (_queueLock) handles = [.. _blocked.Keys];
        foreach (var h in handles) _retries.Writer.TryWrite(h);
    }

    /// <summary>One loop retries blocked requests, file by file, in the order they arrived.</summary>
    private async Task RetryLoopAsync()
    {
        try
        {
            await foreach (var handle in _retries.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    await RetryFileAsync(handle).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    _logger.LogError(ex, "Retrying blocked NLM locks failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RetryFileAsync(NfsFileHandle handle)
    {
        BlockedLock[] waiters;
        lock (_queueLock)
        {
            if (!_blocked.TryGetValue(handle, out var list)) return;
            waiters = [.. list];
        }
        foreach (var w in waiters)
        {
            if (w.Cancelled) continue;
            var (status, file, owner) = await TryLockAsync(w.Request).ConfigureAwait(false);
            if (status is Nlm4Stats.Denied or Nlm4Stats.DeniedGracePeriod) continue;
            bool cancelled;
            lock (_queueLock)
            {
                cancelled = w.Cancelled;
                if (!cancelled && _blocked.TryGetValue(handle, out var list) && list.Remove(w))
                {
                    _blockedCount--;
                    if (list.Count == 0) _blocked.Remove(handle);
                }
                w.Cancelled = true;
            }
            if (status != Nlm4Stats.Granted)
            {
                // The file went away or the backend failed: nothing to wait for any more.
                _logger.LogInformation("Dropping blocked NLM lock of {Owner}: {Status}", w.Request.Owner.Host, status);
                continue;
            }
            w.Granted = (file!, owner!);
            if (cancelled)
            {
                // CANCEL (or UNLOCK) arrived while this attempt ran: the client no longer wants it.
                await ReleaseGrantAsync(w, null).ConfigureAwait(false);
                continue;
            }
            _ = DeliverGrantAsync(w);
        }
    }

    /// <summary>Tells the client its blocked lock was granted; a refusal, or no answer after the retries, releases it.</summary>
    private async Task DeliverGrantAsync(BlockedLock w)
    {
        Span<byte> cookieBytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(cookieBytes);
        ulong cookie = BinaryPrimitives.ReadUInt64BigEndian(cookieBytes);
        var args = new Nlm4TestArgs(cookieBytes.ToArray(), w.Request.Exclusive, w.WireLock);
        for (int attempt = 0; attempt <= _options.GrantedRetries; attempt++)
        {
            try
            {
                if (attempt > 0) await Task.Delay(TimeSpan.FromSeconds(_options.GrantedRetrySeconds), _stop.Token).ConfigureAwait(false);
                if (w.ViaMessage)
                {
                    _grantsAwaitingAnswer[cookie] = w;
                    var sent = await _clients.CallAsync(w.Request.Client, NlmConstants.Program, NlmConstants.Version4, (uint)NlmProcedure.GrantedMsg, args.Encode).ConfigureAwait(false);
                    if (sent.Header.IsSuccess) return; // the answer comes as GRANTED_RES
                    _grantsAwaitingAnswer.TryRemove(cookie, out _);
                    continue;
                }
                var reply = await _clients.CallAsync(w.Request.Client, NlmConstants.Program, NlmConstants.Version4, (uint)NlmProcedure.Granted, args.Encode).ConfigureAwait(false);
                if (!reply.Header.IsSuccess) continue;
                var result = Nlm4Result.Decode(reply.Results);
                if (result.Stat == Nlm4Stats.Granted) return;
                if (result.Stat == Nlm4Stats.DeniedGracePeriod) continue; // the client restarted and is in its own grace period
                await ReleaseGrantAsync(w, $"the client answered GRANTED with {result.Stat}").ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _grantsAwaitingAnswer.TryRemove(cookie, out _);
                _logger.LogDebug(ex, "GRANTED to {Client} failed (attempt {Attempt})", w.Request.Client, attempt + 1);
            }
        }
        await ReleaseGrantAsync(w, "the client's lock manager could not be reached").ConfigureAwait(false);
    }

    private async Task ReleaseGrantAsync(BlockedLock w, string? why)
    {
        if (w.Granted is not { } granted) return;
        w.Granted = null;
        if (why is not null) _logger.LogInformation("Releasing the lock granted to {Owner}: {Why}", granted.Owner, why);
        var r = w.Request;
        bool released = _state.NlmUnlock(granted.File, granted.Owner, r.Start, r.End);
        if (r.Export.FileSystem is IByteRangeLocks backend)
        {
            if (released) await ReleaseQuietlyAsync(backend, r.Object, granted.Owner.BackendIdentity).ConfigureAwait(false);
            else await backend.LockAsync(new FsalContext(r.Credential, CancellationToken.None), r.Object, null, granted.Owner.BackendIdentity,
                FsalLockType.Unlock, r.Start, r.BackendLength).ConfigureAwait(false);
        }
        ScheduleRetry(r.Handle);
    }

    private async ValueTask ReleaseQuietlyAsync(IByteRangeLocks backend, FsalObject obj, byte[] identity)
    {
        try
        {
            await backend.ReleaseAsync(obj, identity).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Releasing backend locks failed");
        }
    }

    // ------------------------------------------------------------------ asynchronous results

    /// <summary>Sends the result of a _MSG request to the client's lock manager as the matching *_RES call.</summary>
    internal void SendResult(IPAddress client, NlmProcedure procedure, Action<Protocol.Xdr.XdrWriter> writeResult) => _ = SendResultAsync(client, procedure, writeResult);

    private async Task SendResultAsync(IPAddress client, NlmProcedure procedure, Action<Protocol.Xdr.XdrWriter> writeResult)
    {
        try
        {
            await _clients.CallAsync(client, NlmConstants.Program, NlmConstants.Version4, (uint)procedure, writeResult).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "{Procedure} to {Client} failed", procedure, client);
        }
    }

    // ------------------------------------------------------------------ restart notification

    /// <summary>
    /// Sends SM_NOTIFY (this server's name and state) to the status monitor of every recorded
    /// host, so they reclaim their locks; hosts notified are forgotten (they are recorded again
    /// as they reclaim). Returns how many were notified.
    /// </summary>
    public async Task<int> NotifyRestartAsync()
    {
        var hosts = await Hosts.GetAllAsync().ConfigureAwait(false);
        if (hosts.Count == 0) return 0;
        int state = await Hosts.GetServerStateAsync().ConfigureAwait(false);
        var change = new Protocol.Nsm.NsmStatusChange(ServerName, state);
        int notified = 0;
        foreach (var host in hosts)
        {
            try
            {
                var reply = await _clients.CallAsync(host.Address, Protocol.Nsm.NsmConstants.Program, Protocol.Nsm.NsmConstants.Version,
                    (uint)Protocol.Nsm.NsmProcedure.Notify, change.Encode).ConfigureAwait(false);
                if (!reply.Header.IsSuccess) continue;
                await Hosts.RemoveAsync(host.Name).ConfigureAwait(false);
                notified++;
            }
            catch (Exception ex)
            {
                _logger.LogWarning("SM_NOTIFY to {Host} ({Address}) failed: {Reason}", host.Name, host.Address, ex.Message);
            }
        }
        return notified;
    }

    // ------------------------------------------------------------------ helpers

    private static FsalContext Context(Export export, Credential caller) => new(export.MapCredential(caller), CancellationToken.None);

    private static bool TryHandle(ReadOnlySpan<byte> fh, out NfsFileHandle handle)
    {
        handle = default;
        if (fh.Length is 0 or > Nfs4Constants.MaxFileHandleSize) return false;
        handle = NfsFileHandle.From(fh);
        return true;
    }

    /// <summary>Finds the file an NLM filehandle names (NFSv3 handles are NFSv4 handles), refusing clients the export does not allow.</summary>
    private Nlm4Stats Resolve(RpcCall call, ReadOnlyMemory<byte> fh, out NfsFileHandle handle, out Export export, out FsalObject obj)
    {
        export = null!;
        obj = null!;
        if (!TryHandle(fh.Span, out handle)) return Nlm4Stats.StaleFileHandle;
        if (!FileHandleCodec.TryDecode(fh.Span, out ushort exportId, out var key) || !_exports.TryGet(exportId, out export)) return Nlm4Stats.StaleFileHandle;
        if (!export.AllowsClient(call.ClientAddress)) return Nlm4Stats.Failed;
        var status = export.FileSystem.Resolve(key, out var found);
        if (status != FsalStatus.Ok || found is null) return Map(status, 0);
        obj = found;
        // As NFSv4 LOCK: byte-range locks and shares are for regular files.
        return obj.Type == FsalFileType.Regular ? Nlm4Stats.Granted : Nlm4Stats.Failed;
    }

    /// <summary>
    /// The table's inclusive end and the backend's length of an NLM range: a length of 0, or one
    /// reaching past the largest offset, runs to the end of the file (as the Linux server reads it).
    /// </summary>
    private static (ulong Start, ulong End, ulong BackendLength) Range(ulong offset, ulong length)
    {
        if (length == 0 || length - 1 > ulong.MaxValue - offset) return (offset, ulong.MaxValue, ulong.MaxValue);
        return (offset, offset + length - 1, length);
    }

    private static Nlm4Stats Map(FsalStatus status, ulong offset) => status switch
    {
        FsalStatus.Ok => Nlm4Stats.Granted,
        FsalStatus.Locked => Nlm4Stats.Denied,
        FsalStatus.Deadlock => Nlm4Stats.Deadlock,
        FsalStatus.Stale or FsalStatus.BadHandle or FsalStatus.NoEntry => Nlm4Stats.StaleFileHandle,
        FsalStatus.ReadOnly => Nlm4Stats.ReadOnlyFileSystem,
        FsalStatus.FileTooBig => Nlm4Stats.FileTooBig,
        FsalStatus.Invalid when offset > long.MaxValue => Nlm4Stats.FileTooBig,
        FsalStatus.NoSpace or FsalStatus.Delay => Nlm4Stats.DeniedNoLocks,
        _ => Nlm4Stats.Failed,
    };

    /// <summary>The lock with its variable parts copied out of the request buffer.</summary>
    private static Nlm4Lock Copy(in Nlm4Lock l) => l with { FileHandle = l.FileHandle.ToArray(), OwnerHandle = l.OwnerHandle.ToArray() };

    /// <summary>Stops retrying and calling clients.</summary>
    public async ValueTask DisposeAsync()
    {
        await _retryTimer.DisposeAsync().ConfigureAwait(false);
        _stop.Cancel();
        _retries.Writer.TryComplete();
        await _retryLoop.ConfigureAwait(false);
        // _stop is not disposed: grants still being delivered may look at it.
    }
}
