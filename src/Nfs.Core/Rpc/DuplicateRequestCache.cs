using System.Net;

namespace Nfs.Core.Rpc;

/// <summary>
/// Remembers recent replies by (client address and port, xid, program, version, procedure,
/// argument checksum; the port as knfsd does, since independent connections of one host reuse
/// xids), so that a retransmitted non-idempotent call (a CREATE, a REMOVE) gets the reply
/// of the original instead of running twice, and a retransmission of a call still running is
/// dropped. Bounded by entries, bytes and age; least recently used entries go first.
/// </summary>
public sealed class DuplicateRequestCache
{
    /// <summary>What <see cref="Begin"/> found.</summary>
    public enum Outcome
    {
        /// <summary>A new call: run it, then <see cref="Complete"/> or <see cref="Abandon"/>.</summary>
        New,
        /// <summary>The same call is still running: send nothing.</summary>
        InProgress,
        /// <summary>The call was answered before: send the cached reply.</summary>
        Replay,
    }

    /// <summary>Identifies a call.</summary>
    public readonly record struct Key(UInt128 Address, int Port, uint Xid, uint Program, uint Version, uint Procedure, int Checksum);

    private sealed class Entry
    {
        public byte[]? Reply;
        public long At;
        public LinkedListNode<Key> Node = null!;
    }

    private readonly Dictionary<Key, Entry> _entries = new();
    private readonly LinkedList<Key> _lru = new();
    private readonly int _maxEntries;
    private readonly long _maxBytes;
    private readonly long _maxAgeMs;
    private long _bytes;

    /// <summary>Creates a cache.</summary>
    public DuplicateRequestCache(int maxEntries = 4096, long maxBytes = 16 * 1024 * 1024, TimeSpan? maxAge = null)
    {
        _maxEntries = maxEntries;
        _maxBytes = maxBytes;
        _maxAgeMs = (long)(maxAge ?? TimeSpan.FromMinutes(2)).TotalMilliseconds;
    }

    /// <summary>Largest reply kept.</summary>
    public int MaxReplySize { get; init; } = 4096;

    /// <summary>Entries held.</summary>
    public int Count { get { lock (_entries) return _entries.Count; } }

    /// <summary>Builds the key of a call.</summary>
    public static Key KeyOf(IPEndPoint client, uint xid, uint program, uint version, uint procedure, ReadOnlySpan<byte> arguments)
    {
        Span<byte> bytes = stackalloc byte[16];
        var a = client.Address.IsIPv4MappedToIPv6 ? client.Address : client.Address.MapToIPv6();
        a.TryWriteBytes(bytes, out _);
        var h = new HashCode();
        h.Add(arguments.Length);
        h.AddBytes(arguments[..Math.Min(arguments.Length, 1024)]);
        return new Key(System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes), client.Port, xid, program, version, procedure, h.ToHashCode());
    }

    /// <summary>Looks a call up, registering it as running when new.</summary>
    public Outcome Begin(in Key key, out byte[]? reply)
    {
        reply = null;
        long now = Environment.TickCount64;
        lock (_entries)
        {
            if (_entries.TryGetValue(key, out var e) && now - e.At <= _maxAgeMs)
            {
                if (e.Reply is null) return Outcome.InProgress;
                reply = e.Reply;
                _lru.Remove(e.Node);
                _lru.AddLast(e.Node);
                return Outcome.Replay;
            }
            if (e is not null) Remove(key, e);
            var entry = new Entry { At = now };
            entry.Node = _lru.AddLast(key);
            _entries[key] = entry;
            Trim(now);
            return Outcome.New;
        }
    }

    /// <summary>Stores the reply of a call registered by <see cref="Begin"/> (dropped if too large).</summary>
    public void Complete(in Key key, ReadOnlySpan<byte> reply)
    {
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out var e)) return;
            if (reply.Length > MaxReplySize)
            {
                Remove(key, e);
                return;
            }
            e.Reply = reply.ToArray();
            e.At = Environment.TickCount64;
            _bytes += e.Reply.Length;
            Trim(e.At);
        }
    }

    /// <summary>Forgets a call that produced no reply.</summary>
    public void Abandon(in Key key)
    {
        lock (_entries)
        {
            if (_entries.TryGetValue(key, out var e)) Remove(key, e);
        }
    }

    private void Remove(in Key key, Entry e)
    {
        _entries.Remove(key);
        _lru.Remove(e.Node);
        if (e.Reply is not null) _bytes -= e.Reply.Length;
    }

    private void Trim(long now)
    {
        while (_lru.First is { } first)
        {
            var e = _entries[first.Value];
            bool old = now - e.At > _maxAgeMs && e.Reply is not null;
            if (!old && _entries.Count <= _maxEntries && _bytes <= _maxBytes) break;
            Remove(first.Value, e);
        }
    }
}
