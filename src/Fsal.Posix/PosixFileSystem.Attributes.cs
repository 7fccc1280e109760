using Fsal.Posix.Native;
using Fsal.Posix.Objects;
using Fsal.Posix.Threads;
using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;

namespace Fsal.Posix;

// GETATTR, SETATTR, ACCESS and filesystem statistics.
public sealed partial class PosixFileSystem
{
    private const int R_OK = 4, W_OK = 2, X_OK = 1;

    /// <inheritdoc/>
    /// <remarks>
    /// Answers from the attribute cache when it can (no system call, no worker thread): see
    /// <see cref="PosixFsalOptions.AttributeCacheMilliseconds"/>.
    /// </remarks>
    public ValueTask<FsalResult<FsalAttributes>> GetAttributesAsync(FsalContext ctx, FsalObject obj, FsalAttrMask wanted)
    {
        var cached = (PosixObject)obj;
        if (!cached.IsStale && !cached.MaybeUnlinked && _attributes.TryGet(cached.Key, out var attributes)) return new(attributes);
        return Run(ctx, () =>
        {
            long version = _attributes.Version;
            int fd = Acquire(obj, out var po, out var status);
            if (fd < 0) return status;
            try
            {
                var read = StatFd(fd);
                if (read.IsOk) _attributes.Put(po.Key, read.Value, version);
                return read;
            }
            finally
            {
                po.Release();
            }
        });
    }

