using System.Runtime.InteropServices;

namespace Fsal.Gluster.Objects;

/// <summary>
/// A reference held on a SafeHandle for the length of a native call (or several): the handle
/// cannot be closed underneath it (by cache eviction or a concurrent close) until it is disposed.
/// </summary>
internal readonly struct HandleLease : IDisposable
{
    private readonly SafeHandle? _handle;

    private HandleLease(SafeHandle handle) => _handle = handle;

    /// <summary>The native pointer; valid until <see cref="Dispose"/>.</summary>
    public nint Pointer => _handle?.DangerousGetHandle() ?? 0;

    /// <summary>True when this lease holds nothing (acquisition failed).</summary>
    public bool IsEmpty => _handle is null;

    /// <summary>Takes a reference, or returns an empty lease when the handle is already closed.</summary>
    public static HandleLease Take(SafeHandle handle)
    {
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException)
        {
        }
        return added ? new HandleLease(handle) : default;
    }

    /// <inheritdoc/>
    public void Dispose() => _handle?.DangerousRelease();
}
