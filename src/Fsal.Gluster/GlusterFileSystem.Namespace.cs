using System.Text;
using Fsal.Gluster.Native;
using Fsal.Gluster.Objects;
using Nfs.Core.Fsal;
using Nfs.Core.Fsal.Support;

namespace Fsal.Gluster;

// LOOKUP, LOOKUPP, CREATE, REMOVE, RENAME, LINK, READLINK through gfapi's handle calls.
public sealed partial class GlusterFileSystem
{
    private const int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0x40, O_EXCL = 0x80;

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalLookup>> LookupAsync(FsalContext ctx, FsalObject directory, string name, FsalAttrMask wanted) => Run(ctx, () =>
    {
        if (directory.Type != FsalFileType.Directory) return FsalStatus.NotDirectory;
        using var lease = Acquire(directory, out _, out var status);
        if (lease.IsEmpty) return status;
        return LookupAt(lease.Pointer, name);
    });

    /// <summary>glfs_h_lookupat without following a final symlink.</summary>
    private unsafe FsalResult<FsalLookup> LookupAt(nint dir, string name)
    {
        Span<byte> nameBuffer = stackalloc byte[Utf8Z.MaxLength];
        GlusterStat st;
        nint h;
        fixed (byte* n = Utf8Z.Write(name, nameBuffer)) h = GfApi.glfs_h_lookupat(_fs, dir, n, &st, 0);
        if (h == 0) return LinuxErrno.LastStatus;
        return new FsalLookup(ObjectFor(new GlusterObjectHandle(h), st.Mode), ToAttributes(st));
    }

    /// <inheritdoc/>
    /// <remarks>The export's root is its own parent: ".." never leads out of the exported directory.</remarks>
    public ValueTask<FsalResult<FsalLookup>> LookupParentAsync(FsalContext ctx, FsalObject directory, FsalAttrMask wanted) => Run(ctx, () =>
    {
        using var lease = Acquire(directory, out var go, out var status);
        if (lease.IsEmpty) return status;
        if (go.Type != FsalFileType.Directory) return FsalStatus.NotDirectory;
        if (ReferenceEquals(go, _root))
        {
            var attrs = Stat(lease.Pointer, go);
            return attrs.IsOk ? new FsalLookup(_root, attrs.Value) : attrs.Status;
        }
        return LookupAt(lease.Pointer, "..");
    });

    /// <inheritdoc/>
    /// <remarks>
    /// The new object belongs to the caller (the bricks set the owner from the caller's identity,
    /// and the group from a setgid directory); an owner or group in the request is applied
    /// afterwards, with the bricks' checks. The directory's change info is read before and after
    /// and is not atomic: other clients of the volume may change the directory in between.
    /// </remarks>
    public ValueTask<FsalResult<FsalCreated>> CreateAsync(FsalContext ctx, FsalObject directory, string name, FsalCreateRequest request) => Run(ctx, () =>
    {
        if (directory.Type != FsalFileType.Directory) return FsalStatus.NotDirectory;
        using var lease = Acquire(directory, out var dir, out var status);
        if (lease.IsEmpty) return status;
        return Create(lease.Pointer, dir, name, request);
    });

