using System.Text;
using Fsal.Posix.Native;
using Fsal.Posix.Objects;
using Nfs.Core.Fsal;
using Nfs.Core.Fsal.Support;

namespace Fsal.Posix;

// LOOKUP, LOOKUPP, CREATE, REMOVE, RENAME, LINK, READLINK: each relative to the directory's descriptor.
public sealed partial class PosixFileSystem
{
    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalLookup>> LookupAsync(FsalContext ctx, FsalObject directory, string name, FsalAttrMask wanted) => Run(ctx, () =>
    {
        int dirFd = Acquire(directory, out var dir, out var status);
        if (dirFd < 0) return status;
        try
        {
            Span<byte> nameZ = stackalloc byte[Utf8Z.MaxLength];
            return ObjectAt(dirFd, Utf8Z.Write(name, nameZ));
        }
        finally
        {
            dir.Release();
        }
    });

    /// <inheritdoc/>
    public unsafe ValueTask<FsalResult<FsalLookup>> LookupParentAsync(FsalContext ctx, FsalObject directory, FsalAttrMask wanted)
    {
        if (ReferenceEquals(directory, Root)) return GetRootLookupAsync(ctx);
        return Run(ctx, () =>
        {
            int dirFd = Acquire(directory, out var dir, out var status);
            if (dirFd < 0) return status;
            try
            {
                if (dir.Type != FsalFileType.Directory) return FsalStatus.NotDirectory;
                return ObjectAt(dirFd, "..\0"u8);
            }
            finally
            {
                dir.Release();
            }
        });
    }

