namespace Nfs.Core.Fsal;

/// <summary>
/// A backend's in-memory reference to one filesystem object (Ganesha's "object handle",
/// nfs4j's inode). The core obtains it from <see cref="IFileSystem.Resolve"/> or from an
/// operation's result and passes it back to the same backend; it never looks inside except
/// through <see cref="WriteKey"/>. Backends subclass it with whatever they need (a node, a
/// GFID, a kernel handle).
/// </summary>
public abstract class FsalObject
{
    /// <summary>The object's type, fixed for its lifetime.</summary>
    public abstract FsalFileType Type { get; }

    /// <summary>
    /// Writes the backend key, the bytes from which <see cref="IFileSystem.Resolve"/> finds this
    /// object again, into <paramref name="destination"/>, and returns how many bytes it wrote.
    /// Keys must be stable across restarts where the backend's data is, and no longer than
    /// <see cref="FsalCapabilities.MaxKeyLength"/>.
    /// </summary>
    public abstract int WriteKey(Span<byte> destination);
}
