using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Core.Nfs4;
using Nfs.Core.Recovery;
using Nfs.Core.Rpc;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;

namespace Nfs.Core.State;

/// <summary>
/// NFSv4 client and file state: client ids (SETCLIENTID state machine), open- and lock-owners,
/// stateids, share reservations, byte-range locks, leases and the grace period. Mutations
/// happen under one lock (state changes are rare next to I/O); stateid lookups for READ and
/// WRITE are lock-free. Backend calls (open, close) are made by callers outside the lock.
/// </summary>
public sealed partial class StateManager : IDisposable
{
    private readonly object _lock = new();
    private readonly Nfs4Options _options;
    private readonly ILogger _logger;
    private readonly Dictionary<ulong, NfsClient> _clients = new();
    private readonly Dictionary<OwnerKey, NfsClient> _confirmedByOwner = new();
    private readonly Dictionary<OwnerKey, NfsClient> _unconfirmedByOwner = new();
    private readonly ConcurrentDictionary<(ulong, uint), StateObject> _states = new();
    private readonly Dictionary<NfsFileHandle, FileState> _files = new();
    private readonly Dictionary<ulong, long> _expiredClients = new(); // client id -> when it expired
    private readonly ConcurrentDictionary<SessionId4, Session> _sessions = new();
    private int _delegationCount;
    private List<(FileState File, LockOwner Owner)> _releasedLocks = [];

    /// <summary>Raised (outside the state lock) with the lock-owners whose locks on a file ended, for backends that keep locks too.</summary>
    public event Action<IReadOnlyList<(FileState File, LockOwner Owner)>>? LocksReleased;

    /// <summary>
    /// Raised (outside the state lock, after the backend released them too) when locks on a
    /// file were released, so requests waiting for them (NLM blocked locks) can be retried.
    /// </summary>
    internal event Action<FileState>? LocksFreed;

    /// <summary>Raises <see cref="LocksFreed"/>.</summary>
    internal void OnLocksFreed(FileState file) => LocksFreed?.Invoke(file);

    /// <summary>Reports lock-owners released since the last call through <see cref="LocksReleased"/>.</summary>
    public void FlushLockReleases()
    {
        if (Volatile.Read(ref _releasedLocks).Count == 0) return;
        List<(FileState, LockOwner)> released;
        lock (_lock)
        {
            released = _releasedLocks;
            _releasedLocks = [];
        }
        if (released.Count > 0) LocksReleased?.Invoke(released);
    }
    private long _nextSession;
    private readonly Timer _reaper;
    private GracePeriod _grace = GracePeriod.None;
    private ClientRecordQueue? _records;
    private long _nextClient;
    private long _nextState;

    /// <summary>Creates the state manager; the lease reaper starts at once.</summary>
    public StateManager(Nfs4Options options, ILogger<StateManager> logger)
    {
        _options = options;
        _logger = logger;
        // The epoch in every client id and stateid tells this server instance's from earlier
        // ones. Random rather than the start time, so two starts in one second differ too.
        BootEpoch = NewEpoch();
        LeaseMilliseconds = options.LeaseSeconds * 1000L;
        _reaper = new Timer(_ => ReapExpired(), null, 1000, 1000);
    }

    /// <summary>Distinguishes this server instance's client ids and stateids from those of earlier runs.</summary>
    public uint BootEpoch { get; }

    /// <summary>Lease time.</summary>
    public long LeaseMilliseconds { get; }

    /// <summary>True while only reclaims are accepted.</summary>
    public bool InGrace => _grace.Active;

    /// <summary>The current (or last) grace period.</summary>
    public GracePeriod Grace => _grace;

    /// <summary>
    /// Starts client recovery: confirmed clients are recorded in (and forgotten from) the store
    /// behind <paramref name="records"/>, and <paramref name="grace"/> decides who may reclaim.
    /// Called once, before requests are served.
    /// </summary>
    public void BeginRecovery(ClientRecordQueue records, GracePeriod grace)
    {
        _records = records;
        _grace = grace;
    }

    /// <summary>
    /// Replaces the grace period while serving: a cluster node enters one when a peer died or
    /// restarted (<see cref="Cluster.ClusterNode"/>).
    /// </summary>
    public void ReplaceGrace(GracePeriod grace) => _grace = grace;

    /// <summary>
    /// Set on a cluster node: confirms, after a new lock was granted, that no peer died
    /// unnoticed (whose clients' locks the backend may just have dropped). False means the lock
    /// must be given back and the client told to retry (NFS4ERR_GRACE).
    /// </summary>
    public Func<ValueTask<bool>>? ConfirmPeersAlive { get; set; }

    /// <summary>
    /// Whether <paramref name="client"/> may reclaim state now: in the grace period, on record from
    /// the previous instance, and (4.1) not done reclaiming. Otherwise NO_GRACE: the server cannot
    /// vouch that no conflicting state was granted meanwhile (RFC 8881 section 8.4.2.1; the Linux
    /// client then marks the state lost rather than retrying).
    /// </summary>
    public NfsStat4 CheckReclaim(NfsClient client)
    {
        var grace = _grace;
        if (!grace.Active) return NfsStat4.NoGrace;
        if (client.MinorVersion > 0 && client.ReclaimComplete) return NfsStat4.NoGrace;
        if (!grace.IsOnRecord(client.OwnerId)) return NfsStat4.NoGrace;
        // A cluster peer has not yet seen the grace period and might still grant conflicting state.
        return grace.ReclaimsAllowed ? NfsStat4.Ok : NfsStat4.Delay;
    }

    /// <summary>
    /// Records a newly confirmed client in stable storage, before the reply that lets it hold
    /// state (SETCLIENTID_CONFIRM, CREATE_SESSION). Without a recovery store this does nothing.
    /// A store failure is logged (by the queue) and not passed on: the client keeps working and
    /// only loses the chance to reclaim after a restart, as in NFS-Ganesha.
    /// </summary>
    public async Task RecordClientAsync(NfsClient client)
    {
        if (_records is null) return;
        try
        {
            await _records.RecordAsync(client.OwnerId, client.MinorVersion).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException or InvalidOperationException)
        {
            // Logged where it happened.
        }
    }