    private unsafe FsalResult<FsalCreated> Create(nint dir, GlusterObject dirObject, string name, FsalCreateRequest request)
    {
        Span<byte> nameBuffer = stackalloc byte[Utf8Z.MaxLength];
        var nameZ = Utf8Z.Write(name, nameBuffer);
        ulong before = ChangeOf(dir, dirObject);
        uint mode = ((request.Attributes.Set & FsalAttrMask.Mode) != 0 ? request.Attributes.Mode : 0x1A4u) & 0xFFF;
        GlusterStat st;
        nint h;
        fixed (byte* n = nameZ)
        {
            switch (request.Type)
            {
                case FsalFileType.Regular:
                    h = GfApi.glfs_h_creat(_fs, dir, n, O_CREAT | O_EXCL | O_RDONLY, mode, &st);
                    if (h == 0 && GfApi.LastErrno == LinuxErrno.EEXIST && !request.Exclusive)
                    {
                        var existing = LookupAt(dir, name);
                        if (!existing.IsOk) return existing.Status;
                        if (existing.Value.Object.Type != FsalFileType.Regular) return FsalStatus.Exists;
                        return new FsalCreated(existing.Value.Object, existing.Value.Attributes, new FsalChangeInfo(before, before, false), Existed: true);
                    }
                    break;
                case FsalFileType.Directory:
                    h = GfApi.glfs_h_mkdir(_fs, dir, n, mode, &st);
                    break;
                case FsalFileType.Symlink:
                    if (request.LinkTarget is null) return FsalStatus.Invalid;
                    if (Encoding.UTF8.GetByteCount(request.LinkTarget) >= Utf8Z.MaxLength) return FsalStatus.NameTooLong;
                    Span<byte> targetBuffer = stackalloc byte[Encoding.UTF8.GetByteCount(request.LinkTarget) + 1];
                    fixed (byte* t = Utf8Z.Write(request.LinkTarget, targetBuffer)) h = GfApi.glfs_h_symlink(_fs, dir, n, t, &st);
                    break;
                case FsalFileType.BlockDevice or FsalFileType.CharacterDevice or FsalFileType.Fifo or FsalFileType.Socket:
                    ulong dev = PosixFileModes.MakeDevice(request.Device.Major, request.Device.Minor);
                    h = GfApi.glfs_h_mknod(_fs, dir, n, mode | PosixFileModes.ModeBits(request.Type), dev, &st);
                    break;
                default:
                    return FsalStatus.BadType;
            }
        }
        if (h == 0) return LinuxErrno.LastStatus;
        var obj = ObjectFor(new GlusterObjectHandle(h), st.Mode);
        var attrs = ToAttributes(st);
        var rest = request.Attributes;
        rest.Set &= ~FsalAttrMask.Mode;
        if (request.Type == FsalFileType.Symlink) rest.Set &= ~FsalAttrMask.Size;
        if (!rest.IsEmpty)
        {
            using var lease = Acquire(obj, out var go, out var status);
            if (lease.IsEmpty) return status;
            var set = SetAttributes(lease.Pointer, go, rest);
            if (!set.IsOk) return set.Status;
            attrs = set.Value;
        }
        return new FsalCreated(obj, attrs, new FsalChangeInfo(before, ChangeOf(dir, dirObject), false));
    }

    private ulong ChangeOf(nint dir, GlusterObject dirObject)
    {
        var a = Stat(dir, dirObject);
        return a.IsOk ? a.Value.Change : 0;
    }

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalChangeInfo>> RemoveAsync(FsalContext ctx, FsalObject directory, string name) => Run(ctx, () =>
    {
        if (directory.Type != FsalFileType.Directory) return FsalStatus.NotDirectory;
        using var lease = Acquire(directory, out var dir, out var status);
        if (lease.IsEmpty) return status;
        return Remove(lease.Pointer, dir, name);
    });

    /// <summary>glfs_h_unlink removes files and (empty) directories alike.</summary>
    private unsafe FsalResult<FsalChangeInfo> Remove(nint dir, GlusterObject dirObject, string name)
    {
        Span<byte> nameBuffer = stackalloc byte[Utf8Z.MaxLength];
        ulong before = ChangeOf(dir, dirObject);
        fixed (byte* n = Utf8Z.Write(name, nameBuffer))
        {
            if (GfApi.glfs_h_unlink(_fs, dir, n) != 0) return LinuxErrno.LastStatus;
        }
        return new FsalChangeInfo(before, ChangeOf(dir, dirObject), false);
    }

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalRenamed>> RenameAsync(FsalContext ctx, FsalObject sourceDirectory, string sourceName, FsalObject targetDirectory, string targetName) => Run(ctx, () =>
    {
        if (sourceDirectory.Type != FsalFileType.Directory || targetDirectory.Type != FsalFileType.Directory) return FsalStatus.NotDirectory;
        using var from = Acquire(sourceDirectory, out var src, out var status);
        if (from.IsEmpty) return status;
        using var to = Acquire(targetDirectory, out var dst, out status);
        if (to.IsEmpty) return status;
        return Rename(from.Pointer, src, sourceName, to.Pointer, dst, targetName);
    });

