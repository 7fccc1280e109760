using Fsal.Memory;
using Nfs.Core.Fsal;
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

    internal sealed class View(SharedMemoryBackend shared) : IFileSystem, IByteRangeLocks
    {
        private int? _tearAt;

        private MemoryFileSystem Inner => shared.Inner;

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

        public async ValueTask<FsalResult<FsalWrite>> WriteAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, ReadOnlyMemory<byte> data, FsalStability stability)
        {
            if (_tearAt is not { } tear) return await Inner.WriteAsync(ctx, obj, openToken, offset, data, stability);
            _tearAt = null;
            await Inner.WriteAsync(ctx, obj, openToken, offset, data[..Math.Min(tear, data.Length)], FsalStability.FileSync);
            return FsalStatus.IOError;
        }

        public FsalCapabilities Capabilities => Inner.Capabilities;
        public FsalObject Root => Inner.Root;
        public FsalStatus Resolve(ReadOnlySpan<byte> key, out FsalObject? obj) => Inner.Resolve(key, out obj);
        public ValueTask<FsalResult<FsalAttributes>> GetAttributesAsync(FsalContext ctx, FsalObject obj, FsalAttrMask wanted) => Inner.GetAttributesAsync(ctx, obj, wanted);
        public ValueTask<FsalResult<FsalAttributes>> SetAttributesAsync(FsalContext ctx, FsalObject obj, FsalSetAttributes changes) => Inner.SetAttributesAsync(ctx, obj, changes);
        public ValueTask<FsalResult<Access4>> CheckAccessAsync(FsalContext ctx, FsalObject obj, Access4 requested) => Inner.CheckAccessAsync(ctx, obj, requested);
        public ValueTask<FsalResult<FsalLookup>> LookupAsync(FsalContext ctx, FsalObject directory, string name, FsalAttrMask wanted) => Inner.LookupAsync(ctx, directory, name, wanted);
        public ValueTask<FsalResult<FsalLookup>> LookupParentAsync(FsalContext ctx, FsalObject directory, FsalAttrMask wanted) => Inner.LookupParentAsync(ctx, directory, wanted);
        public ValueTask<FsalResult<bool>> ReadDirAsync(FsalContext ctx, FsalObject directory, ulong cookie, FsalAttrMask wanted, IReadDirSink sink) => Inner.ReadDirAsync(ctx, directory, cookie, wanted, sink);
        public ValueTask<FsalResult<FsalCreated>> CreateAsync(FsalContext ctx, FsalObject directory, string name, FsalCreateRequest request) => Inner.CreateAsync(ctx, directory, name, request);
        public ValueTask<FsalResult<FsalChangeInfo>> RemoveAsync(FsalContext ctx, FsalObject directory, string name) => Inner.RemoveAsync(ctx, directory, name);
        public ValueTask<FsalResult<FsalRenamed>> RenameAsync(FsalContext ctx, FsalObject sourceDirectory, string sourceName, FsalObject targetDirectory, string targetName) =>
            Inner.RenameAsync(ctx, sourceDirectory, sourceName, targetDirectory, targetName);
        public ValueTask<FsalResult<FsalChangeInfo>> LinkAsync(FsalContext ctx, FsalObject obj, FsalObject directory, string name) => Inner.LinkAsync(ctx, obj, directory, name);
        public ValueTask<FsalResult<string>> ReadLinkAsync(FsalContext ctx, FsalObject obj) => Inner.ReadLinkAsync(ctx, obj);
        public ValueTask<FsalResult<object?>> OpenAsync(FsalContext ctx, FsalObject obj, FsalOpenFlags flags) => Inner.OpenAsync(ctx, obj, flags);
        public ValueTask CloseAsync(FsalObject obj, object? openToken) => Inner.CloseAsync(obj, openToken);
        public ValueTask<FsalResult<FsalRead>> ReadAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, Memory<byte> destination) => Inner.ReadAsync(ctx, obj, openToken, offset, destination);
        public ValueTask<FsalStatus> CommitAsync(FsalContext ctx, FsalObject obj, ulong offset, uint count) => Inner.CommitAsync(ctx, obj, offset, count);
        public ValueTask<FsalResult<FsalFsStats>> GetFsStatsAsync(FsalContext ctx, FsalObject obj) => Inner.GetFsStatsAsync(ctx, obj);
    }
}
