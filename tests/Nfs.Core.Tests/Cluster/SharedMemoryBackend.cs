using Fsal.Memory;
using Nfs.Core.Fsal;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Tests.Cluster;

/// <summary>
/// A memory filesystem with the byte-range locks the cluster database needs, shared by every
/// "node" of a test: each node sees it through its own <see cref="View"/>, whose locks conflict
/// with the other views' (as OFD locks of different processes do) and can all be dropped at
/// once (<see cref="View.Die"/>). Only one-byte write locks are kept: all the database takes.
/// A view's next write can be torn (<see cref="View.TearNextWrite"/>): part of the data lands,
/// then the backend reports an I/O error.
/// </summary>
internal sealed class SharedMemoryBackend
{
    private readonly object _lock = new();
    private readonly Dictionary<(string File, ulong Offset), (View Holder, string Owner)> _locks = [];

    public MemoryFileSystem Inner { get; } = new();

    public View NewView() => new(this);

    private static string KeyOf(FsalObject obj)
    {
        Span<byte> key = stackalloc byte[256];
        return Convert.ToBase64String(key[..obj.WriteKey(key)]);
    }

    internal sealed class View(SharedMemoryBackend shared) : ForwardingFileSystem(shared.Inner), IByteRangeLocks
    {
        private int? _tearAt;

        /// <summary>The next write stores only its first <paramref name="bytes"/> bytes and fails.</summary>
        public void TearNextWrite(int bytes) => _tearAt = bytes;

        /// <summary>Drops every lock this view holds, as the death of its process would.</summary>
        public void Die()
        {
            lock (shared._lock)
            {
                foreach (var k in shared._locks.Where(l => l.Value.Holder == this).Select(l => l.Key).ToList()) shared._locks.Remove(k);
            }
        }

        public ValueTask<FsalStatus> LockAsync(FsalContext ctx, FsalObject obj, object? openToken, ReadOnlyMemory<byte> owner, FsalLockType type, ulong offset, ulong length)
        {
            if (length != 1 || type == FsalLockType.Read) throw new NotSupportedException("only one-byte write locks");
            var key = (KeyOf(obj), offset);
            string who = Convert.ToBase64String(owner.Span);
            lock (shared._lock)
            {
                bool held = shared._locks.TryGetValue(key, out var holder);
                bool mine = held && holder.Holder == this && holder.Owner == who;
                if (type == FsalLockType.Unlock)
                {
                    if (mine) shared._locks.Remove(key);
                    return ValueTask.FromResult(FsalStatus.Ok);
                }
                if (held && !mine) return ValueTask.FromResult(FsalStatus.Locked);
                shared._locks[key] = (this, who);
                return ValueTask.FromResult(FsalStatus.Ok);
            }
        }

        public ValueTask<FsalResult<FsalLockConflict>> TestLockAsync(FsalContext ctx, FsalObject obj, ReadOnlyMemory<byte> owner, FsalLockType type, ulong offset, ulong length)
        {
            string who = Convert.ToBase64String(owner.Span);
            lock (shared._lock)
            {
                bool conflict = shared._locks.TryGetValue((KeyOf(obj), offset), out var holder) && !(holder.Holder == this && holder.Owner == who);
                return ValueTask.FromResult<FsalResult<FsalLockConflict>>(conflict ? new FsalLockConflict(FsalLockType.Write, offset, 1) : FsalLockConflict.None);
            }
        }

        public ValueTask ReleaseAsync(FsalObject obj, ReadOnlyMemory<byte> owner)
        {
            string file = KeyOf(obj), who = Convert.ToBase64String(owner.Span);
            lock (shared._lock)
            {
                foreach (var k in shared._locks.Where(l => l.Key.File == file && l.Value.Holder == this && l.Value.Owner == who).Select(l => l.Key).ToList()) shared._locks.Remove(k);
            }
            return ValueTask.CompletedTask;
        }

        public override async ValueTask<FsalResult<FsalWrite>> WriteAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, ReadOnlyMemory<byte> data, FsalStability stability)
        {
            if (_tearAt is not { } tear) return await Inner.WriteAsync(ctx, obj, openToken, offset, data, stability);
            _tearAt = null;
            await Inner.WriteAsync(ctx, obj, openToken, offset, data[..Math.Min(tear, data.Length)], FsalStability.FileSync);
            return FsalStatus.IOError;
        }
    }
}