    private unsafe FsalResult<FsalRenamed> Rename(nint fromDir, GlusterObject src, string fromName, nint toDir, GlusterObject dst, string toName)
    {
        Span<byte> a = stackalloc byte[Utf8Z.MaxLength];
        Span<byte> b = stackalloc byte[Utf8Z.MaxLength];
        ulong fromBefore = ChangeOf(fromDir, src), toBefore = ChangeOf(toDir, dst);
        // POSIX: renaming a name onto itself, or onto another link of the same file, does nothing
        // (the bricks would still change the directories, or remove the source name).
        var source = LookupAt(fromDir, fromName);
        if (!source.IsOk) return source.Status;
        if (ReferenceEquals(src, dst) && fromName == toName ||
            source.Value.Object.Type != FsalFileType.Directory && LookupAt(toDir, toName) is { IsOk: true } target && ReferenceEquals(target.Value.Object, source.Value.Object))
        {
            return new FsalRenamed(new FsalChangeInfo(fromBefore, fromBefore), new FsalChangeInfo(toBefore, toBefore));
        }
        fixed (byte* f = Utf8Z.Write(fromName, a))
        fixed (byte* t = Utf8Z.Write(toName, b))
        {
            if (GfApi.glfs_h_rename(_fs, fromDir, f, toDir, t) != 0)
            {
                int errno = GfApi.LastErrno;
                return errno == LinuxErrno.EEXIST ? RenameConflict(fromDir, fromName, toDir, toName) : LinuxErrno.ToStatus(errno);
            }
        }
        return new FsalRenamed(new FsalChangeInfo(fromBefore, ChangeOf(fromDir, src), false), new FsalChangeInfo(toBefore, ChangeOf(toDir, dst), false));
    }

    /// <summary>
    /// The bricks refuse a rename between a directory and a non-directory with EEXIST; POSIX
    /// (and NFS) say which side is the directory.
    /// </summary>
    private FsalStatus RenameConflict(nint fromDir, string fromName, nint toDir, string toName)
    {
        var from = LookupAt(fromDir, fromName);
        var to = LookupAt(toDir, toName);
        if (!from.IsOk || !to.IsOk) return FsalStatus.Exists;
        bool fromIsDirectory = from.Value.Attributes.Type == FsalFileType.Directory;
        bool toIsDirectory = to.Value.Attributes.Type == FsalFileType.Directory;
        if (fromIsDirectory && !toIsDirectory) return FsalStatus.NotDirectory;
        if (!fromIsDirectory && toIsDirectory) return FsalStatus.IsDirectory;
        return toIsDirectory ? FsalStatus.NotEmpty : FsalStatus.Exists;
    }

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalChangeInfo>> LinkAsync(FsalContext ctx, FsalObject obj, FsalObject directory, string name) => Run(ctx, () =>
    {
        if (obj.Type == FsalFileType.Directory) return FsalStatus.IsDirectory;
        if (directory.Type != FsalFileType.Directory) return FsalStatus.NotDirectory;
        using var target = Acquire(obj, out _, out var status);
        if (target.IsEmpty) return status;
        using var lease = Acquire(directory, out var dir, out status);
        if (lease.IsEmpty) return status;
        return Link(target.Pointer, lease.Pointer, dir, name);
    });

    private unsafe FsalResult<FsalChangeInfo> Link(nint target, nint dir, GlusterObject dirObject, string name)
    {
        Span<byte> nameBuffer = stackalloc byte[Utf8Z.MaxLength];
        ulong before = ChangeOf(dir, dirObject);
        fixed (byte* n = Utf8Z.Write(name, nameBuffer))
        {
            if (GfApi.glfs_h_link(_fs, target, dir, n) != 0) return LinuxErrno.LastStatus;
        }
        return new FsalChangeInfo(before, ChangeOf(dir, dirObject), false);
    }

    /// <inheritdoc/>
    public ValueTask<FsalResult<string>> ReadLinkAsync(FsalContext ctx, FsalObject obj) => Run(ctx, () =>
    {
        if (obj.Type != FsalFileType.Symlink) return FsalStatus.Invalid;
        using var lease = Acquire(obj, out _, out var status);
        if (lease.IsEmpty) return status;
        return ReadLink(lease.Pointer);
    });

    private unsafe FsalResult<string> ReadLink(nint handle)
    {
        byte* buffer = stackalloc byte[Utf8Z.MaxLength];
        int n = GfApi.glfs_h_readlink(_fs, handle, buffer, Utf8Z.MaxLength);
        if (n < 0) return LinuxErrno.LastStatus;
        return Encoding.UTF8.GetString(buffer, n);
    }
}
