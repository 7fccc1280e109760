using Fsal.Gluster.Native;
using Fsal.Gluster.Objects;
using Fsal.Gluster.Threads;
using Fsal.Gluster.Volumes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nfs.Core.Fsal;
using Nfs.Core.Fsal.Support;

namespace Fsal.Gluster;

/// <summary>
/// A directory of a GlusterFS volume as an FSAL backend, through libgfapi: no kernel, no FUSE.
/// Objects are named by GFIDs (volume id + GFID in the key, identical on every gateway that
/// serves the volume and across restarts) and used through gfapi's handle API. Every call runs
/// on a dedicated OS thread that carries the caller's uid, gid and groups (glfs_setfsuid...),
/// so the bricks enforce permissions. The volume connection is shared by every export of the
/// volume in the process.
/// </summary>
public sealed partial class GlusterFileSystem : IFileSystem, IDisposable
{
    private readonly GlusterFsalOptions _options;
    private readonly ILogger _logger;
    private readonly GlusterVolume _volume;
    private readonly nint _fs;
    private readonly DedicatedThreadPool _threads;
    private readonly KeyedObjectCache<GlusterObject> _cache;
    private readonly Func<GlusterObject, (GlusterObjectHandle?, int)> _createFromGfid;
    private readonly GlusterObject _root;
    private readonly string? _exportPath; // null when the whole volume is exported

    /// <summary>Connects to the volume (or reuses the process's connection) and finds the exported directory.</summary>
    public unsafe GlusterFileSystem(GlusterFsalOptions options, ILogger<GlusterFileSystem>? logger = null)
    {
        options.Validate();
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _volume = GlusterVolume.Connect(options.Volume, options.ParseServers(), options.LogFile, _logger);
        _fs = _volume.Fs;
        string exportPath = options.Path.TrimEnd('/');
        _exportPath = exportPath.Length == 0 ? null : exportPath;
        _cache = new KeyedObjectCache<GlusterObject>(options.MaxCachedObjects, static key => new GlusterObject(key));
        _createFromGfid = CreateFromGfid;
        _threads = new DedicatedThreadPool(options.Threads, "fsal-gluster", afterItem: static () => GlusterIdentity.Apply(Credential.Root));
        _root = _threads.RunAsync(LookupExportRoot).GetAwaiter().GetResult();
        Capabilities = new FsalCapabilities
        {
            MaxKeyLength = GlusterObject.KeyLength,
            MaxFileSize = long.MaxValue,
            MaxLinks = options.MaxLinks,
            MaxNameLength = 255,
            TimeDeltaNanoseconds = 1,
        };
        _logger.LogInformation("Gluster export of {Volume}:{Path}", options.Volume, options.Path);
    }

    /// <inheritdoc/>
    public FsalCapabilities Capabilities { get; }

    /// <inheritdoc/>
    public FsalObject Root => _root;

    /// <summary>The volume's UUID, the part of every key that names the volume.</summary>
    public ReadOnlySpan<byte> VolumeId => _volume.VolumeId;

    private unsafe GlusterObject LookupExportRoot()
    {
        GlusterIdentity.Apply(Credential.Root);
        Span<byte> path = stackalloc byte[Utf8Z.MaxLength];
        GlusterStat st;
        nint obj;
        fixed (byte* p = Utf8Z.Write(_options.Path, path)) obj = GfApi.glfs_h_lookupat(_fs, 0, p, &st, 1);
        if (obj == 0) throw new IOException($"cannot find '{_options.Path}' in Gluster volume {_options.Volume}: errno {GfApi.LastErrno}");
        var handle = new GlusterObjectHandle(obj);
        if (PosixFileModes.TypeOf(st.Mode) != FsalFileType.Directory)
        {
            handle.Dispose();
            throw new IOException($"'{_options.Path}' in Gluster volume {_options.Volume} is not a directory");
        }
        return ObjectFor(handle, st.Mode);
    }

    /// <inheritdoc/>
    public FsalStatus Resolve(ReadOnlySpan<byte> key, out FsalObject? obj)
    {
        obj = null;
        if (key.Length != GlusterObject.KeyLength) return FsalStatus.BadHandle;
        if (key[0] is < (byte)FsalFileType.Regular or > (byte)FsalFileType.Fifo) return FsalStatus.BadHandle;
        // A key of another volume was issued by another export (or forged): not ours.
        if (!key.Slice(1, 16).SequenceEqual(_volume.VolumeId)) return FsalStatus.Stale;
        var o = _cache.Get(key);
        if (o.IsStale) return FsalStatus.Stale;
        obj = o;
        return FsalStatus.Ok;
    }

    // ----------------------------------------------------------------- running work

    /// <summary>Runs <paramref name="work"/> on a worker thread acting as the caller.</summary>
    private ValueTask<FsalResult<T>> Run<T>(FsalContext ctx, Func<FsalResult<T>> work)
    {
        var caller = ctx.Caller;
        return new(_threads.RunAsync(() =>
        {
            GlusterIdentity.Apply(caller);
            return work();
        }));
    }