    /// <summary>Called with backend open tokens of state that was torn down (expired or replaced clients), for the caller to close.</summary>
    public event Action<IReadOnlyList<OpenState>>? OpensReleased;

    /// <summary>Number of known clients.</summary>
    public int ClientCount { get { lock (_lock) return _clients.Count; } }

    // ---------------------------------------------------------------- clients

    private static uint NewEpoch()
    {
        uint epoch;
        do epoch = (uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue); while (epoch is 0 or uint.MaxValue);
        return epoch;
    }

    private ulong NewClientId() => ((ulong)BootEpoch << 32) | (uint)Interlocked.Increment(ref _nextClient);

    private static ulong NewVerifier()
    {
        Span<byte> b = stackalloc byte[8];
        do RandomNumberGenerator.Fill(b); while (BitConverter.ToUInt64(b) == 0);
        return BitConverter.ToUInt64(b);
    }

    /// <summary>SETCLIENTID (RFC 7530 section 16.33.5).</summary>
    public NfsStat4 SetClientId(ReadOnlySpan<byte> ownerId, ulong verifier, ClientPrincipal principal, CallbackInfo callback,
        out ulong clientId, out ulong confirm, out CallbackInfo? inUseBy)
    {
        var key = new OwnerKey(ownerId);
        List<OpenState>? released = null;
        lock (_lock)
        {
            clientId = 0;
            confirm = 0;
            inUseBy = null;
            _confirmedByOwner.TryGetValue(key, out var confirmed);
            if (confirmed is not null && confirmed.Principal != principal)
            {
                if (confirmed.HasState && !LeaseExpired(confirmed))
                {
                    inUseBy = confirmed.Callback;
                    return NfsStat4.ClidInuse;
                }
                released = RemoveClient(confirmed);
                confirmed = null;
            }
            if (_unconfirmedByOwner.TryGetValue(key, out var unconfirmed)) RemoveClient(unconfirmed);
            if (_clients.Count >= _options.MaxClients)
            {
                return NfsStat4.Resource;
            }
            // Same incarnation: a callback update that keeps the client id; otherwise a new id.
            ulong id = confirmed is not null && confirmed.Verifier == verifier ? confirmed.ClientId : NewClientId();
            var client = new NfsClient(id, key.Bytes.ToArray(), verifier, principal, 0)
            {
                ConfirmVerifier = NewVerifier(),
                Callback = callback,
            };
            client.Renew();
            _unconfirmedByOwner[key] = client;
            if (confirmed is null || confirmed.ClientId != id) _clients[id] = client;
            clientId = id;
            confirm = client.ConfirmVerifier;
        }
        if (released is not null) OpensReleased?.Invoke(released);
        return NfsStat4.Ok;
    }

    /// <summary>SETCLIENTID_CONFIRM (RFC 7530 section 16.34.5).</summary>
    public NfsStat4 ConfirmClientId(ulong clientId, ulong confirm, ClientPrincipal principal)
    {
        List<OpenState>? released = null;
        NfsStat4 status;
        lock (_lock)
        {
            status = ConfirmLocked(clientId, confirm, principal, ref released);
        }
        if (released is not null) OpensReleased?.Invoke(released);
        return status;
    }

    private NfsStat4 ConfirmLocked(ulong clientId, ulong confirm, ClientPrincipal principal, ref List<OpenState>? released)
    {
        if ((clientId >> 32) != BootEpoch) return NfsStat4.StaleClientid;
        NfsClient? unconfirmed = null;
        foreach (var c in _unconfirmedByOwner.Values)
        {
            if (c.ClientId == clientId) { unconfirmed = c; break; }
        }
        _clients.TryGetValue(clientId, out var byId);
        var confirmed = byId is { Confirmed: true } ? byId : null;

        if (unconfirmed is not null && unconfirmed.ConfirmVerifier == confirm)
        {
            if (unconfirmed.Principal != principal) return NfsStat4.ClidInuse;
            var key = new OwnerKey(unconfirmed.OwnerId);
            _unconfirmedByOwner.Remove(key);
            if (confirmed is not null)
            {
                // Callback update of a live client: it keeps its id and state.
                confirmed.Callback = unconfirmed.Callback;
                confirmed.ConfirmVerifier = unconfirmed.ConfirmVerifier;
                confirmed.Renew();
                return NfsStat4.Ok;
            }
            if (_confirmedByOwner.TryGetValue(key, out var previous))
            {
                // The client rebooted: its earlier incarnation's state goes away.
                _logger.LogInformation("Client {Old} replaced by {New}", previous, unconfirmed);
                released = RemoveClient(previous);
            }
            unconfirmed.Confirmed = true;
            unconfirmed.Renew();
            _confirmedByOwner[key] = unconfirmed;
            _clients[unconfirmed.ClientId] = unconfirmed;
            return NfsStat4.Ok;
        }
        if (confirmed is not null && confirmed.ConfirmVerifier == confirm)
        {
            if (confirmed.Principal != principal) return NfsStat4.ClidInuse;
            confirmed.Renew();
            return NfsStat4.Ok; // a retransmitted confirm
        }
        if (confirmed is not null && confirmed.Principal != principal) return NfsStat4.ClidInuse;
        return NfsStat4.StaleClientid;
    }

    /// <summary>Finds a confirmed, live client by id and renews its lease.</summary>
    public NfsStat4 GetClient(ulong clientId, out NfsClient client)
    {
        client = null!;
        if ((clientId >> 32) != BootEpoch) return NfsStat4.StaleClientid;
        lock (_lock)
        {
            if (!_clients.TryGetValue(clientId, out var c) || !c.Confirmed)
            {
                return _expiredClients.ContainsKey(clientId) ? NfsStat4.Expired : NfsStat4.StaleClientid;
            }
            if (c.Expired) return NfsStat4.Expired;
            c.Renew();
            client = c;
            return NfsStat4.Ok;
        }
    }

    /// <summary>RENEW.</summary>
    public NfsStat4 Renew(ulong clientId) => GetClient(clientId, out _);

    private bool LeaseExpired(NfsClient c) => Environment.TickCount64 - Volatile.Read(ref c.LastRenewal) > LeaseMilliseconds;

