namespace Nfs.Core.Fsal;

/// <summary>
/// Optional capability of a backend whose storage other servers change too (other gateways in
/// front of the same Gluster volume, other clients of it): it reports the changes they make, so
/// the server can recall what it promised its own clients about those objects (delegations).
/// Changes made through this backend instance itself need not be reported.
/// </summary>
public interface IChangeNotifications
{
    /// <summary>
    /// Calls <paramref name="listener"/> for each change made elsewhere, on a thread of the
    /// backend's choosing (keep the listener short); disposing the result stops the calls.
    /// </summary>
    IDisposable Subscribe(Action<FsalChange> listener);
}

/// <summary>A change made outside this server: the key of the object (as <see cref="FsalObject.WriteKey"/> writes it) and what changed.</summary>
public readonly record struct FsalChange(ReadOnlyMemory<byte> Key, FsalChangeKind Kind);

/// <summary>What an outside change touched.</summary>
[Flags]
public enum FsalChangeKind
{
    /// <summary>File data (size or contents).</summary>
    Data = 1,
    /// <summary>Attributes (mode, owner, times).</summary>
    Attributes = 2,
    /// <summary>Names: the object was removed or renamed, or a directory's entries changed.</summary>
    Names = 4,
}
