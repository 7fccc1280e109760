using System.Buffers.Binary;
using Fsal.Memory.Nodes;
using Fsal.Memory.Storage;
using Fsal.Memory.Support;
using Nfs.Core.Fsal;

namespace Fsal.Memory;

/// <summary>
/// A complete filesystem held in process memory: regular files with sparse data, directories,
/// hard links, symlinks, special files and user extended attributes, with POSIX permissions
/// enforced here. Bounded by <see cref="MemoryFsalOptions.MaxTotalBytes"/> and
/// <see cref="MemoryFsalOptions.MaxObjects"/>. Every operation completes synchronously.
/// </summary>
/// <remarks>
/// Concurrency: each node has its own lock for its attributes and contents, so I/O on different
/// files never contends. Operations that change names (create, remove, rename, link) also take
/// one filesystem-wide namespace lock, which makes them the only threads that ever hold more
/// than one node lock at a time, so no lock ordering is needed.
/// </remarks>
public sealed partial class MemoryFileSystem : IFileSystem, IExtendedAttributes, ISparseFiles, ICloneFiles
{
    /// <summary>The file id (and key) of the root directory.</summary>
    public const ulong RootId = 1;

    private readonly NodeTable _nodes;
    private readonly Lock _namespaceLock = new();
    private readonly SpaceAccount _space;
    private readonly DirectoryNode _root;
    private long _lastId;

    /// <summary>Creates an empty filesystem holding only its root directory.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public MemoryFileSystem(MemoryFsalOptions? options = null)
    {
        options ??= new MemoryFsalOptions();
        options.Validate();
        _space = new SpaceAccount(options.MaxTotalBytes, options.MaxObjects);
        _space.TryReserveObject();
        _root = new DirectoryNode(RootId, options.RootMode, options.RootUid, options.RootGid, WallClock.Now(), parent: null);
        // Ids start at the current time in milliseconds times 2^20 rather than at 2, so that a
        // handle kept by a client across a server restart finds nothing (stale) instead of
        // whatever new object happened to get the same small number.
        _lastId = Math.Max((long)RootId, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() << 20);
        _nodes = new NodeTable(_root, (ulong)_lastId + 1);
    }

    /// <inheritdoc/>
    public FsalCapabilities Capabilities { get; } = new()
    {
        MaxKeyLength = MemoryNode.KeyLength,
        MaxFileSize = long.MaxValue,
        MaxNameLength = Names.MaxNameBytes,
        SupportsHardLinks = true,
        SupportsSymlinks = true,
        SupportsSpecialFiles = true,
        ChownRestricted = true,
        CanSetTime = true,
        TimeDeltaNanoseconds = 1,
        SupportedAttributes = FsalAttrMask.All,
    };

    /// <inheritdoc/>
    public FsalObject Root => _root;

    /// <summary>Bytes allocated for file data and extended attributes.</summary>
    public long UsedBytes => _space.UsedBytes;

    /// <summary>Objects in the filesystem, the root included.</summary>
    public long ObjectCount => _space.Objects;

    /// <inheritdoc/>
    public FsalStatus Resolve(ReadOnlySpan<byte> key, out FsalObject? obj)
    {
        obj = null;
        if (key.Length != MemoryNode.KeyLength) return FsalStatus.BadHandle;
        ulong id = BinaryPrimitives.ReadUInt64BigEndian(key);
        if (id == 0) return FsalStatus.BadHandle;
        if (!_nodes.TryGet(id, out MemoryNode? node)) return FsalStatus.Stale;
        obj = node;
        return FsalStatus.Ok;
    }

    /// <summary>The caller of a context; a default context (no credential) is treated as anonymous.</summary>
    private static Credential CallerOf(in FsalContext ctx) => ctx.Caller ?? Credential.Anonymous;

    private ulong NextId() => (ulong)Interlocked.Increment(ref _lastId);

    /// <summary>
    /// Takes a node whose last link is gone out of the filesystem and releases what it held.
    /// The caller holds the namespace lock and the node's lock.
    /// </summary>
    private void Drop(MemoryNode node)
    {
        _space.ReleaseBytes(node.MarkRemoved());
        _nodes.Remove(node.Id);
        _space.ReleaseObject();
    }
}