    /// <summary>Tears down a client's state (under the lock); returns the opens whose backend tokens must be closed.</summary>
    private List<OpenState> RemoveClient(NfsClient client)
    {
        var released = new List<OpenState>();
        // Its stable-storage record goes too (it can no longer reclaim after a restart). An
        // unconfirmed record never was stored; a callback update shares the confirmed client's id.
        if (client.Confirmed && !client.Expired) _records?.Forget(client.OwnerId);
        client.Expired = true;
        long now = Environment.TickCount64;
        foreach (var owner in client.OpenOwners.Values)
        {
            foreach (var open in owner.Opens)
            {
                foreach (var lockState in open.Locks) EndState(lockState, now, revoked: true);
                EndState(open, now, revoked: true);
                if (open.BackendToken is not null) released.Add(open);
            }
            owner.Opens.Clear();
        }
        foreach (var lockOwner in client.LockOwners.Values)
        {
            foreach (var ls in lockOwner.Locks)
            {
                _releasedLocks.Add((ls.File, lockOwner));
                ls.File.Locks.RemoveAll(lockOwner);
                EndState(ls, now, revoked: true);
                DropFileIfUnused(ls.File);
            }
            lockOwner.Locks.Clear();
        }
        foreach (var d in client.Delegations)
        {
            d.File.Delegations.Remove(d);
            Interlocked.Decrement(ref _delegationCount);
            EndState(d, now, revoked: true);
            DropFileIfUnused(d.File);
        }
        client.Delegations.Clear();
        client.OpenOwners.Clear();
        client.LockOwners.Clear();
        client.StateCount = 0;
        lock (client.Sessions)
        {
            foreach (var session in client.Sessions)
            {
                session.Destroyed = true;
                _sessions.TryRemove(session.Id, out _);
            }
            client.Sessions.Clear();
        }
        // An unconfirmed callback update shares its id with the confirmed client it updates.
        if (_clients.TryGetValue(client.ClientId, out var byId) && byId == client) _clients.Remove(client.ClientId);
        var key = new OwnerKey(client.OwnerId);
        if (_confirmedByOwner.TryGetValue(key, out var c) && c == client) _confirmedByOwner.Remove(key);
        if (_unconfirmedByOwner.TryGetValue(key, out var u) && u == client) _unconfirmedByOwner.Remove(key);
        return released;
    }

    private void EndState(StateObject state, long now, bool revoked)
    {
        if (state.Closed) return;
        state.Closed = true;
        state.Revoked = revoked;
        state.EndedAt = now;
        if (state is OpenState open)
        {
            open.File.Opens.Remove(open);
            DropFileIfUnused(open.File);
        }
        if (!revoked) _states.TryRemove((state.Id.OtherHigh, state.Id.OtherLow), out _);
    }

    private void DropFileIfUnused(FileState file)
    {
        if (file.IsUnused && _files.TryGetValue(file.Handle, out var f) && f == file) _files.Remove(file.Handle);
    }

    /// <summary>Expires clients whose lease ran out and forgets old tombstones.</summary>
    internal void ReapExpired()
    {
        List<OpenState>? released = null;
        try
        {
            lock (_lock)
            {
                long now = Environment.TickCount64;
                List<NfsClient>? expired = null;
                foreach (var c in _clients.Values)
                {
                    // Unconfirmed records and confirmed clients both live one lease.
                    if (now - Volatile.Read(ref c.LastRenewal) > LeaseMilliseconds) (expired ??= []).Add(c);
                }
                foreach (var c in _unconfirmedByOwner.Values)
                {
                    if (now - Volatile.Read(ref c.LastRenewal) > LeaseMilliseconds && !_clients.ContainsKey(c.ClientId)) (expired ??= []).Add(c);
                }
                if (expired is not null)
                {
                    foreach (var c in expired)
                    {
                        if (c.Confirmed)
                        {
                            _logger.LogInformation("Lease of {Client} expired; releasing its state", c);
                            _expiredClients[c.ClientId] = now;
                        }
                        var r = RemoveClient(c);
                        if (r.Count > 0) (released ??= []).AddRange(r);
                    }
                }
                // A recalled delegation not returned within a lease is revoked (RFC 8881 section 10.2).
                List<DelegationState>? overdue = null;
                foreach (var c in _clients.Values)
                {
                    foreach (var d in c.Delegations)
                    {
                        if (d.Recalling && now - d.RecallStartedAt > LeaseMilliseconds) (overdue ??= []).Add(d);
                    }
                }
                if (overdue is not null)
                {
                    foreach (var d in overdue)
                    {
                        _logger.LogInformation("Revoking delegation {StateId} of {Client}: not returned within the lease", d.Id, d.Client);
                        RevokeLocked(d, now);
                    }
                }
                // Revoked stateids answer EXPIRED for a while, then are forgotten.
                long keep = Math.Max(10 * LeaseMilliseconds, 600_000);
                foreach (var (k, s) in _states)
                {
                    if (s.Closed && now - s.EndedAt > keep) _states.TryRemove(k, out _);
                }
                List<ulong>? forget = null;
                foreach (var (id, at) in _expiredClients) if (now - at > keep) (forget ??= []).Add(id);
                if (forget is not null) foreach (var id in forget) _expiredClients.Remove(id);
            }
            if (released is not null) OpensReleased?.Invoke(released);
            FlushLockReleases();
            _grace.Poll();
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Lease reaper failed");
        }
    }

    // ---------------------------------------------------------------- stateids

    private StateId4 NewStateId()
    {
        long n = Interlocked.Increment(ref _nextState);
        return new StateId4(1, ((ulong)BootEpoch << 32) | (uint)(n >> 32), (uint)n);
    }

    /// <summary>
    /// Finds the state a stateid names (RFC 7530 section 9.1.4): STALE_STATEID for another
    /// server instance's, BAD_STATEID for unknown or ended ones, EXPIRED for revoked ones,
    /// OLD_STATEID or BAD_STATEID for a wrong seqid (seqid 0 means "current" in 4.1). Renews
    /// the owning client's lease.
    /// </summary>
    public NfsStat4 FindState(in StateId4 stateId, uint minorVersion, out StateObject state) => FindState(stateId, minorVersion, true, false, out state);

