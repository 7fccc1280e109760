using System.Net;
using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nlm;

namespace Nfs.Core.State;

/// <summary>An NLM lock owner as a request names it: (caller_name, svid, oh).</summary>
public readonly record struct NlmOwnerId(string Host, int Svid, ReadOnlyMemory<byte> OwnerHandle);

// NLM (NFSv3 clients') locks and share reservations. They live in the same per-file tables as
// NFSv4 state, under the same lock, so each protocol's conflicts include the other's.
public sealed partial class StateManager
{
    private readonly Dictionary<string, NlmHost> _nlmHosts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Most NLM client hosts with locks or shares at once (further requests get DENIED_NOLOCKS).</summary>
    internal int NlmMaxHosts { get; set; } = 10_000;

    /// <summary>Most NLM lock owners per host at once.</summary>
    internal int NlmMaxOwnersPerHost { get; set; } = 10_000;

    /// <summary>Names of the NLM hosts holding locks or shares now.</summary>
    internal IReadOnlyList<string> NlmHostNames
    {
        get { lock (_lock) return [.. _nlmHosts.Keys]; }
    }

    private FileState GetFileLocked(in NfsFileHandle handle, Export export, FsalObject obj)
    {
        if (!_files.TryGetValue(handle, out var file))
        {
            file = new FileState(handle, export, obj);
            _files.Add(handle, file);
        }
        return file;
    }

    private NlmLockOwner? FindNlmOwnerLocked(in NlmOwnerId id)
    {
        if (!_nlmHosts.TryGetValue(id.Host, out var host)) return null;
        return host.Owners.GetValueOrDefault((id.Svid, new OwnerKey(id.OwnerHandle.Span)));
    }

    private NlmHost? GetOrAddNlmHostLocked(string name, IPAddress address)
    {
        if (!_nlmHosts.TryGetValue(name, out var host))
        {
            if (_nlmHosts.Count >= NlmMaxHosts) return null;
            host = new NlmHost(name);
            _nlmHosts.Add(name, host);
        }
        host.Address = address;
        return host;
    }

    private void DropNlmHostIfUnused(NlmHost host)
    {
        if (host.IsUnused && _nlmHosts.TryGetValue(host.Name, out var h) && h == host) _nlmHosts.Remove(host.Name);
    }

    /// <summary>
    /// Sets an NLM lock in the file's table, or reports the lock (of an NFSv4 or NLM owner) in
    /// the way: <see cref="Nlm4Stats.Granted"/>, <see cref="Nlm4Stats.Denied"/>, or
    /// <see cref="Nlm4Stats.DeniedNoLocks"/> when the host or owner limit is reached.
    /// </summary>
    internal Nlm4Stats NlmLock(in NfsFileHandle handle, Export export, FsalObject obj, in NlmOwnerId id, IPAddress address, int nsmState,
        bool exclusive, ulong start, ulong end, out FileState file, out NlmLockOwner? owner, out ByteRangeLock conflict)
    {
        lock (_lock)
        {
            conflict = default;
            file = GetFileLocked(handle, export, obj);
            owner = FindNlmOwnerLocked(id);
            var existing = owner;
            if (file.Locks.FindConflict(o => o == existing, exclusive, start, end) is { } found)
            {
                conflict = found;
                DropFileIfUnused(file);
                return Nlm4Stats.Denied;
            }
            if (owner is null)
            {
                var host = GetOrAddNlmHostLocked(id.Host, address);
                if (host is null || host.Owners.Count >= NlmMaxOwnersPerHost)
                {
                    if (host is not null) DropNlmHostIfUnused(host);
                    DropFileIfUnused(file);
                    return Nlm4Stats.DeniedNoLocks;
                }
                owner = new NlmLockOwner(host, id.Svid, id.OwnerHandle.ToArray());
                host.Owners.Add((id.Svid, new OwnerKey(id.OwnerHandle.Span)), owner);
            }
            owner.Host.Address = address;
            if (nsmState != 0) owner.Host.NsmState = nsmState;
            file.Locks.Add(owner, exclusive, start, end);
            owner.Files.Add(file);
            return Nlm4Stats.Granted;
        }
    }

    /// <summary>
    /// Releases an NLM owner's locks in a range. Returns false when the owner holds nothing on
    /// the file; <paramref name="released"/> tells whether it now holds no lock there at all (so
    /// the backend can forget the owner on that file).
    /// </summary>
    internal bool NlmUnlock(in NfsFileHandle handle, in NlmOwnerId id, ulong start, ulong end, out FileState? file, out NlmLockOwner? owner, out bool released)
    {
        lock (_lock)
        {
            released = false;
            file = null;
            owner = FindNlmOwnerLocked(id);
            if (owner is null || !_files.TryGetValue(handle, out file) || !owner.Files.Contains(file)) return false;
            released = NlmUnlockLocked(file, owner, start, end);
            return true;
        }
    }

