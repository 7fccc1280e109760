using System.Text;
using Fsal.Posix.Native;
using Nfs.Core.Fsal;
using Nfs.Core.Fsal.Support;

namespace Fsal.Posix;

// User extended attributes (RFC 8276): names map to the kernel's "user." namespace.
public sealed partial class PosixFileSystem : IExtendedAttributes
{
    /// <summary>Largest value read (the kernel's own limit is 64 KiB).</summary>
    private const int MaxXattrValue = 64 * 1024;

    /// <inheritdoc/>
    public unsafe ValueTask<FsalResult<byte[]>> GetXattrAsync(FsalContext ctx, FsalObject obj, string name) => Run<byte[]>(ctx, () =>
        WithProcPath(obj, (path, _) => GetXattr(path, name)));

    private static unsafe FsalResult<byte[]> GetXattr(byte* path, string name)
    {
        Span<byte> nameBuffer = stackalloc byte[Utf8Z.MaxLength];
        var value = new byte[MaxXattrValue];
        fixed (byte* n = Utf8Z.Write("user." + name, nameBuffer))
        fixed (byte* v = value)
        {
            nint size = LibC.getxattr(path, n, v, value.Length);
            if (size < 0) return Errno.LastStatus;
            return value.AsSpan(0, (int)size).ToArray();
        }
    }

    /// <inheritdoc/>
    public unsafe ValueTask<FsalStatus> SetXattrAsync(FsalContext ctx, FsalObject obj, string name, ReadOnlyMemory<byte> value, XattrSetMode mode) => RunStatus(ctx, () =>
        ChangedAfter(obj, WithProcPath(obj, (path, _) => SetXattr(path, name, value, mode)).Status));

    private static unsafe FsalResult<bool> SetXattr(byte* path, string name, ReadOnlyMemory<byte> value, XattrSetMode mode)
    {
        Span<byte> nameBuffer = stackalloc byte[Utf8Z.MaxLength];
        int flags = mode switch { XattrSetMode.Create => LibC.XATTR_CREATE, XattrSetMode.Replace => LibC.XATTR_REPLACE, _ => 0 };
        using var pin = value.Pin();
        fixed (byte* n = Utf8Z.Write("user." + name, nameBuffer))
        {
            if (LibC.setxattr(path, n, (byte*)pin.Pointer, value.Length, flags) != 0) return Errno.LastStatus;
        }
        return true;
    }

    /// <inheritdoc/>
    public unsafe ValueTask<FsalResult<IReadOnlyList<string>>> ListXattrsAsync(FsalContext ctx, FsalObject obj) => Run<IReadOnlyList<string>>(ctx, () =>
        WithProcPath(obj, (path, _) => ListXattrs(path)));

    private static unsafe FsalResult<IReadOnlyList<string>> ListXattrs(byte* path)
    {
        // The kernel lists without a permission check; NFS wants read access (RFC 8276 section 8.4.1).
        if (LibC.faccessat(LibC.AT_FDCWD, path, R_OK, LibC.AT_EACCESS) != 0) return Errno.LastStatus;
        var buffer = new byte[MaxXattrValue];
        nint n;
        fixed (byte* b = buffer) n = LibC.listxattr(path, b, buffer.Length);
        if (n < 0) return Errno.LastStatus;
        var names = new List<string>();
        foreach (var raw in buffer.AsSpan(0, (int)n).Split((byte)0))
        {
            var entry = buffer.AsSpan(0, (int)n)[raw];
            if (entry.StartsWith("user."u8)) names.Add(Encoding.UTF8.GetString(entry[5..]));
        }
        return names;
    }

    /// <inheritdoc/>
    public unsafe ValueTask<FsalStatus> RemoveXattrAsync(FsalContext ctx, FsalObject obj, string name) => RunStatus(ctx, () =>
        ChangedAfter(obj, WithProcPath(obj, (path, _) => RemoveXattr(path, name)).Status));

    private static unsafe FsalResult<bool> RemoveXattr(byte* path, string name)
    {
        Span<byte> nameBuffer = stackalloc byte[Utf8Z.MaxLength];
        fixed (byte* n = Utf8Z.Write("user." + name, nameBuffer))
        {
            if (LibC.removexattr(path, n) != 0) return Errno.LastStatus;
        }
        return true;
    }

    private unsafe delegate FsalResult<T> PathCall<T>(byte* path, int fd);

    /// <summary>Runs a path-based call (xattrs) on /proc/self/fd/N of the object; the kernel follows it to the inode.</summary>
    private unsafe FsalResult<T> WithProcPath<T>(FsalObject obj, PathCall<T> call)
    {
        if (obj.Type == FsalFileType.Symlink) return FsalStatus.NotSupported;
        int fd = Acquire(obj, out var po, out var status);
        if (fd < 0) return status;
        try
        {
            Span<byte> procBuffer = stackalloc byte[32];
            fixed (byte* p = NativeString.ProcFd(fd, procBuffer)) return call(p, fd);
        }
        finally
        {
            po.Release();
        }
    }
}
