using System.Buffers.Binary;
using System.Text;
using Fsal.Posix.Native;
using Fsal.Posix.Objects;
using Fsal.Posix.Threads;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nfs.Core.Fsal;
using Nfs.Core.Fsal.Support;

namespace Fsal.Posix;

/// <summary>
/// A local Linux directory tree as an FSAL backend. Objects are named by kernel filehandles
/// (name_to_handle_at) and reopened with open_by_handle_at against the export root; every
/// operation is made relative to descriptors, on dedicated threads that carry the caller's
/// fsuid, fsgid and groups, so the kernel enforces permissions. No path database: a handle
/// issued before a restart works after it. Objects on other mounts below the root are refused
/// (a LOOKUP of a mount point is denied and READDIR hides it), and a handle naming something
/// outside the export root is answered as stale.
/// </summary>
public sealed partial class PosixFileSystem : IFileSystem, IDisposable
{
    private readonly PosixFsalOptions _options;
    private readonly ILogger _logger;
    private readonly DedicatedThreadPool _threads;
    private readonly KeyedObjectCache<PosixObject> _cache;
    private readonly InvalidatingCache<FsalAttributes> _attributes;
    private readonly InvalidatingCache<DirectoryListing> _listings;
    private readonly int _rootFd;
    private readonly string _rootPath;
    private readonly int _mountId;
    private readonly Func<PosixObject, int> _openByHandle;