    /// <summary>
    /// <see cref="FindState(in StateId4, uint, out StateObject)"/> for a request from a known
    /// client (a 4.1 session): another client's stateid is BAD_STATEID, as knfsd answers.
    /// </summary>
    public NfsStat4 FindState(in StateId4 stateId, uint minorVersion, NfsClient? requester, bool checkSeqId, bool allowClosed, out StateObject state)
    {
        var s = FindState(stateId, minorVersion, checkSeqId, allowClosed, out state);
        if (s == NfsStat4.Ok && requester is not null && state.Client != requester)
        {
            state = null!;
            return NfsStat4.BadStateid;
        }
        return s;
    }

    /// <summary>
    /// Like <see cref="FindState(in StateId4, uint, out StateObject)"/>, optionally without the
    /// seqid comparison (done by the caller after its owner seqid check) and optionally
    /// returning the last closed open of an owner, so that a retransmitted CLOSE can be replayed.
    /// </summary>
    internal NfsStat4 FindState(in StateId4 stateId, uint minorVersion, bool checkSeqId, bool allowClosed, out StateObject state)
    {
        state = null!;
        if ((uint)(stateId.OtherHigh >> 32) != BootEpoch) return NfsStat4.StaleStateid;
        if (!_states.TryGetValue((stateId.OtherHigh, stateId.OtherLow), out var s)) return NfsStat4.BadStateid;
        if (s.Revoked) return s is DelegationState && minorVersion > 0 ? NfsStat4.DelegRevoked : NfsStat4.Expired;
        if (s.Closed && !allowClosed) return NfsStat4.BadStateid;
        var current = s.Id.SeqId;
        if (checkSeqId && !(minorVersion > 0 && stateId.SeqId == 0))
        {
            if (stateId.SeqId < current) return NfsStat4.OldStateid;
            if (stateId.SeqId > current) return NfsStat4.BadStateid;
        }
        if (s.Client.Expired) return NfsStat4.Expired;
        s.Client.Renew();
        state = s;
        return NfsStat4.Ok;
    }

    // ---------------------------------------------------------------- opens

    /// <summary>
    /// Finds or creates the open-owner for an OPEN and checks its seqid. An unconfirmed owner
    /// whose seqid does not follow is replaced by a fresh one, as knfsd does.
    /// </summary>
    internal OpenOwner GetOrCreateOpenOwner(NfsClient client, ReadOnlySpan<byte> owner, uint seqId, uint minorVersion, out List<OpenState>? released)
    {
        released = null;
        var key = new OwnerKey(owner);
        lock (_lock)
        {
            if (client.OpenOwners.TryGetValue(key, out var existing))
            {
                if (existing.Confirmed || existing.Check(seqId, NfsOp4.Open) != SeqIdCheck.Bad) return existing;
                released = ReleaseOpenOwner(client, existing, key);
            }
            // 4.1 has no OPEN_CONFIRM: its owners are confirmed from the start.
            var created = new OpenOwner(client, key.Bytes) { Confirmed = minorVersion > 0 };
            client.OpenOwners[key] = created;
            return created;
        }
    }

    private List<OpenState> ReleaseOpenOwner(NfsClient client, OpenOwner owner, OwnerKey key)
    {
        var released = new List<OpenState>();
        long now = Environment.TickCount64;
        foreach (var open in owner.Opens)
        {
            foreach (var ls in open.Locks) ReleaseLockState(ls, now);
            EndState(open, now, revoked: false);
            client.StateCount--;
            if (open.BackendToken is not null) released.Add(open);
        }
        owner.Opens.Clear();
        client.OpenOwners.Remove(key);
        return released;
    }

    /// <summary>The state of a file, created on first use.</summary>
    internal FileState GetFile(in NfsFileHandle handle, Export export, FsalObject obj)
    {
        lock (_lock)
        {
            if (!_files.TryGetValue(handle, out var file))
            {
                file = new FileState(handle, export, obj);
                _files.Add(handle, file);
            }
            return file;
        }
    }

    /// <summary>The state of a file if any exists.</summary>
    internal FileState? FindFile(in NfsFileHandle handle)
    {
        lock (_lock) return _files.GetValueOrDefault(handle);
    }

    /// <summary>
    /// Adds an open for <paramref name="owner"/> to <paramref name="file"/>, or upgrades its existing
    /// one, after checking share reservations of other owners. Returns SHARE_DENIED on conflict.
    /// </summary>
    internal NfsStat4 Open(OpenOwner owner, FileState file, uint access, uint deny, out OpenState open, out bool isNew)
    {
        lock (_lock)
        {
            open = null!;
            isNew = false;
            OpenState? mine = null;
            // Every open of the file counts, the owner's own included (as knfsd does): an owner
            // that denies writes cannot then open for writing through another OPEN.
            foreach (var o in file.Opens)
            {
                if (o.Owner == owner) mine = o;
                if ((o.Deny & access) != 0 || (o.Access & deny) != 0) return NfsStat4.ShareDenied;
            }
            // NFSv3 clients' DOS share reservations (NLM SHARE) count as well.
            foreach (var share in file.NlmShares)
            {
                if (share.ConflictsWith(access, deny)) return NfsStat4.ShareDenied;
            }
            if (mine is null)
            {
                if (owner.Client.StateCount >= _options.MaxStatesPerClient) return NfsStat4.Resource;
                mine = new OpenState(NewStateId(), file, owner);
                file.Opens.Add(mine);
                owner.Opens.Add(mine);
                owner.Client.StateCount++;
                _states[(mine.Id.OtherHigh, mine.Id.OtherLow)] = mine;
                isNew = true;
            }
            else
            {
                mine.Bump();
            }
            mine.Access |= access;
            mine.Deny |= deny;
            mine.AccessHistory |= 1u << (int)access;
            mine.DenyHistory |= 1u << (int)deny;
            open = mine;
            return NfsStat4.Ok;
        }
    }

    /// <summary>Undoes a just-created open whose backend open failed.</summary>
    internal void AbandonOpen(OpenState open)
    {
        lock (_lock)
        {
            EndState(open, Environment.TickCount64, revoked: false);
            open.Owner.Opens.Remove(open);
            open.Owner.Client.StateCount--;
        }
    }

    /// <summary>Confirms an open-owner without OPEN_CONFIRM (a reclaiming owner).</summary>
    internal void ConfirmOwner(OpenOwner owner)
    {
        lock (_lock) owner.Confirmed = true;
    }

