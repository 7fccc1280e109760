using Fsal.Gluster.Volumes;
using Nfs.Core.Fsal;
using Nfs.Core.Fsal.Support;

namespace Fsal.Gluster.Objects;

/// <summary>
/// A file or directory of a Gluster volume. Its key is [object type: 1 byte][volume id: 16][GFID:
/// 16]: the GFID names the inode on every brick and every gateway, so a key is the same on all
/// gateways in front of the volume and survives restarts. The gfapi object it is used through
/// is made on first use (from the GFID, or adopted from a lookup) and shared; leases keep it
/// open while calls use it.
/// </summary>
internal sealed class GlusterObject : FsalObject, ICachedObject
{
    /// <summary>Bytes in a key.</summary>
    public const int KeyLength = 1 + 16 + Gfid.Length;

    private readonly object _gate = new();
    private readonly List<GlusterOpenFile> _openFiles = [];
    private GlusterObjectHandle? _handle;

    public GlusterObject(byte[] key)
    {
        Key = key;
        Type = (FsalFileType)key[0];
        Gfid = Gfid.Read(key.AsSpan(17));
    }

    /// <summary>The key (see the class summary).</summary>
    public byte[] Key { get; }

    /// <inheritdoc/>
    public override FsalFileType Type { get; }

    /// <summary>The inode's GFID.</summary>
    public Gfid Gfid { get; }

    /// <inheritdoc/>
    public long LastUsed { get; private set; }

    /// <summary>Set once the object turned out to be gone.</summary>
    public volatile bool IsStale;

    /// <inheritdoc/>
    public override int WriteKey(Span<byte> destination)
    {
        Key.CopyTo(destination);
        return Key.Length;
    }

    /// <summary>Builds a key.</summary>
    public static byte[] MakeKey(FsalFileType type, ReadOnlySpan<byte> volumeId, Gfid gfid)
    {
        var key = new byte[KeyLength];
        key[0] = (byte)type;
        volumeId.CopyTo(key.AsSpan(1, 16));
        gfid.Write(key.AsSpan(17));
        return key;
    }

    /// <summary>
    /// A lease on the gfapi object, made with <paramref name="create"/> (which returns null and
    /// an errno on failure) when there is none yet. Dispose the lease after the calls.
    /// </summary>
    public HandleLease Acquire(Func<GlusterObject, (GlusterObjectHandle? Handle, int Errno)> create, out int errno)
    {
        errno = 0;
        lock (_gate)
        {
            LastUsed = Environment.TickCount64;
            if (_handle is not null)
            {
                var lease = HandleLease.Take(_handle);
                if (!lease.IsEmpty) return lease;
                _handle = null;
            }
        }
        // Outside the lock: this is a round trip to the bricks.
        var (made, error) = create(this);
        if (made is null)
        {
            errno = error;
            return default;
        }
        lock (_gate)
        {
            if (_handle is null) _handle = made;
            else made.Dispose();
            return HandleLease.Take(_handle);
        }
    }

    /// <summary>Keeps a gfapi object a lookup returned, unless one is held already.</summary>
    public void Adopt(GlusterObjectHandle handle)
    {
        lock (_gate)
        {
            LastUsed = Environment.TickCount64;
            if (_handle is null) _handle = handle;
            else handle.Dispose();
        }
    }

    /// <inheritdoc/>
    public void Evicted()
    {
        lock (_gate)
        {
            _handle?.Dispose();
            _handle = null;
        }
    }

    /// <summary>Records an open (OPEN state): an unlinked file stays reachable through it.</summary>
    public void AddOpen(GlusterOpenFile file)
    {
        lock (_openFiles) _openFiles.Add(file);
    }

    /// <summary>Forgets an open.</summary>
    public void RemoveOpen(GlusterOpenFile file)
    {
        lock (_openFiles) _openFiles.Remove(file);
    }

    /// <summary>A lease on the descriptor of some open of this object, if there is one.</summary>
    public HandleLease AnyOpenDescriptor()
    {
        lock (_openFiles)
        {
            foreach (var file in _openFiles)
            {
                var lease = HandleLease.Take(file.Fd);
                if (!lease.IsEmpty) return lease;
            }
        }
        return default;
    }
}