    private async ValueTask<FsalResult<FsalLookup>> GetRootLookupAsync(FsalContext ctx)
    {
        var attrs = await GetAttributesAsync(ctx, Root, FsalAttrMask.All).ConfigureAwait(false);
        return attrs.IsOk ? new FsalLookup(Root, attrs.Value) : attrs.Status;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The new object belongs to the caller (the kernel sets fsuid and fsgid, or the directory's
    /// group where it is setgid); an owner or group in the request is applied afterwards, with
    /// the kernel's checks. The directory's change info is read before and after and is not
    /// atomic: other processes may change the directory in between.
    /// </remarks>
    public ValueTask<FsalResult<FsalCreated>> CreateAsync(FsalContext ctx, FsalObject directory, string name, FsalCreateRequest request) =>
        Run(ctx, () => CreateIn(directory, name, request, openFor: null, out _));

    /// <summary><see cref="Create"/> in <paramref name="directory"/>, on the current worker; the directory's cached listing and attributes are dropped after.</summary>
    private FsalResult<FsalCreated> CreateIn(FsalObject directory, string name, FsalCreateRequest request, FsalOpenFlags? openFor, out int openFd)
    {
        openFd = -1;
        int dirFd = Acquire(directory, out var dir, out var status);
        if (dirFd < 0) return status;
        try
        {
            var result = Create(dirFd, name, request, openFor, out openFd);
            Changed(dir);
            return result;
        }
        finally
        {
            dir.Release();
        }
    }

    /// <summary>
    /// Creates an object; with <paramref name="openFor"/>, a regular file it creates stays open
    /// for that access and <paramref name="openFd"/> is its descriptor (otherwise -1), which the
    /// caller owns. open(2) grants the access asked for when it creates, whatever the new mode.
    /// </summary>
    private unsafe FsalResult<FsalCreated> Create(int dirFd, string name, FsalCreateRequest request, FsalOpenFlags? openFor, out int openFd)
    {
        openFd = -1;
        Span<byte> nameBuffer = stackalloc byte[Utf8Z.MaxLength];
        var nameZ = Utf8Z.Write(name, nameBuffer);
        ulong before = ChangeOf(dirFd);
        uint mode = ((request.Attributes.Set & FsalAttrMask.Mode) != 0 ? request.Attributes.Mode : 0x1A4u) & 0xFFF;
        fixed (byte* n = nameZ)
        {
            int rc;
            switch (request.Type)
            {
                case FsalFileType.Regular:
                    int flags = LibC.O_CREAT | LibC.O_NOFOLLOW | LibC.O_CLOEXEC | LibC.O_EXCL
                        | (openFor is { } access ? AccessMode(access) : LibC.O_RDONLY | LibC.O_NONBLOCK);
                    rc = LibC.openat(dirFd, n, flags, mode);
                    if (rc < 0 && Errno.Last == Errno.EEXIST && !request.Exclusive)
                    {
                        var existing = ObjectAt(dirFd, nameZ);
                        if (!existing.IsOk) return existing.Status;
                        if (existing.Value.Object.Type != FsalFileType.Regular) return FsalStatus.Exists;
                        return new FsalCreated(existing.Value.Object, existing.Value.Attributes, new FsalChangeInfo(before, before, false), Existed: true);
                    }
                    if (rc >= 0)
                    {
                        if (openFor is null) LibC.close(rc);
                        else openFd = rc;
                    }
                    break;
                case FsalFileType.Directory:
                    rc = LibC.mkdirat(dirFd, n, mode);
                    break;
                case FsalFileType.Symlink:
                    if (request.LinkTarget is null) return FsalStatus.Invalid;
                    Span<byte> targetBuffer = stackalloc byte[Encoding.UTF8.GetByteCount(request.LinkTarget) + 1];
                    fixed (byte* t = Utf8Z.Write(request.LinkTarget, targetBuffer)) rc = LibC.symlinkat(t, dirFd, n);
                    break;
                case FsalFileType.BlockDevice or FsalFileType.CharacterDevice or FsalFileType.Fifo or FsalFileType.Socket:
                    ulong dev = PosixFileModes.MakeDevice(request.Device.Major, request.Device.Minor);
                    rc = LibC.mknodat(dirFd, n, mode | PosixFileModes.ModeBits(request.Type), dev);
                    break;
                default:
                    return FsalStatus.BadType;
            }
            if (rc < 0) return Errno.LastStatus;
        }
        var created = ObjectAt(dirFd, nameZ);
        if (!created.IsOk) return CloseOpened(ref openFd, created.Status);
        var obj = created.Value.Object;
        var attrs = created.Value.Attributes;
        var rest = request.Attributes;
        rest.Set &= ~FsalAttrMask.Mode;
        if (request.Type == FsalFileType.Symlink) rest.Set &= ~FsalAttrMask.Size;
        if (!rest.IsEmpty)
        {
            int fd = Acquire(obj, out var po, out var status);
            if (fd < 0) return CloseOpened(ref openFd, status);
            try
            {
                var set = SetAttributes(fd, po, rest);
                Changed(po);
                if (!set.IsOk) return CloseOpened(ref openFd, set.Status);
                attrs = set.Value;
            }
            finally
            {
                po.Release();
            }
        }
        return new FsalCreated(obj, attrs, new FsalChangeInfo(before, ChangeOf(dirFd), false));
    }

    /// <summary>Closes a descriptor <see cref="Create(int, string, FsalCreateRequest, FsalOpenFlags?, out int)"/> kept open, on a failure after it.</summary>
    private static FsalStatus CloseOpened(ref int openFd, FsalStatus status)
    {
        if (openFd >= 0) LibC.close(openFd);
        openFd = -1;
        return status;
    }

    private static ulong ChangeOf(int fd)
    {
        var a = StatFd(fd);
        return a.IsOk ? a.Value.Change : 0;
    }

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalChangeInfo>> RemoveAsync(FsalContext ctx, FsalObject directory, string name) => Run(ctx, () =>
    {
        int dirFd = Acquire(directory, out var dir, out var status);
        if (dirFd < 0) return status;
        try
        {
            var result = Remove(dirFd, name);
            Changed(dir);
            return result;
        }
        finally
        {
            dir.Release();
        }
    });

    /// <summary>
    /// Flags the cached object a name refers to, before that name goes (REMOVE, RENAME over it),
    /// and returns it (null when there is none) for <see cref="Changed"/> once the name is gone.
    /// </summary>
    private PosixObject? MarkMaybeUnlinked(int dirFd, ReadOnlySpan<byte> nameZ)
    {
        var victim = ObjectAt(dirFd, nameZ);
        if (!victim.IsOk) return null;
        var po = (PosixObject)victim.Value.Object;
        po.MaybeUnlinked = true;
        return po;
    }

    private unsafe FsalResult<FsalChangeInfo> Remove(int dirFd, string name)
    {
        Span<byte> nameBuffer = stackalloc byte[Utf8Z.MaxLength];
        var nameZ = Utf8Z.Write(name, nameBuffer);
        ulong before = ChangeOf(dirFd);
        var victim = MarkMaybeUnlinked(dirFd, nameZ);
        try
        {
            fixed (byte* n = nameZ)
            {
                if (LibC.unlinkat(dirFd, n, 0) != 0)
                {
                    int errno = Errno.Last;
                    if (errno != Errno.EISDIR) return Errno.ToStatus(errno);
                    if (LibC.unlinkat(dirFd, n, LibC.AT_REMOVEDIR) != 0) return Errno.LastStatus;
                }
            }
            return new FsalChangeInfo(before, ChangeOf(dirFd), false);
        }
        finally
        {
            if (victim is not null) Changed(victim);
        }
    }

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalRenamed>> RenameAsync(FsalContext ctx, FsalObject sourceDirectory, string sourceName, FsalObject targetDirectory, string targetName) => Run(ctx, () =>
    {
        int from = Acquire(sourceDirectory, out var src, out var status);
        if (from < 0) return status;
        try
        {
            int to = Acquire(targetDirectory, out var dst, out status);
            if (to < 0) return status;
            try
            {
                var result = Rename(from, sourceName, to, targetName);
                Changed(src);
                Changed(dst);
                return result;
            }
            finally
            {
                dst.Release();
            }
        }
        finally
        {
            src.Release();
        }
    });

    private unsafe FsalResult<FsalRenamed> Rename(int fromFd, string fromName, int toFd, string toName)
    {
        Span<byte> a = stackalloc byte[Utf8Z.MaxLength];
        Span<byte> b = stackalloc byte[Utf8Z.MaxLength];
        var fromZ = Utf8Z.Write(fromName, a);
        var toZ = Utf8Z.Write(toName, b);
        ulong fromBefore = ChangeOf(fromFd), toBefore = ChangeOf(toFd);
        var victim = MarkMaybeUnlinked(toFd, toZ);
        // The moved object's change time moves too: find it to forget its attributes after.
        var moved = _attributes.Enabled ? ObjectAt(fromFd, fromZ) : FsalStatus.NoEntry;
        try
        {
            fixed (byte* f = fromZ)
            fixed (byte* t = toZ)
            {
                if (LibC.renameat2(fromFd, f, toFd, t, 0) != 0) return Errno.LastStatus;
            }
        }
        finally
        {
            if (victim is not null) Changed(victim);
            if (moved.IsOk) Changed(moved.Value.Object);
        }
        return new FsalRenamed(new FsalChangeInfo(fromBefore, ChangeOf(fromFd), false), new FsalChangeInfo(toBefore, ChangeOf(toFd), false));
    }

    /// <inheritdoc/>
    /// <remarks>
    /// linkat through /proc/self/fd/N with AT_SYMLINK_FOLLOW: unlike AT_EMPTY_PATH it needs no
    /// capability, so the kernel checks the caller's right to write the directory.
    /// </remarks>
    public ValueTask<FsalResult<FsalChangeInfo>> LinkAsync(FsalContext ctx, FsalObject obj, FsalObject directory, string name) => Run(ctx, () =>
    {
        if (obj.Type == FsalFileType.Directory) return FsalStatus.IsDirectory;
        int fd = Acquire(obj, out var po, out var status);
        if (fd < 0) return status;
        try
        {
            int dirFd = Acquire(directory, out var dir, out status);
            if (dirFd < 0) return status;
            try
            {
                var result = Link(fd, dirFd, name);
                Changed(po);
                Changed(dir);
                return result;
            }
            finally
            {
                dir.Release();
            }
        }
        finally
        {
            po.Release();
        }
    });

    private static unsafe FsalResult<FsalChangeInfo> Link(int fd, int dirFd, string name)
    {
        Span<byte> procBuffer = stackalloc byte[32];
        Span<byte> nameBuffer = stackalloc byte[Utf8Z.MaxLength];
        var proc = NativeString.ProcFd(fd, procBuffer);
        var nameZ = Utf8Z.Write(name, nameBuffer);
        ulong before = ChangeOf(dirFd);
        fixed (byte* p = proc)
        fixed (byte* n = nameZ)
        {
            if (LibC.linkat(LibC.AT_FDCWD, p, dirFd, n, LibC.AT_SYMLINK_FOLLOW) != 0) return Errno.LastStatus;
        }
        return new FsalChangeInfo(before, ChangeOf(dirFd), false);
    }

    /// <inheritdoc/>
    public ValueTask<FsalResult<string>> ReadLinkAsync(FsalContext ctx, FsalObject obj) => Run(ctx, () =>
    {
        if (obj.Type != FsalFileType.Symlink) return FsalStatus.Invalid;
        int fd = Acquire(obj, out var po, out var status);
        if (fd < 0) return status;
        try
        {
            return ReadLink(fd);
        }
        finally
        {
            po.Release();
        }
    });

    private static unsafe FsalResult<string> ReadLink(int fd)
    {
        byte empty = 0;
        byte* buffer = stackalloc byte[Utf8Z.MaxLength];
        nint n = LibC.readlinkat(fd, &empty, buffer, Utf8Z.MaxLength);
        if (n < 0) return Errno.LastStatus;
        return Encoding.UTF8.GetString(buffer, (int)n);
    }
}