    /// <summary>OPEN_CONFIRM: confirms the owner and advances the stateid.</summary>
    internal StateId4 ConfirmOpen(OpenState open)
    {
        lock (_lock)
        {
            open.Owner.Confirmed = true;
            return open.Bump();
        }
    }

    /// <summary>OPEN_DOWNGRADE (RFC 7530 section 16.19): the new modes must be ones previously granted and a subset of the current ones.</summary>
    internal NfsStat4 Downgrade(OpenState open, uint access, uint deny, out StateId4 stateId)
    {
        lock (_lock)
        {
            stateId = open.Id;
            if ((access & ~open.Access) != 0 || (deny & ~open.Deny) != 0) return NfsStat4.Inval;
            if ((open.AccessHistory & (1u << (int)access)) == 0 || (open.DenyHistory & (1u << (int)deny)) == 0) return NfsStat4.Inval;
            open.Access = access;
            open.Deny = deny;
            open.AccessHistory = 1u << (int)access;
            open.DenyHistory = 1u << (int)deny;
            stateId = open.Bump();
            return NfsStat4.Ok;
        }
    }

    /// <summary>CLOSE: LOCKS_HELD while the owner's lock-owners hold locks on the file (4.0).</summary>
    internal NfsStat4 Close(OpenState open, bool refuseWithLocks, out StateId4 stateId)
    {
        lock (_lock)
        {
            stateId = open.Id;
            if (refuseWithLocks)
            {
                foreach (var ls in open.Locks)
                {
                    if (!ls.Closed && open.File.Locks.HasLocks(ls.Owner)) return NfsStat4.LocksHeld;
                }
            }
            long now = Environment.TickCount64;
            foreach (var ls in open.Locks) ReleaseLockState(ls, now);
            open.Locks.Clear();
            stateId = open.Bump();
            EndState(open, now, revoked: false);
            open.Owner.Opens.Remove(open);
            open.Owner.Client.StateCount--;
            // The owner's last closed open stays findable so a retransmitted CLOSE can be answered
            // from the replay cache; the one before it is forgotten.
            _states[(open.Id.OtherHigh, open.Id.OtherLow)] = open;
            if (open.Owner.LastClosed is { } previous) _states.TryRemove((previous.Id.OtherHigh, previous.Id.OtherLow), out _);
            open.Owner.LastClosed = open;
            return NfsStat4.Ok;
        }
    }

    private void ReleaseLockState(LockState ls, long now)
    {
        if (ls.Closed) return;
        _releasedLocks.Add((ls.File, ls.Owner));
        ls.File.Locks.RemoveAll(ls.Owner);
        ls.Owner.Locks.Remove(ls);
        ls.Owner.Client.StateCount--;
        EndState(ls, now, revoked: false);
        DropFileIfUnused(ls.File);
    }

    // ---------------------------------------------------------------- locks

    /// <summary>Finds or creates a lock-owner of a client.</summary>
    internal LockOwner GetOrCreateLockOwner(NfsClient client, ReadOnlySpan<byte> owner)
    {
        var key = new OwnerKey(owner);
        lock (_lock)
        {
            if (!client.LockOwners.TryGetValue(key, out var lo))
            {
                lo = new LockOwner(client, key.Bytes);
                client.LockOwners[key] = lo;
            }
            return lo;
        }
    }

    /// <summary>The lock state of a lock-owner on an open's file, created on first use.</summary>
    internal NfsStat4 GetOrCreateLockState(LockOwner owner, OpenState open, out LockState state)
    {
        lock (_lock)
        {
            foreach (var ls in owner.Locks)
            {
                if (ls.File == open.File && !ls.Closed)
                {
                    state = ls;
                    return NfsStat4.Ok;
                }
            }
            state = null!;
            if (owner.Client.StateCount >= _options.MaxStatesPerClient) return NfsStat4.Resource;
            // Seqid 0 until the first lock is granted, which makes it 1 (RFC 7530 section 9.1.4.2).
            state = new LockState(NewStateId().WithSeqId(0), open.File, owner, open);
            owner.Locks.Add(state);
            open.Locks.Add(state);
            owner.Client.StateCount++;
            _states[(state.Id.OtherHigh, state.Id.OtherLow)] = state;
            return NfsStat4.Ok;
        }
    }

    /// <summary>Sets a lock or reports the conflicting one; on success advances the lock stateid.</summary>
    internal NfsStat4 Lock(LockState state, bool exclusive, ulong start, ulong end, out ByteRangeLock conflict, out StateId4 stateId)
    {
        lock (_lock)
        {
            conflict = default;
            stateId = state.Id;
            if (state.Closed) return NfsStat4.BadStateid;
            var found = state.File.Locks.FindConflict(o => o == state.Owner, exclusive, start, end);
            if (found is { } c)
            {
                conflict = c;
                return NfsStat4.Denied;
            }
            state.File.Locks.Add(state.Owner, exclusive, start, end);
            stateId = state.Bump();
            return NfsStat4.Ok;
        }
    }

    /// <summary>Releases a range and advances the lock stateid.</summary>
    internal StateId4 Unlock(LockState state, ulong start, ulong end)
    {
        lock (_lock)
        {
            state.File.Locks.Remove(state.Owner, start, end);
            return state.Bump();
        }
    }

    /// <summary>LOCKT: the lock of another owner that would conflict, if any.</summary>
    internal ByteRangeLock? TestLock(in NfsFileHandle file, ulong clientId, ReadOnlySpan<byte> owner, bool exclusive, ulong start, ulong end)
    {
        var key = new OwnerKey(owner);
        lock (_lock)
        {
            if (!_files.TryGetValue(file, out var fs)) return null;
            return fs.Locks.FindConflict(o => o is LockOwner lo && lo.Client.ClientId == clientId && new OwnerKey(lo.Owner.Span).Equals(key), exclusive, start, end);
        }
    }

