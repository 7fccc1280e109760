using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Fsal.Gluster.Native;
using Microsoft.Extensions.Logging;

namespace Fsal.Gluster.Volumes;

/// <summary>
/// One connection (glfs_t) to a Gluster volume, shared by every export of that volume in the
/// process. It is never finalized: glfs_fini blocks for seconds on GlusterFS 10 and a second
/// glfs_t for the same volume would only duplicate caches and connections, so the connection
/// lives as long as the process. Cache-invalidation upcalls from the bricks arrive here and are
/// passed to the exports that registered for them.
/// </summary>
internal sealed class GlusterVolume
{
    private static readonly ConcurrentDictionary<string, Lazy<GlusterVolume>> Connections = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<int, Action<GlusterUpcall>> _upcallListeners = new();
    private readonly ILogger _logger;
    private readonly GCHandle _self;
    private int _nextListener;

    private unsafe GlusterVolume(string name, IReadOnlyList<VolfileServer> servers, string? logFile, ILogger logger)
    {
        Name = name;
        _logger = logger;
        Fs = GfApi.glfs_new(name);
        if (Fs == 0) throw new IOException($"glfs_new({name}) failed: errno {GfApi.LastErrno}");
        foreach (var server in servers)
        {
            if (GfApi.glfs_set_volfile_server(Fs, "tcp", server.Host, server.Port) != 0)
                throw new IOException($"glfs_set_volfile_server({server}) failed: errno {GfApi.LastErrno}");
        }
        // gfapi logs to a file of its own; "/dev/null" keeps it quiet unless a file is configured.
        GfApi.glfs_set_logging(Fs, logFile ?? "/dev/null", GfApi.LogLevelWarning);
        if (GfApi.glfs_init(Fs) != 0)
        {
            throw new IOException($"cannot connect to Gluster volume '{name}' through {string.Join(", ", servers)}: errno {GfApi.LastErrno}"
                + (logFile is null ? "" : $"; see {logFile}"));
        }
        var id = new byte[16];
        fixed (byte* p = id)
        {
            if (GfApi.glfs_get_volumeid(Fs, p, 16) != 16) throw new IOException($"glfs_get_volumeid({name}) failed: errno {GfApi.LastErrno}");
        }
        VolumeId = id;
        _self = GCHandle.Alloc(this);
        UpcallsEnabled = GfApi.glfs_upcall_register(Fs, GfApi.EventInodeInvalidate, &OnUpcall, GCHandle.ToIntPtr(_self)) >= 0;
        if (!UpcallsEnabled) _logger.LogWarning("Gluster volume {Volume}: no cache-invalidation upcalls (errno {Errno})", name, GfApi.LastErrno);
        _logger.LogInformation("Connected to Gluster volume {Volume} ({VolumeId}) through {Servers}", name, Convert.ToHexString(id), string.Join(", ", servers));
    }

    /// <summary>The volume name.</summary>
    public string Name { get; }

    /// <summary>The glfs_t.</summary>
    public nint Fs { get; }

    /// <summary>The volume's UUID (16 bytes), the first part of every key.</summary>
    public byte[] VolumeId { get; }

    /// <summary>Whether the bricks send cache-invalidation upcalls to this process.</summary>
    public bool UpcallsEnabled { get; }

    /// <summary>
    /// The process's connection to <paramref name="name"/>, made on first use (glfs_init
    /// blocks while it fetches the volfile and connects to the bricks).
    /// </summary>
    public static GlusterVolume Connect(string name, IReadOnlyList<VolfileServer> servers, string? logFile, ILogger logger)
    {
        var lazy = Connections.GetOrAdd(name, n => new Lazy<GlusterVolume>(() => new GlusterVolume(n, servers, logFile, logger)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // Let a later attempt retry (the volume may come up later).
            Connections.TryRemove(new KeyValuePair<string, Lazy<GlusterVolume>>(name, lazy));
            throw;
        }
    }

    /// <summary>Calls <paramref name="listener"/> for every upcall; dispose the result to stop.</summary>
    public IDisposable Subscribe(Action<GlusterUpcall> listener)
    {
        int id = Interlocked.Increment(ref _nextListener);
        _upcallListeners[id] = listener;
        return new Subscription(this, id);
    }

    private sealed class Subscription(GlusterVolume volume, int id) : IDisposable
    {
        public void Dispose() => volume._upcallListeners.TryRemove(id, out _);
    }

    /// <summary>
    /// Runs on a gfapi thread: copies the GFIDs out, frees the upcall, and hands the event to the
    /// listeners (which must not block: they only queue work).
    /// </summary>
    [UnmanagedCallersOnly]
    private static unsafe void OnUpcall(nint upcall, nint data)
    {
        try
        {
            var volume = (GlusterVolume)GCHandle.FromIntPtr(data).Target!;
            if (GfApi.glfs_upcall_get_reason(upcall) != GfApi.UpcallInodeInvalidate) return;
            nint inodeEvent = GfApi.glfs_upcall_get_event(upcall);
            var target = Gfid(GfApi.glfs_upcall_inode_get_object(inodeEvent));
            if (target is null) return;
            var evt = new GlusterUpcall(target.Value, (uint)GfApi.glfs_upcall_inode_get_flags(inodeEvent),
                Gfid(GfApi.glfs_upcall_inode_get_pobject(inodeEvent)), Gfid(GfApi.glfs_upcall_inode_get_oldpobject(inodeEvent)));
            foreach (var listener in volume._upcallListeners.Values) listener(evt);
        }
        catch (Exception ex)
        {
            // An exception must not cross back into gfapi.
            try { Console.Error.WriteLine($"Gluster upcall handling failed: {ex}"); } catch (IOException) { }
        }
        finally
        {
            GfApi.glfs_free(upcall);
        }
    }

    private static unsafe Gfid? Gfid(nint obj)
    {
        if (obj == 0) return null;
        Gfid id = default;
        return GfApi.glfs_h_extract_handle(obj, (byte*)&id, GfApi.HandleLength) == GfApi.HandleLength ? id : null;
    }
}