    /// <summary>Opens the export root and starts the worker threads.</summary>
    public unsafe PosixFileSystem(PosixFsalOptions options, ILogger<PosixFileSystem>? logger = null)
    {
        options.Validate();
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        Span<byte> path = stackalloc byte[Utf8Z.MaxLength];
        Utf8Z.Write(System.IO.Path.GetFullPath(options.Path), path);
        // A real descriptor, not O_PATH: open_by_handle_at refuses an O_PATH mount descriptor (EBADF).
        fixed (byte* p = path) _rootFd = LibC.openat(LibC.AT_FDCWD, p, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
        if (_rootFd < 0) throw new IOException($"cannot open export root '{options.Path}': errno {Errno.Last}");
        _rootPath = ReadProcPath(_rootFd) ?? throw new IOException("cannot resolve the export root's path");
        Span<byte> handle = stackalloc byte[8 + LibC.MAX_HANDLE_SZ];
        BinaryPrimitives.WriteUInt32LittleEndian(handle, LibC.MAX_HANDLE_SZ);
        byte empty = 0;
        fixed (byte* h = handle)
        {
            if (LibC.name_to_handle_at(_rootFd, &empty, h, out _mountId, LibC.AT_EMPTY_PATH) != 0)
            {
                int errno = Errno.Last;
                LibC.close(_rootFd);
                throw new IOException($"the filesystem of '{options.Path}' does not support filehandles (errno {errno})");
            }
        }
        _cache = new KeyedObjectCache<PosixObject>(options.MaxCachedObjects, static key => new PosixObject(key));
        var attributeLifetime = TimeSpan.FromMilliseconds(options.AttributeCacheMilliseconds);
        _attributes = new InvalidatingCache<FsalAttributes>(attributeLifetime, options.MaxCachedAttributes);
        // Listings are checked against the directory's change time at every use, so they may live longer.
        _listings = new InvalidatingCache<DirectoryListing>(options.AttributeCacheMilliseconds > 0 ? TimeSpan.FromSeconds(30) : TimeSpan.Zero, options.MaxCachedDirectoryEntries);
        Root = _cache.Get(KeyFromHandle(FsalFileType.Directory, handle));
        _openByHandle = OpenByHandle;
        _threads = new DedicatedThreadPool(options.Threads, "fsal-posix", () => WorkerThread.Initialize(_logger), ThreadCredentials.ApplyRoot);
        Capabilities = new FsalCapabilities
        {
            MaxKeyLength = PosixObject.KeyHeader + LibC.MAX_HANDLE_SZ,
            MaxFileSize = long.MaxValue,
            MaxLinks = 65000,
            MaxNameLength = 255,
            TimeDeltaNanoseconds = 1,
        };
        _logger.LogInformation("POSIX export of {Path} (mount {MountId})", _rootPath, _mountId);
    }

    /// <inheritdoc/>
    public FsalCapabilities Capabilities { get; }

    /// <inheritdoc/>
    public FsalObject Root { get; }

    /// <summary>The exported directory, as the kernel names it.</summary>
    public string RootPath => _rootPath;

    /// <inheritdoc/>
    public FsalStatus Resolve(ReadOnlySpan<byte> key, out FsalObject? obj)
    {
        obj = null;
        if (key.Length <= PosixObject.KeyHeader || key.Length > PosixObject.KeyHeader + LibC.MAX_HANDLE_SZ) return FsalStatus.BadHandle;
        if (key[0] is < (byte)FsalFileType.Regular or > (byte)FsalFileType.Fifo) return FsalStatus.BadHandle;
        var o = _cache.Get(key);
        if (o.IsStale) return FsalStatus.Stale;
        obj = o;
        return FsalStatus.Ok;
    }

    private static byte[] KeyFromHandle(FsalFileType type, ReadOnlySpan<byte> fileHandle)
    {
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(fileHandle);
        int handleType = BinaryPrimitives.ReadInt32LittleEndian(fileHandle[4..]);
        return PosixObject.MakeKey(type, handleType, fileHandle.Slice(8, (int)length));
    }

    // ----------------------------------------------------------------- running work

    /// <summary>Runs <paramref name="work"/> on a worker thread acting as the caller.</summary>
    private ValueTask<FsalResult<T>> Run<T>(FsalContext ctx, Func<FsalResult<T>> work)
    {
        var caller = ctx.Caller;
        return new(_threads.RunAsync(() =>
        {
            ThreadCredentials.Apply(caller);
            return work();
        }));
    }

    private ValueTask<FsalStatus> RunStatus(FsalContext ctx, Func<FsalStatus> work)
    {
        var caller = ctx.Caller;
        return new(_threads.RunAsync(() =>
        {
            ThreadCredentials.Apply(caller);
            return work();
        }));
    }

    /// <summary>
    /// The O_PATH descriptor of an object (opened as root: open_by_handle_at needs
    /// CAP_DAC_READ_SEARCH), for use on the current worker thread; release with
    /// <see cref="PosixObject.Release"/>. A negative value is a failure status.
    /// </summary>
    private int Acquire(FsalObject obj, out PosixObject po, out FsalStatus status)
    {
        po = (PosixObject)obj;
        int fd = po.Acquire(_openByHandle);
        if (fd >= 0)
        {
            // A cached descriptor keeps an unlinked inode alive; once nothing has it open, it is stale (as with knfsd).
            if (po.MaybeUnlinked && Volatile.Read(ref po.OpenCount) == 0 && StatFd(fd) is { IsOk: true } a && a.Value.NumLinks == 0)
            {
                po.Release();
                po.IsStale = true;
                _cache.Remove(po);
                status = FsalStatus.Stale;
                return -1;
            }
            status = FsalStatus.Ok;
            return fd;
        }
        status = -fd is Errno.ENOENT or Errno.ESTALE ? FsalStatus.Stale : Errno.ToStatus(-fd);
        if (status == FsalStatus.Stale)
        {
            po.IsStale = true;
            _cache.Remove(po);
        }
        return -1;
    }

    /// <summary>open_by_handle_at as root, then a check that the object lies in the export.</summary>
    private unsafe int OpenByHandle(PosixObject obj)
    {
        var handle = obj.HandleBytes;
        byte* fh = stackalloc byte[8 + handle.Length];
        *(uint*)fh = (uint)handle.Length;
        *(int*)(fh + 4) = obj.HandleType;
        handle.CopyTo(new Span<byte>(fh + 8, handle.Length));
        var caller = ThreadCredentials.Current;
        ThreadCredentials.ApplyRoot();
        int fd = LibC.open_by_handle_at(_rootFd, fh, LibC.O_PATH | LibC.O_NOFOLLOW | LibC.O_CLOEXEC);
        int errno = fd < 0 ? Errno.Last : 0;
        ThreadCredentials.Apply(caller);
        if (fd < 0) return -errno;
        if (!ReferenceEquals(obj, Root) && !IsInsideExport(fd))
        {
            LibC.close(fd);
            _logger.LogWarning("Refusing a handle that names an object outside {Root}", _rootPath);
            return -Errno.ESTALE;
        }
        return fd;
    }

    private bool IsInsideExport(int fd)
    {
        if (_rootPath == "/") return true;
        var path = ReadProcPath(fd);
        if (path is null) return false;
        if (path.EndsWith(" (deleted)", StringComparison.Ordinal)) path = path[..^10];
        return path == _rootPath || path.StartsWith(_rootPath + "/", StringComparison.Ordinal);
    }

    private static string? ReadProcPath(int fd)
    {
        try
        {
            var target = new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
            return target;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// The object a name in an open directory refers to, with its attributes; objects on
    /// another mount are refused.
    /// </summary>
    private unsafe FsalResult<FsalLookup> ObjectAt(int dirFd, ReadOnlySpan<byte> nameZ, bool transient = false)
    {
        long version = _attributes.Version;
        fixed (byte* name = nameZ)
        {
            if (LibC.statx(dirFd, name, LibC.AT_SYMLINK_NOFOLLOW, Statx.WantAll, out var stx) != 0) return Errno.LastStatus;
            Span<byte> handle = stackalloc byte[8 + LibC.MAX_HANDLE_SZ];
            BinaryPrimitives.WriteUInt32LittleEndian(handle, LibC.MAX_HANDLE_SZ);
            int mountId;
            fixed (byte* h = handle)
            {
                if (LibC.name_to_handle_at(dirFd, name, h, out mountId, 0) != 0) return Errno.LastStatus;
            }
            if (mountId != _mountId)
            {
                _logger.LogInformation("Refusing to cross into another mount at '{Name}' below {Root}", Encoding.UTF8.GetString(nameZ[..^1]), _rootPath);
                return FsalStatus.AccessDenied;
            }
            var type = PosixFileModes.TypeOf(stx.Mode);
            var key = KeyFromHandle(type, handle);
            var obj = transient ? Transient(key) : _cache.Get(key);
            var attributes = Attributes.From(stx);
            _attributes.Put(obj.Key, attributes, version);
            return new FsalLookup(obj, attributes);
        }
    }

    /// <summary>
    /// Forgets what is cached about an object that this server just changed (its attributes
    /// and, for a directory, its listing). Call after the change, never before: see
    /// <see cref="InvalidatingCache{TValue}"/>.
    /// </summary>
    private void Changed(FsalObject obj)
    {
        var key = ((PosixObject)obj).Key;
        _attributes.Invalidate(key);
        if (obj.Type == FsalFileType.Directory) _listings.Invalidate(key);
    }

    /// <summary>
    /// The cached object for <paramref name="key"/> if there is one, otherwise an object outside
    /// the cache (marked evicted, so a descriptor it ever opens is closed after use). READDIR
    /// offers such objects for entries only to have their handles encoded: a large directory
    /// walk then does not churn the cache. Any later use of the handle resolves the cached object.
    /// </summary>
    private PosixObject Transient(byte[] key)
    {
        if (_cache.Find(key) is { } cached) return cached;
        var obj = new PosixObject(key);
        obj.Evicted();
        return obj;
    }

    /// <summary>
    /// Reads an object's attributes again after this server changed it (and <see cref="Changed"/>
    /// dropped them), so the GETATTR that clients send next (NFSv4 compounds, NFSv3 wcc data) is
    /// answered from the cache instead of another trip to a worker.
    /// </summary>
    private void Refresh(FsalObject obj)
    {
        if (!_attributes.Enabled) return;
        int fd = Acquire(obj, out var po, out _);
        if (fd < 0) return;
        try
        {
            Refresh(po, fd);
        }
        finally
        {
            po.Release();
        }
    }

    /// <inheritdoc cref="Refresh(FsalObject)"/>
    private void Refresh(PosixObject po, int fd)
    {
        long version = _attributes.Version;
        var attributes = StatFd(fd);
        if (attributes.IsOk) _attributes.Put(po.Key, attributes.Value, version);
    }

    /// <summary><see cref="Changed"/>, then passes <paramref name="status"/> on.</summary>
    private FsalStatus ChangedAfter(FsalObject obj, FsalStatus status)
    {
        Changed(obj);
        return status;
    }

    /// <summary>Stops the worker threads, closes the export root and drops every byte-range lock still held (as the end of the process would).</summary>
    public void Dispose()
    {
        _threads.Dispose();
        foreach (var key in _lockFiles.Keys)
        {
            if (_lockFiles.TryRemove(key, out int fd)) LibC.close(fd);
        }
        LibC.close(_rootFd);
    }
}