    /// <summary>RELEASE_LOCKOWNER: LOCKS_HELD while it holds locks; otherwise forgets it and its stateids.</summary>
    internal NfsStat4 ReleaseLockOwner(NfsClient client, ReadOnlySpan<byte> owner)
    {
        var key = new OwnerKey(owner);
        lock (_lock)
        {
            if (!client.LockOwners.TryGetValue(key, out var lo)) return NfsStat4.Ok;
            foreach (var ls in lo.Locks)
            {
                if (ls.File.Locks.HasLocks(lo)) return NfsStat4.LocksHeld;
            }
            long now = Environment.TickCount64;
            foreach (var ls in lo.Locks.ToArray())
            {
                ls.Open.Locks.Remove(ls);
                ReleaseLockState(ls, now);
            }
            client.LockOwners.Remove(key);
            return NfsStat4.Ok;
        }
    }

    /// <summary>For I/O with a special stateid: OK unless an open of another owner denies the access.</summary>
    internal bool IsDeniedForAnonymous(in NfsFileHandle file, uint access)
    {
        lock (_lock)
        {
            return _files.TryGetValue(file, out var fs) && fs.DeniesAccess(access, null);
        }
    }

    // ---------------------------------------------------------------- NFSv4.1 clients and sessions

    /// <summary>EXCHANGE_ID (RFC 8881 section 18.35.5).</summary>
    public NfsStat4 ExchangeId(ReadOnlySpan<byte> ownerId, ulong verifier, uint flags, ClientPrincipal principal, uint minorVersion, out NfsClient client)
    {
        var key = new OwnerKey(ownerId);
        List<OpenState>? released = null;
        NfsStat4 status;
        lock (_lock)
        {
            status = ExchangeIdLocked(key, verifier, flags, principal, minorVersion, out client, ref released);
        }
        if (released is not null) OpensReleased?.Invoke(released);
        return status;
    }

    private NfsStat4 ExchangeIdLocked(OwnerKey key, ulong verifier, uint flags, ClientPrincipal principal, uint minorVersion, out NfsClient client, ref List<OpenState>? released)
    {
        client = null!;
        _confirmedByOwner.TryGetValue(key, out var confirmed);
        _unconfirmedByOwner.TryGetValue(key, out var unconfirmed);
        if ((flags & ExchangeIdFlags.UpdateConfirmedRecord) != 0)
        {
            if (confirmed is null) return NfsStat4.Noent;
            if (confirmed.Principal != principal) return NfsStat4.Perm;
            if (confirmed.Verifier != verifier) return NfsStat4.NotSame;
            confirmed.ExchangeFlags = flags;
            confirmed.Renew();
            client = confirmed;
            return NfsStat4.Ok;
        }
        if (confirmed is not null)
        {
            if (confirmed.Principal == principal && confirmed.Verifier == verifier && confirmed.MinorVersion > 0)
            {
                confirmed.Renew();
                client = confirmed;
                return NfsStat4.Ok;
            }
            if (confirmed.Principal != principal)
            {
                if (confirmed.HasState && !LeaseExpired(confirmed)) return NfsStat4.ClidInuse;
                // Another principal and no state to protect: the old record goes now (case 3).
                released = RemoveClient(confirmed);
            }
            // A restarted client (new verifier) gets a new record, which replaces the
            // confirmed one when its first session is created (case 5).
        }
        if (unconfirmed is not null) RemoveClient(unconfirmed);
        if (_clients.Count >= _options.MaxClients) return NfsStat4.Resource;
        client = new NfsClient(NewClientId(), key.Bytes.ToArray(), verifier, principal, minorVersion) { ExchangeFlags = flags };
        client.Renew();
        _unconfirmedByOwner[key] = client;
        _clients[client.ClientId] = client;
        return NfsStat4.Ok;
    }

    /// <summary>
    /// CREATE_SESSION (RFC 8881 section 18.36.4): checks the client's create-session sequence,
    /// confirms an unconfirmed client (dropping an earlier incarnation's state), and makes the
    /// session. On a retransmission, <paramref name="replay"/> holds the earlier result.
    /// </summary>
    public NfsStat4 CreateSession(in CreateSessionArgs args, ClientPrincipal principal, ChannelAttrs4 fore, ChannelAttrs4 back, uint flags,
        out Session session, out byte[]? replay)
    {
        session = null!;
        replay = null;
        List<OpenState>? released = null;
        NfsStat4 status;
        lock (_lock)
        {
            status = CreateSessionLocked(args, principal, fore, back, flags, out session, out replay, ref released);
        }
        if (released is not null) OpensReleased?.Invoke(released);
        return status;
    }

    private NfsStat4 CreateSessionLocked(in CreateSessionArgs args, ClientPrincipal principal, ChannelAttrs4 fore, ChannelAttrs4 back, uint flags,
        out Session session, out byte[]? replay, ref List<OpenState>? released)
    {
        session = null!;
        replay = null;
        if ((args.ClientId >> 32) != BootEpoch) return NfsStat4.StaleClientid;
        if (!_clients.TryGetValue(args.ClientId, out var client) || client.MinorVersion == 0) return NfsStat4.StaleClientid;
        // Only an unconfirmed record is bound to its principal; a confirmed one may be used by another (RFC 8881 section 18.36.4).
        if (!client.Confirmed && client.Principal != principal) return NfsStat4.ClidInuse;
        if (args.SequenceId == client.CreateSessionSequence && client.CreateSessionReply is not null)
        {
            replay = client.CreateSessionReply;
            return NfsStat4.Ok;
        }
        if (args.SequenceId != unchecked(client.CreateSessionSequence + 1)) return NfsStat4.SeqMisordered;
        if (client.Sessions.Count >= MaxSessionsPerClient) return NfsStat4.Resource;
        if (!client.Confirmed)
        {
            var key = new OwnerKey(client.OwnerId);
            if (_confirmedByOwner.TryGetValue(key, out var previous) && previous != client)
            {
                _logger.LogInformation("Client {Old} replaced by {New}", previous, client);
                released = RemoveClient(previous);
            }
            _unconfirmedByOwner.Remove(key);
            _confirmedByOwner[key] = client;
            client.Confirmed = true;
        }
        long n = Interlocked.Increment(ref _nextSession);
        var id = new SessionId4(client.ClientId, ((ulong)BootEpoch << 32) | (uint)n);
        session = new Session(id, client, fore, back, flags, args.CallbackProgram, args.CallbackSecurity);
        lock (client.Sessions) client.Sessions.Add(session);
        client.CreateSessionSequence = args.SequenceId;
        client.CreateSessionReply = null;
        client.Renew();
        _sessions[id] = session;
        return NfsStat4.Ok;
    }

