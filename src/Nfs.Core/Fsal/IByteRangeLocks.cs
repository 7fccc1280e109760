namespace Nfs.Core.Fsal;

/// <summary>
/// Optional capability: byte-range locks held in the backend itself (OFD locks on a POSIX
/// filesystem, gfapi locks on Gluster), so that other users of the same storage see NFS
/// clients' locks. The core always keeps its own lock table; when a backend implements
/// this, a lock is granted only when the backend grants it too.
/// </summary>
public interface IByteRangeLocks
{
    /// <summary>
    /// Sets (or, with <paramref name="type"/> = <see cref="FsalLockType.Unlock"/>, releases) a lock
    /// owned by <paramref name="owner"/> (an opaque identity unique per NFS lock owner) without
    /// waiting. Returns <see cref="FsalStatus.Locked"/> on conflict.
    /// </summary>
    ValueTask<FsalStatus> LockAsync(FsalContext ctx, FsalObject obj, object? openToken, ReadOnlyMemory<byte> owner, FsalLockType type, ulong offset, ulong length);

    /// <summary>
    /// Tests, without taking it, whether a lock of <paramref name="type"/> by <paramref name="owner"/>
    /// would conflict with a lock held by anyone else on the storage (LOCKT): the first
    /// conflicting lock, or one of type <see cref="FsalLockType.Unlock"/> when there is none.
    /// </summary>
    ValueTask<FsalResult<FsalLockConflict>> TestLockAsync(FsalContext ctx, FsalObject obj, ReadOnlyMemory<byte> owner, FsalLockType type, ulong offset, ulong length);

    /// <summary>Drops every lock <paramref name="owner"/> holds on the object (its NFS lock state ended).</summary>
    ValueTask ReleaseAsync(FsalObject obj, ReadOnlyMemory<byte> owner);
}

/// <summary>Byte-range lock kinds.</summary>
public enum FsalLockType
{
    /// <summary>Release.</summary>
    Unlock = 0,
    /// <summary>Shared.</summary>
    Read = 1,
    /// <summary>Exclusive.</summary>
    Write = 2,
}

/// <summary>A lock that stands in the way (<see cref="IByteRangeLocks.TestLockAsync"/>); a length of all ones reaches to the end of the file.</summary>
public readonly record struct FsalLockConflict(FsalLockType Type, ulong Offset, ulong Length)
{
    /// <summary>No conflict.</summary>
    public static FsalLockConflict None => default;

    /// <summary>True when there is a conflicting lock.</summary>
    public bool Exists => Type != FsalLockType.Unlock;
}