    private async ValueTask<FsalStatus> RunStatus(FsalContext ctx, Func<FsalStatus> work)
    {
        var caller = ctx.Caller;
        return await _threads.RunAsync(() =>
        {
            GlusterIdentity.Apply(caller);
            return work();
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// A lease on the gfapi object of <paramref name="obj"/>, for use on the current worker
    /// thread; an empty lease with <paramref name="status"/> when it is gone.
    /// </summary>
    private HandleLease Acquire(FsalObject obj, out GlusterObject go, out FsalStatus status)
    {
        go = (GlusterObject)obj;
        var lease = go.Acquire(_createFromGfid, out int errno);
        if (!lease.IsEmpty)
        {
            status = FsalStatus.Ok;
            return lease;
        }
        status = StatusOfMissing(go, errno);
        return default;
    }

    /// <summary>ENOENT or ESTALE on a known object means it is gone: stale, and dropped from the cache.</summary>
    private FsalStatus StatusOfMissing(GlusterObject go, int errno)
    {
        if (errno is not (LinuxErrno.ENOENT or LinuxErrno.ESTALE)) return LinuxErrno.ToStatus(errno);
        go.IsStale = true;
        _cache.Remove(go);
        return FsalStatus.Stale;
    }

    /// <summary>glfs_h_create_from_handle: asks the bricks for the inode of a GFID.</summary>
    private unsafe (GlusterObjectHandle?, int) CreateFromGfid(GlusterObject obj)
    {
        Span<byte> gfid = stackalloc byte[Gfid.Length];
        obj.Gfid.Write(gfid);
        GlusterStat st;
        nint h;
        fixed (byte* g = gfid) h = GfApi.glfs_h_create_from_handle(_fs, g, Gfid.Length, &st);
        if (h == 0) return (null, GfApi.LastErrno);
        // A GFID alone does not say whether the inode is still linked: gfapi finds unlinked but open inodes too.
        if (st.NumLinks == 0 && obj.Type != FsalFileType.Directory && obj.AnyOpenDescriptor() is var open && open.IsEmpty)
        {
            GfApi.glfs_h_close(h);
            return (null, LinuxErrno.ESTALE);
        }
        if (_exportPath is not null && !InsideExport(h))
        {
            GfApi.glfs_h_close(h);
            return (null, LinuxErrno.ESTALE);
        }
        return (new GlusterObjectHandle(h), 0);
    }

    /// <summary>
    /// For an export of a directory of the volume: whether an object found by its GFID alone (a
    /// filehandle from a client) lies inside that directory. Its paths come from the volume's
    /// "glusterfs.gfidtopath" virtual xattr (several joined by ':' for hard links); an object
    /// whose path cannot be told is refused, so a handle from another export of the same volume
    /// never reaches outside this one.
    /// </summary>
    private unsafe bool InsideExport(nint handle)
    {
        byte* buffer = stackalloc byte[Utf8Z.MaxLength * 2];
        int n;
        fixed (byte* name = "glusterfs.gfidtopath\0"u8) n = GfApi.glfs_h_getxattrs(_fs, handle, name, buffer, Utf8Z.MaxLength * 2);
        if (n <= 0)
        {
            _logger.LogWarning("Refusing a filehandle of {Volume}: no path for it (errno {Errno}; is storage.gfid2path on?)", _options.Volume, GfApi.LastErrno);
            return false;
        }
        var paths = new ReadOnlySpan<byte>(buffer, n).TrimEnd((byte)0);
        Span<byte> prefix = stackalloc byte[Utf8Z.MaxLength + 1];
        int p = System.Text.Encoding.UTF8.GetBytes(_exportPath, prefix);
        prefix[p] = (byte)'/';
        var root = prefix[..p];
        var under = prefix[..(p + 1)];
        foreach (var range in paths.Split((byte)':'))
        {
            var path = paths[range];
            if (path.SequenceEqual(root) || path.StartsWith(under)) return true;
        }
        return false;
    }

    /// <summary>The cached object for a gfapi object a call returned; the object keeps the handle or closes it.</summary>
    private unsafe GlusterObject ObjectFor(GlusterObjectHandle handle, uint mode)
    {
        Gfid gfid;
        if (GfApi.glfs_h_extract_handle(handle.DangerousGetHandle(), (byte*)&gfid, Gfid.Length) != Gfid.Length)
        {
            handle.Dispose();
            throw new IOException($"glfs_h_extract_handle failed: errno {GfApi.LastErrno}");
        }
        var obj = ObjectFor(gfid, PosixFileModes.TypeOf(mode));
        obj.Adopt(handle);
        return obj;
    }

    private GlusterObject ObjectFor(Gfid gfid, FsalFileType type)
    {
        Span<byte> key = stackalloc byte[GlusterObject.KeyLength];
        key[0] = (byte)type;
        _volume.VolumeId.CopyTo(key[1..17]);
        gfid.Write(key[17..]);
        return _cache.Get(key);
    }

    /// <summary>Stops the worker threads; the volume connection stays for the process (see <see cref="GlusterVolume"/>).</summary>
    public void Dispose()
    {
        _threads.Dispose();
    }
}