    /// <summary>Sessions a client may hold at once.</summary>
    public const int MaxSessionsPerClient = 16;

    /// <summary>Keeps the encoded CREATE_SESSION result for a retransmission.</summary>
    internal void StoreCreateSessionReply(Session session, ReadOnlySpan<byte> result)
    {
        lock (_lock) session.Client.CreateSessionReply = result.ToArray();
    }

    /// <summary>Finds a live session.</summary>
    public Session? FindSession(in SessionId4 id) => _sessions.TryGetValue(id, out var s) && !s.Destroyed ? s : null;

    /// <summary>
    /// SEQUENCE (RFC 8881 section 18.46.3): BADSESSION, BADSLOT, SEQ_MISORDERED, DELAY for a
    /// slot still busy, RETRY_UNCACHED_REP for a retransmission whose reply was not kept. On a
    /// retransmission <paramref name="replay"/> holds the cached COMPOUND reply; otherwise the
    /// slot is taken until <see cref="EndSequence"/>.
    /// </summary>
    public NfsStat4 BeginSequence(in SequenceArgs args, IRpcConnection connection, out Session session, out SessionSlot slot, out byte[]? replay)
    {
        slot = null!;
        replay = null;
        session = FindSession(args.SessionId)!;
        if (session is null) return NfsStat4.Badsession;
        if (args.SlotId >= session.Slots.Length) return NfsStat4.Badslot;
        slot = session.Slots[args.SlotId];
        lock (slot)
        {
            if (args.SequenceId == slot.SequenceId && slot.SequenceId != 0)
            {
                if (slot.InUse) return NfsStat4.Delay;
                if (slot.CachedReply is null) return NfsStat4.RetryUncachedRep;
                replay = slot.CachedReply;
                return NfsStat4.Ok;
            }
            if (args.SequenceId != unchecked(slot.SequenceId + 1)) return NfsStat4.SeqMisordered;
            if (slot.InUse) return NfsStat4.Delay;
            slot.InUse = true;
            slot.SequenceId = args.SequenceId;
            slot.CachedReply = null;
        }
        session.Client.Renew();
        // With SP4_NONE any connection a session is used on is bound to its fore channel.
        session.Bind(connection, fore: true, back: false);
        return NfsStat4.Ok;
    }

    /// <summary>Releases a slot, keeping the reply when it is to be cached.</summary>
    public static void EndSequence(SessionSlot slot, ReadOnlySpan<byte> reply, bool cache)
    {
        lock (slot)
        {
            slot.CachedReply = cache ? reply.ToArray() : null;
            slot.InUse = false;
        }
    }

    /// <summary>Status flags a SEQUENCE reply reports to the client (and forgets once reported).</summary>
    internal SequenceStatusFlags TakeStatusFlags(Session session)
    {
        var flags = SequenceStatusFlags.None;
        if ((session.Flags & CreateSessionFlags.ConnectionBackChannel) != 0 && session.BackChannel is null) flags |= SequenceStatusFlags.CallbackPathDownSession;
        lock (_lock)
        {
            // Set while revoked delegations wait for FREE_STATEID (RFC 8881 section 18.46.3).
            if (session.Client.RevokedDelegations > 0) flags |= SequenceStatusFlags.RecallableStateRevoked;
        }
        return flags;
    }

    /// <summary>DESTROY_SESSION.</summary>
    public NfsStat4 DestroySession(in SessionId4 id)
    {
        lock (_lock)
        {
            if (!_sessions.TryRemove(id, out var s) || s.Destroyed) return NfsStat4.Badsession;
            s.Destroyed = true;
            lock (s.Client.Sessions) s.Client.Sessions.Remove(s);
            return NfsStat4.Ok;
        }
    }

    /// <summary>DESTROY_CLIENTID: CLIENTID_BUSY while it has sessions or state.</summary>
    public NfsStat4 DestroyClientId(ulong clientId)
    {
        List<OpenState>? released = null;
        lock (_lock)
        {
            if ((clientId >> 32) != BootEpoch || !_clients.TryGetValue(clientId, out var client)) return NfsStat4.StaleClientid;
            if (client.Sessions.Count > 0 || client.HasState) return NfsStat4.ClientidBusy;
            released = RemoveClient(client);
        }
        if (released.Count > 0) OpensReleased?.Invoke(released);
        return NfsStat4.Ok;
    }

    /// <summary>RECLAIM_COMPLETE: COMPLETE_ALREADY the second time.</summary>
    public NfsStat4 ReclaimComplete(NfsClient client, bool oneFs)
    {
        lock (_lock)
        {
            if (oneFs) return NfsStat4.Ok;
            if (client.ReclaimComplete) return NfsStat4.CompleteAlready;
            client.ReclaimComplete = true;
            _grace.ReclaimCompleted(client.OwnerId);
            return NfsStat4.Ok;
        }
    }

    /// <summary>Unbinds a closed connection from every session.</summary>
    public void ConnectionClosed(IRpcConnection connection)
    {
        foreach (var s in _sessions.Values) s.Unbind(connection);
    }

    /// <summary>TEST_STATEID for one stateid of <paramref name="client"/>.</summary>
    public NfsStat4 TestStateId(NfsClient client, in StateId4 stateId)
    {
        if (stateId.IsSpecial) return NfsStat4.BadStateid;
        var s = FindState(stateId, 1, out var state);
        if (s != NfsStat4.Ok) return s == NfsStat4.Expired ? NfsStat4.Expired : s;
        return state.Client == client ? NfsStat4.Ok : NfsStat4.BadStateid;
    }

    /// <summary>
    /// FREE_STATEID: frees a revoked stateid or a lock stateid without locks; an open or a
    /// lock stateid with locks is LOCKS_HELD.
    /// </summary>
    public NfsStat4 FreeStateId(NfsClient client, in StateId4 stateId)
    {
        if (stateId.IsSpecial) return NfsStat4.BadStateid;
        if ((uint)(stateId.OtherHigh >> 32) != BootEpoch) return NfsStat4.StaleStateid;
        lock (_lock)
        {
            if (!_states.TryGetValue((stateId.OtherHigh, stateId.OtherLow), out var state) || state.Client != client) return NfsStat4.BadStateid;
            if (state.Revoked)
            {
                _states.TryRemove((stateId.OtherHigh, stateId.OtherLow), out _);
                if (state is DelegationState && client.RevokedDelegations > 0) client.RevokedDelegations--;
                return NfsStat4.Ok;
            }
            if (state.Closed) return NfsStat4.BadStateid;
            switch (state)
            {
                case LockState ls when !ls.File.Locks.HasLocks(ls.Owner):
                    ls.Open.Locks.Remove(ls);
                    ReleaseLockState(ls, Environment.TickCount64);
                    return NfsStat4.Ok;
                default:
                    return NfsStat4.LocksHeld;
            }
        }
    }