    private static unsafe FsalResult<FsalAttributes> StatFd(int fd)
    {
        byte empty = 0;
        if (LibC.statx(fd, &empty, LibC.AT_EMPTY_PATH | LibC.AT_SYMLINK_NOFOLLOW, Statx.WantAll, out var stx) != 0) return Errno.LastStatus;
        return Attributes.From(stx);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Owner and group first (a chown clears setuid and setgid), then mode, size and times; the
    /// kernel checks each under the caller's identity. A size change by the owner of a file
    /// without write permission succeeds, as with knfsd (the client opened it for writing).
    /// </remarks>
    public ValueTask<FsalResult<FsalAttributes>> SetAttributesAsync(FsalContext ctx, FsalObject obj, FsalSetAttributes changes) => Run(ctx, () =>
    {
        int fd = Acquire(obj, out var po, out var status);
        if (fd < 0) return status;
        try
        {
            var result = SetAttributes(fd, po, changes);
            Changed(po); // even after a failure: an owner change may have gone through before it
            if (result.IsOk) Refresh(po, fd);
            return result;
        }
        finally
        {
            po.Release();
        }
    });

    private unsafe FsalResult<FsalAttributes> SetAttributes(int fd, PosixObject po, in FsalSetAttributes c)
    {
        byte empty = 0;
        Span<byte> procBuffer = stackalloc byte[32];
        var proc = NativeString.ProcFd(fd, procBuffer);
        fixed (byte* p = proc)
        {
            var set = c.Set;
            if ((set & (FsalAttrMask.Owner | FsalAttrMask.Group)) != 0)
            {
                uint uid = (set & FsalAttrMask.Owner) != 0 ? c.Uid : uint.MaxValue;
                uint gid = (set & FsalAttrMask.Group) != 0 ? c.Gid : uint.MaxValue;
                if (LibC.fchownat(fd, &empty, uid, gid, LibC.AT_EMPTY_PATH) != 0) return Errno.LastStatus;
            }
            // Linux has no mode on a symlink; like knfsd, a mode change of one is ignored.
            if ((set & FsalAttrMask.Mode) != 0 && po.Type != FsalFileType.Symlink)
            {
                if (LibC.fchmodat(LibC.AT_FDCWD, p, c.Mode, 0) != 0) return Errno.LastStatus;
            }
            if ((set & FsalAttrMask.Size) != 0)
            {
                if (po.Type == FsalFileType.Directory) return FsalStatus.IsDirectory;
                if (po.Type != FsalFileType.Regular) return FsalStatus.Invalid;
                if (c.Size > long.MaxValue) return FsalStatus.FileTooBig;
                if (LibC.truncate(p, (long)c.Size) != 0)
                {
                    int errno = Errno.Last;
                    if (errno != Errno.EACCES || !IsOwner(fd)) return Errno.ToStatus(errno);
                    byte* path = p;
                    long size = (long)c.Size;
                    if (AsRoot(() => LibC.truncate(path, size), out errno) < 0) return Errno.ToStatus(errno);
                }
            }
            if (c.AccessTimeHow != FsalTimeSet.DontChange || c.ModifyTimeHow != FsalTimeSet.DontChange)
            {
                Timespec* times = stackalloc Timespec[2];
                times[0] = TimeSpec(c.AccessTimeHow, c.AccessTime);
                times[1] = TimeSpec(c.ModifyTimeHow, c.ModifyTime);
                int flags = po.Type == FsalFileType.Symlink ? LibC.AT_SYMLINK_NOFOLLOW : 0;
                int rc = po.Type == FsalFileType.Symlink ? LibC.utimensat(fd, &empty, times, LibC.AT_EMPTY_PATH | flags) : LibC.utimensat(LibC.AT_FDCWD, p, times, 0);
                if (rc != 0) return Errno.LastStatus;
            }
        }
        return StatFd(fd);
    }

    private static Timespec TimeSpec(FsalTimeSet how, NfsTime4 time) => how switch
    {
        FsalTimeSet.ServerTime => new Timespec { Nanoseconds = Timespec.UtimeNow },
        FsalTimeSet.ClientTime => new Timespec { Seconds = time.Seconds, Nanoseconds = time.Nanoseconds },
        _ => new Timespec { Nanoseconds = Timespec.UtimeOmit },
    };

    /// <summary>True when the thread's caller owns the object behind <paramref name="fd"/> (for the owner override).</summary>
    private static bool IsOwner(int fd)
    {
        var caller = ThreadCredentials.Current;
        var attrs = StatFd(fd);
        return caller is not null && attrs.IsOk && attrs.Value.Uid == caller.Uid;
    }

    /// <summary>
    /// Runs a system call as root on this worker thread, then returns to the caller's identity.
    /// Returns the call's result; <paramref name="errno"/> is captured before the identity
    /// changes back (those calls would overwrite it).
    /// </summary>
    private static int AsRoot(Func<int> call, out int errno)
    {
        var caller = ThreadCredentials.Current;
        ThreadCredentials.ApplyRoot();
        try
        {
            int result = call();
            errno = result < 0 ? Errno.Last : 0;
            return result;
        }
        finally
        {
            ThreadCredentials.Apply(caller);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Asks the kernel (faccessat under the caller's identity), so ACLs count.</remarks>
    public ValueTask<FsalResult<Access4>> CheckAccessAsync(FsalContext ctx, FsalObject obj, Access4 requested) => Run(ctx, () =>
    {
        int fd = Acquire(obj, out var po, out var status);
        if (fd < 0) return status;
        try
        {
            return new FsalResult<Access4>(Evaluate(fd, po.Type, requested));
        }
        finally
        {
            po.Release();
        }
    });

    private static unsafe Access4 Evaluate(int fd, FsalFileType type, Access4 requested)
    {
        Span<byte> procBuffer = stackalloc byte[32];
        var proc = NativeString.ProcFd(fd, procBuffer);
        bool r, w, x;
        fixed (byte* p = proc)
        {
            // faccessat on /proc/self/fd/N of a symlink follows it; a symlink itself is always accessible.
            if (type == FsalFileType.Symlink) return requested & (Access4.Read | Access4.Lookup | Access4.Execute);
            r = LibC.faccessat(LibC.AT_FDCWD, p, R_OK, LibC.AT_EACCESS) == 0;
            w = LibC.faccessat(LibC.AT_FDCWD, p, W_OK, LibC.AT_EACCESS) == 0;
            x = LibC.faccessat(LibC.AT_FDCWD, p, X_OK, LibC.AT_EACCESS) == 0;
        }
        var granted = Access4.None;
        if (type == FsalFileType.Directory)
        {
            if (r) granted |= Access4.Read;
            if (x) granted |= Access4.Lookup;
            if (w && x) granted |= Access4.Modify | Access4.Extend | Access4.Delete;
        }
        else
        {
            if (r) granted |= Access4.Read;
            if (w) granted |= Access4.Modify | Access4.Extend;
            if (x) granted |= Access4.Execute;
        }
        if (r) granted |= Access4.XattrRead | Access4.XattrList;
        if (w) granted |= Access4.XattrWrite;
        return granted & requested;
    }

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalFsStats>> GetFsStatsAsync(FsalContext ctx, FsalObject obj) => Run<FsalFsStats>(ctx, () =>
    {
        int fd = Acquire(obj, out var po, out var status);
        if (fd < 0) return status;
        try
        {
            if (LibC.fstatvfs(fd, out var v) != 0) return Errno.LastStatus;
            ulong unit = v.FragmentSize != 0 ? v.FragmentSize : v.BlockSize;
            return new FsalFsStats(v.Blocks * unit, v.BlocksFree * unit, v.BlocksAvailable * unit, v.Files, v.FilesFree, v.FilesAvailable);
        }
        finally
        {
            po.Release();
        }
    });
}
