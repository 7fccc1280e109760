using System.Net;
using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Core.State;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nlm;

namespace Nfs.Core.Nlm;

/// <summary>
/// What a lock attempt needs, copied out of the request so it outlives it (a blocked request
/// is retried long after its call ended).
/// </summary>
internal sealed record LockRequest(
    NfsFileHandle Handle, Export Export, FsalObject Object, NlmOwnerId Owner, IPAddress Client, int NsmState,
    bool Exclusive, ulong Start, ulong End, ulong BackendLength, Credential Credential, bool Monitored);

/// <summary>
/// A LOCK with block = true that conflicted: it waits in <see cref="NlmService"/>'s queue until
/// the range is free, is then granted, and the client hears of it through GRANTED (or
/// GRANTED_MSG when it asked with LOCK_MSG).
/// </summary>
internal sealed class BlockedLock(LockRequest request, Nlm4Lock wireLock, byte[] cookie, bool viaMessage)
{
    /// <summary>The lock to take.</summary>
    public LockRequest Request { get; } = request;

    /// <summary>The lock as the client described it (its fh, oh, offset and length are echoed in GRANTED, which the client matches).</summary>
    public Nlm4Lock WireLock { get; } = wireLock;

    /// <summary>The client's cookie of the latest LOCK for this request.</summary>
    public byte[] Cookie { get; set; } = cookie;

    /// <summary>Whether the client asked with LOCK_MSG (and so hears with GRANTED_MSG).</summary>
    public bool ViaMessage { get; } = viaMessage;

    /// <summary>Set (under the queue's lock) once the request left the queue by CANCEL, UNLOCK or FREE_ALL.</summary>
    public bool Cancelled { get; set; }

    /// <summary>Once granted: the file state and owner holding the lock, to release it if the client does not take it.</summary>
    public (FileState File, NlmLockOwner Owner)? Granted { get; set; }

    /// <summary>True when the arguments name this request: the same owner, file, range and kind.</summary>
    public bool Matches(in NfsFileHandle handle, in NlmOwnerId owner, ulong offset, ulong length, bool exclusive) =>
        Request.Handle.Equals(handle) && WireLock.Offset == offset && WireLock.Length == length && Request.Exclusive == exclusive && SameOwner(owner);

    /// <summary>True when the request belongs to <paramref name="owner"/>.</summary>
    public bool SameOwner(in NlmOwnerId owner) =>
        Request.Owner.Svid == owner.Svid
        && string.Equals(Request.Owner.Host, owner.Host, StringComparison.OrdinalIgnoreCase)
        && Request.Owner.OwnerHandle.Span.SequenceEqual(owner.OwnerHandle.Span);
}