    // ---------------------------------------------------------------- delegations

    /// <summary>True when any delegation exists (a cheap test before looking for conflicts).</summary>
    public bool HasDelegations => Volatile.Read(ref _delegationCount) > 0;

    /// <summary>No new delegation on a file for this long after a recall there (avoids ping-pong).</summary>
    private const long RecallQuietMilliseconds = 2000;

    /// <summary>
    /// Grants a delegation of <paramref name="type"/> on an open's file if nothing conflicts:
    /// no delegation or recall of another client there, and no open of another client
    /// (for a write delegation) or no write open of another client (for a read delegation).
    /// </summary>
    internal DelegationState? TryGrantDelegation(OpenState open, OpenDelegationType4 type, out WhyNoDelegation4 why)
    {
        var client = open.Client;
        var file = open.File;
        lock (_lock)
        {
            why = WhyNoDelegation4.Contention;
            if (open.Closed || client.Expired) return null;
            if (Environment.TickCount64 - file.LastRecallAt < RecallQuietMilliseconds && file.LastRecallAt != 0) return null;
            foreach (var d in file.Delegations)
            {
                if (d.Client != client || d.Recalling) return null;
                // The client already holds one here: a second is of no use to it.
                if (d.Type == type || d.Type == OpenDelegationType4.Write) return null;
            }
            foreach (var o in file.Opens)
            {
                if (o.Client == client) continue;
                if (type == OpenDelegationType4.Write || (o.Access & OpenShare4.AccessWrite) != 0) return null;
            }
            if (client.StateCount >= _options.MaxStatesPerClient)
            {
                why = WhyNoDelegation4.Resource;
                return null;
            }
            var deleg = new DelegationState(NewStateId(), file, client, type);
            file.Delegations.Add(deleg);
            client.Delegations.Add(deleg);
            client.StateCount++;
            _states[(deleg.Id.OtherHigh, deleg.Id.OtherLow)] = deleg;
            Interlocked.Increment(ref _delegationCount);
            return deleg;
        }
    }

    /// <summary>
    /// Delegations on <paramref name="handle"/>'s file held by clients other than
    /// <paramref name="requester"/> (null: unknown, so every holder) that conflict with an access:
    /// writes conflict with every delegation, reads only with write delegations.
    /// </summary>
    internal List<DelegationState>? ConflictingDelegations(in NfsFileHandle handle, NfsClient? requester, bool write)
    {
        if (!HasDelegations) return null;
        lock (_lock)
        {
            if (!_files.TryGetValue(handle, out var file)) return null;
            List<DelegationState>? conflicts = null;
            foreach (var d in file.Delegations)
            {
                if (d.Client == requester) continue;
                if (write || d.Type == OpenDelegationType4.Write) (conflicts ??= []).Add(d);
            }
            return conflicts;
        }
    }

    /// <summary>A write delegation on the file held by a client other than <paramref name="requester"/>, if any.</summary>
    internal DelegationState? WriteDelegationOf(in NfsFileHandle handle, NfsClient requester)
    {
        lock (_lock)
        {
            if (!_files.TryGetValue(handle, out var file)) return null;
            foreach (var d in file.Delegations)
            {
                if (d.Type == OpenDelegationType4.Write && d.Client != requester && !d.Recalling) return d;
            }
            return null;
        }
    }

    /// <summary>A change value past both the server's and any reported before, for a file the delegation holder modified.</summary>
    internal ulong NextDelegatedChange(DelegationState d, ulong serverChange)
    {
        lock (_lock)
        {
            d.ReportedChange = Math.Max(d.ReportedChange, serverChange) + 1;
            return d.ReportedChange;
        }
    }

    /// <summary>Marks a delegation as being recalled; false when a recall already started.</summary>
    internal bool BeginRecall(DelegationState d)
    {
        lock (_lock)
        {
            if (d.Recalling || d.Closed) return false;
            d.RecallStartedAt = Math.Max(1, Environment.TickCount64);
            d.File.LastRecallAt = d.RecallStartedAt;
            return true;
        }
    }

    /// <summary>DELEGRETURN: DELEG_REVOKED (4.1) for a revoked delegation.</summary>
    internal NfsStat4 ReturnDelegation(DelegationState d, uint minorVersion)
    {
        lock (_lock)
        {
            if (d.Revoked) return minorVersion > 0 ? NfsStat4.DelegRevoked : NfsStat4.Expired;
            if (d.Closed) return NfsStat4.BadStateid;
            d.File.Delegations.Remove(d);
            d.Owner.Delegations.Remove(d);
            d.Owner.StateCount--;
            Interlocked.Decrement(ref _delegationCount);
            EndState(d, Environment.TickCount64, revoked: false);
            DropFileIfUnused(d.File);
            return NfsStat4.Ok;
        }
    }

    /// <summary>Revokes a delegation whose recall failed or timed out.</summary>
    internal void RevokeDelegation(DelegationState d)
    {
        lock (_lock) RevokeLocked(d, Environment.TickCount64);
    }

    private void RevokeLocked(DelegationState d, long now)
    {
        if (d.Closed) return;
        d.File.Delegations.Remove(d);
        d.Owner.Delegations.Remove(d);
        d.Owner.StateCount--;
        d.Owner.RevokedDelegations++;
        Interlocked.Decrement(ref _delegationCount);
        // Kept as a revoked stateid until the client frees it (FREE_STATEID) or it ages out.
        d.Closed = true;
        d.Revoked = true;
        d.EndedAt = now;
        DropFileIfUnused(d.File);
    }

    /// <summary>Stops the lease reaper.</summary>
    public void Dispose() => _reaper.Dispose();
}
