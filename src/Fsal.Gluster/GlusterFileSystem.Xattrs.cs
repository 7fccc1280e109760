using System.Buffers;
using System.Text;
using Fsal.Gluster.Native;
using Fsal.Gluster.Objects;
using Fsal.Gluster.Threads;
using Nfs.Core.Fsal;
using Nfs.Core.Fsal.Support;

namespace Fsal.Gluster;

// User extended attributes (RFC 8276): names map to the volume's "user." namespace.
public sealed partial class GlusterFileSystem : IExtendedAttributes
{
    /// <summary>Largest value or name list read (Linux's own limit is 64 KiB).</summary>
    private const int MaxXattrValue = 64 * 1024;

    /// <inheritdoc/>
    public ValueTask<FsalResult<byte[]>> GetXattrAsync(FsalContext ctx, FsalObject obj, string name) => Run<byte[]>(ctx, () =>
        WithXattrAccess(obj, PosixPermissions.Read, handle => GetXattr(handle, name)));

    private unsafe FsalResult<byte[]> GetXattr(nint handle, string name)
    {
        Span<byte> nameBuffer = stackalloc byte[Utf8Z.MaxLength];
        var value = ArrayPool<byte>.Shared.Rent(MaxXattrValue);
        try
        {
            int size;
            fixed (byte* n = Utf8Z.Write("user." + name, nameBuffer))
            fixed (byte* v = value)
            {
                size = GfApi.glfs_h_getxattrs(_fs, handle, n, v, MaxXattrValue);
            }
            if (size < 0) return LinuxErrno.LastStatus;
            return value.AsSpan(0, size).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(value);
        }
    }

    /// <inheritdoc/>
    public ValueTask<FsalStatus> SetXattrAsync(FsalContext ctx, FsalObject obj, string name, ReadOnlyMemory<byte> value, XattrSetMode mode) => RunStatus(ctx, () =>
        WithXattrAccess(obj, PosixPermissions.Write, handle => SetXattr(handle, name, value, mode)).Status);

    private unsafe FsalResult<bool> SetXattr(nint handle, string name, ReadOnlyMemory<byte> value, XattrSetMode mode)
    {
        if (value.Length > MaxXattrValue) return FsalStatus.XattrTooBig;
        Span<byte> nameBuffer = stackalloc byte[Utf8Z.MaxLength];
        int flags = mode switch { XattrSetMode.Create => 1, XattrSetMode.Replace => 2, _ => 0 }; // XATTR_CREATE, XATTR_REPLACE
        byte empty = 0;
        using var pin = value.Pin();
        // gfapi refuses a null value pointer even for an empty value.
        byte* v = value.Length == 0 ? &empty : (byte*)pin.Pointer;
        fixed (byte* n = Utf8Z.Write("user." + name, nameBuffer))
        {
            if (GfApi.glfs_h_setxattrs(_fs, handle, n, v, (nuint)value.Length, flags) != 0) return LinuxErrno.LastStatus;
        }
        TouchChangeTime(handle);
        return true;
    }

    /// <inheritdoc/>
    public ValueTask<FsalResult<IReadOnlyList<string>>> ListXattrsAsync(FsalContext ctx, FsalObject obj) => Run<IReadOnlyList<string>>(ctx, () =>
        WithXattrAccess(obj, PosixPermissions.Read, ListXattrs));

    private unsafe FsalResult<IReadOnlyList<string>> ListXattrs(nint handle)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxXattrValue);
        try
        {
            int n;
            fixed (byte* b = buffer) n = GfApi.glfs_h_getxattrs(_fs, handle, null, b, MaxXattrValue);
            if (n < 0) return LinuxErrno.LastStatus;
            var list = buffer.AsSpan(0, n);
            var names = new List<string>();
            foreach (var range in list.Split((byte)0))
            {
                var entry = list[range];
                if (entry.StartsWith("user."u8)) names.Add(Encoding.UTF8.GetString(entry[5..]));
            }
            return names;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc/>
    public ValueTask<FsalStatus> RemoveXattrAsync(FsalContext ctx, FsalObject obj, string name) => RunStatus(ctx, () =>
        WithXattrAccess(obj, PosixPermissions.Write, handle => RemoveXattr(handle, name)).Status);

    private unsafe FsalResult<bool> RemoveXattr(nint handle, string name)
    {
        Span<byte> nameBuffer = stackalloc byte[Utf8Z.MaxLength];
        fixed (byte* n = Utf8Z.Write("user." + name, nameBuffer))
        {
            if (GfApi.glfs_h_removexattrs(_fs, handle, n) != 0) return LinuxErrno.LastStatus;
        }
        TouchChangeTime(handle);
        return true;
    }

    /// <summary>
    /// Checks the caller's access as Linux does for user attributes (read to get or list, write
    /// to set or remove), then runs the call as root: the bricks do not check user xattrs against
    /// the caller. Symlinks have none; other special files refuse them as Linux does.
    /// </summary>
    private FsalResult<T> WithXattrAccess<T>(FsalObject obj, int want, Func<nint, FsalResult<T>> call)
    {
        if (obj.Type == FsalFileType.Symlink) return FsalStatus.NotSupported;
        if (obj.Type is not (FsalFileType.Regular or FsalFileType.Directory)) return FsalStatus.NotPermitted;
        using var lease = Acquire(obj, out var go, out var status);
        if (lease.IsEmpty) return status;
        var attrs = Stat(lease.Pointer, go);
        if (!attrs.IsOk) return attrs.Status;
        if (!PosixPermissions.Allows(GlusterIdentity.Current, attrs.Value, want)) return FsalStatus.AccessDenied;
        return GlusterIdentity.AsRoot(() => call(lease.Pointer), out _);
    }
}