    /// <summary>Releases a range of an owner's locks (undoing a grant the backend refused); true when it holds none on the file any more.</summary>
    internal bool NlmUnlock(FileState file, NlmLockOwner owner, ulong start, ulong end)
    {
        lock (_lock) return NlmUnlockLocked(file, owner, start, end);
    }

    private bool NlmUnlockLocked(FileState file, NlmLockOwner owner, ulong start, ulong end)
    {
        file.Locks.Remove(owner, start, end);
        if (file.Locks.HasLocks(owner)) return false;
        owner.Files.Remove(file);
        DropFileIfUnused(file);
        if (owner.Files.Count == 0)
        {
            var host = owner.Host;
            host.Owners.Remove((owner.Svid, new OwnerKey(owner.OwnerHandle.Span)));
            DropNlmHostIfUnused(host);
        }
        return true;
    }

    /// <summary>NLM TEST: the lock of another owner (NFSv4 or NLM) that would conflict, if any.</summary>
    internal ByteRangeLock? NlmTest(in NfsFileHandle handle, in NlmOwnerId id, bool exclusive, ulong start, ulong end)
    {
        lock (_lock)
        {
            if (!_files.TryGetValue(handle, out var file)) return null;
            var owner = FindNlmOwnerLocked(id);
            return file.Locks.FindConflict(o => o == owner, exclusive, start, end);
        }
    }

    /// <summary>
    /// Drops every lock and share of the NLM hosts <paramref name="match"/> selects (FREE_ALL,
    /// SM_NOTIFY of a restarted client). Returns the (file, owner) pairs whose locks went, for
    /// the backend and for waiting requests, and the names of the hosts dropped.
    /// </summary>
    internal List<(FileState File, NlmLockOwner Owner)> NlmFreeHosts(Predicate<NlmHost> match, out List<string> hosts)
    {
        var released = new List<(FileState, NlmLockOwner)>();
        hosts = [];
        lock (_lock)
        {
            foreach (var host in _nlmHosts.Values.Where(h => match(h)).ToList())
            {
                foreach (var owner in host.Owners.Values)
                {
                    foreach (var file in owner.Files)
                    {
                        file.Locks.RemoveAll(owner);
                        released.Add((file, owner));
                        DropFileIfUnused(file);
                    }
                    owner.Files.Clear();
                }
                host.Owners.Clear();
                foreach (var share in host.Shares)
                {
                    share.File.NlmShares.Remove(share);
                    DropFileIfUnused(share.File);
                }
                host.Shares.Clear();
                _nlmHosts.Remove(host.Name);
                hosts.Add(host.Name);
            }
        }
        return released;
    }

    /// <summary>
    /// NLM SHARE: takes or changes the (host, oh) share reservation on a file, unless an NFSv4
    /// open or another NLM share conflicts (<see cref="Nlm4Stats.Denied"/>).
    /// </summary>
    internal Nlm4Stats NlmShare(in NfsFileHandle handle, Export export, FsalObject obj, string hostName, ReadOnlySpan<byte> ownerHandle, IPAddress address, uint access, uint deny)
    {
        var key = new OwnerKey(ownerHandle);
        lock (_lock)
        {
            var file = GetFileLocked(handle, export, obj);
            NlmShareReservation? mine = null;
            foreach (var s in file.NlmShares)
            {
                if (s.OwnerHandle.Equals(key) && string.Equals(s.Host.Name, hostName, StringComparison.OrdinalIgnoreCase))
                {
                    mine = s;
                    continue;
                }
                if (s.ConflictsWith(access, deny)) return Deny(file);
            }
            foreach (var o in file.Opens)
            {
                if (!o.Closed && ((o.Deny & access) != 0 || (o.Access & deny) != 0)) return Deny(file);
            }
            if (mine is not null)
            {
                mine.Access = access;
                mine.Deny = deny;
                return Nlm4Stats.Granted;
            }
            var host = GetOrAddNlmHostLocked(hostName, address);
            if (host is null) return Deny(file, Nlm4Stats.DeniedNoLocks);
            var share = new NlmShareReservation(host, file, key, access, deny);
            file.NlmShares.Add(share);
            host.Shares.Add(share);
            return Nlm4Stats.Granted;
        }

        Nlm4Stats Deny(FileState file, Nlm4Stats status = Nlm4Stats.Denied)
        {
            DropFileIfUnused(file);
            return status;
        }
    }

    /// <summary>NLM UNSHARE: drops the (host, oh) share reservation on a file, if any.</summary>
    internal void NlmUnshare(in NfsFileHandle handle, string hostName, ReadOnlySpan<byte> ownerHandle)
    {
        var key = new OwnerKey(ownerHandle);
        lock (_lock)
        {
            if (!_files.TryGetValue(handle, out var file)) return;
            foreach (var s in file.NlmShares)
            {
                if (!s.OwnerHandle.Equals(key) || !string.Equals(s.Host.Name, hostName, StringComparison.OrdinalIgnoreCase)) continue;
                file.NlmShares.Remove(s);
                s.Host.Shares.Remove(s);
                DropNlmHostIfUnused(s.Host);
                DropFileIfUnused(file);
                return;
            }
        }
    }
}
