using System.Buffers.Binary;
using Nfs.Core.Fsal;
using Nfs.Core.Fsal.Support;

namespace Fsal.Posix.Objects;

/// <summary>
/// A file or directory of a POSIX export, known by its kernel filehandle. Its key is
/// [object type: 1 byte][handle type: 4 bytes, big-endian][handle bytes]: the type is fixed for
/// an inode's life, so the core learns it without a system call, and the kernel handle stays
/// valid across server restarts. The O_PATH descriptor that operations are made relative to is
/// opened on first use and shared; a reference count keeps it open while calls use it.
/// </summary>
internal sealed class PosixObject : FsalObject, ICachedObject
{
    /// <summary>Bytes before the kernel handle in a key.</summary>
    public const int KeyHeader = 5;

    private readonly object _gate = new();
    private int _fd = -1;
    private int _users;
    private bool _uncached;

    public PosixObject(byte[] key)
    {
        Key = key;
        Type = (FsalFileType)key[0];
    }

    /// <summary>The key (see the class summary).</summary>
    public byte[] Key { get; }

    /// <inheritdoc/>
    public override FsalFileType Type { get; }

    /// <summary>The kernel's handle_type.</summary>
    public int HandleType => BinaryPrimitives.ReadInt32BigEndian(Key.AsSpan(1));

    /// <summary>The kernel's handle bytes.</summary>
    public ReadOnlySpan<byte> HandleBytes => Key.AsSpan(KeyHeader);

    /// <summary>Environment.TickCount64 of the last use (for cache trimming).</summary>
    public long LastUsed { get; private set; }

    /// <summary>Set once the object's key turned out stale.</summary>
    public volatile bool IsStale;

    /// <summary>Set when a name of it was removed or replaced: the next use checks that links remain.</summary>
    public volatile bool MaybeUnlinked;

    /// <summary>Opens (<c>OpenAsync</c>) not yet closed: an unlinked object stays usable while this is positive.</summary>
    public int OpenCount;

    /// <inheritdoc/>
    public override int WriteKey(Span<byte> destination)
    {
        Key.CopyTo(destination);
        return Key.Length;
    }

    /// <summary>Builds a key.</summary>
    public static byte[] MakeKey(FsalFileType type, int handleType, ReadOnlySpan<byte> handle)
    {
        var key = new byte[KeyHeader + handle.Length];
        key[0] = (byte)type;
        BinaryPrimitives.WriteInt32BigEndian(key.AsSpan(1), handleType);
        handle.CopyTo(key.AsSpan(KeyHeader));
        return key;
    }

    /// <summary>
    /// Returns the O_PATH descriptor, opening it with <paramref name="open"/> if needed (which
    /// returns a negative errno on failure); pair with <see cref="Release"/>.
    /// </summary>
    public int Acquire(Func<PosixObject, int> open)
    {
        lock (_gate)
        {
            if (_fd < 0)
            {
                int fd = open(this);
                if (fd < 0) return fd;
                _fd = fd;
            }
            _users++;
            LastUsed = Environment.TickCount64;
            return _fd;
        }
    }

    /// <summary>Ends a use; closes the descriptor if the object left the cache meanwhile.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _users--;
            if (_users == 0 && _uncached) CloseLocked();
        }
    }

    /// <summary>The cache dropped the object: its descriptor closes once unused (and reopens if it is used again).</summary>
    public void Evicted()
    {
        lock (_gate)
        {
            _uncached = true;
            if (_users == 0) CloseLocked();
        }
    }

    private void CloseLocked()
    {
        if (_fd >= 0)
        {
            Native.LibC.close(_fd);
            _fd = -1;
        }
    }
}
