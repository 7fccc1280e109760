using System.Runtime.InteropServices;

namespace Fsal.Gluster.Native;

/// <summary>
/// libgfapi (GlusterFS 10, Debian libgfapi0) as P/Invoke. Each DllImport binds a symbol's
/// default version, which matches the installed headers: pread, pwrite, fsync, fdatasync and
/// ftruncate take the glfs_stat pre/post arguments (pass null), and glfs_h_lookupat takes
/// <c>follow</c>. Calls return NULL or -1 and set errno on failure (read it with
/// <see cref="Marshal.GetLastPInvokeError"/>). Identity calls (setfsuid...) act on the calling
/// OS thread only.
/// </summary>
internal static unsafe partial class GfApi
{
    private const string Library = "libgfapi.so.0";

    public const int HandleLength = 16;
    public const int LogLevelWarning = 4;

    // glfs_h_setattrs "valid" bits (glfs-handles.h).
    public const int SetMode = 0x1, SetUid = 0x2, SetGid = 0x4, SetSize = 0x8, SetAtime = 0x10, SetMtime = 0x20;

    public const uint XReadDirPlusStat = 0x1, XReadDirPlusHandle = 0x2;
    public const uint EventInodeInvalidate = 0x1;
    public const int UpcallInodeInvalidate = 1;

    // ------------------------------------------------------------------ volume

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint glfs_new(string volname);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int glfs_set_volfile_server(nint fs, string transport, string host, int port);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int glfs_set_logging(nint fs, string? logfile, int loglevel);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_init(nint fs);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_fini(nint fs);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_get_volumeid(nint fs, byte* volid, nuint size);

    [LibraryImport(Library)]
    public static partial void glfs_free(nint ptr);

    // ------------------------------------------------------------------ identity (per thread)

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_setfsuid(uint fsuid);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_setfsgid(uint fsgid);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_setfsgroups(nuint size, uint* list);

    // ------------------------------------------------------------------ handles

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint glfs_h_lookupat(nint fs, nint parent, byte* path, GlusterStat* stat, int follow);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_h_extract_handle(nint obj, byte* handle, int len);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint glfs_h_create_from_handle(nint fs, byte* handle, int len, GlusterStat* stat);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_h_close(nint obj);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_h_stat(nint fs, nint obj, GlusterStat* stat);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_h_setattrs(nint fs, nint obj, GlusterStat* stat, int valid);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_h_truncate(nint fs, nint obj, long offset);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_h_access(nint fs, nint obj, int mask);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_h_statfs(nint fs, nint obj, GlusterStatVfs* stat);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint glfs_h_creat(nint fs, nint parent, byte* name, int flags, uint mode, GlusterStat* stat);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint glfs_h_mkdir(nint fs, nint parent, byte* name, uint mode, GlusterStat* stat);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint glfs_h_mknod(nint fs, nint parent, byte* name, uint mode, ulong dev, GlusterStat* stat);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint glfs_h_symlink(nint fs, nint parent, byte* name, byte* target, GlusterStat* stat);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_h_readlink(nint fs, nint obj, byte* buffer, nuint size);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_h_unlink(nint fs, nint parent, byte* name);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_h_rename(nint fs, nint fromDir, byte* fromName, nint toDir, byte* toName);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_h_link(nint fs, nint target, nint parent, byte* name);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint glfs_h_open(nint fs, nint obj, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint glfs_h_opendir(nint fs, nint obj);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint glfs_h_anonymous_read(nint fs, nint obj, byte* buffer, nuint count, long offset);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint glfs_h_anonymous_write(nint fs, nint obj, byte* buffer, nuint count, long offset);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_h_getxattrs(nint fs, nint obj, byte* name, byte* value, nuint size);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_h_setxattrs(nint fs, nint obj, byte* name, byte* value, nuint size, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_h_removexattrs(nint fs, nint obj, byte* name);

    // ------------------------------------------------------------------ descriptors

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_close(nint fd);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_fstat(nint fd, GlusterStat* stat);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint glfs_pread(nint fd, byte* buffer, nuint count, long offset, int flags, GlusterStatX* poststat);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint glfs_pwrite(nint fd, byte* buffer, nuint count, long offset, int flags, GlusterStatX* prestat, GlusterStatX* poststat);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_fsync(nint fd, GlusterStatX* prestat, GlusterStatX* poststat);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_fdatasync(nint fd, GlusterStatX* prestat, GlusterStatX* poststat);

    [LibraryImport(Library, SetLastError = true)]
    public static partial long glfs_lseek(nint fd, long offset, int whence);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_fallocate(nint fd, int keepSize, long offset, nuint length);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_discard(nint fd, long offset, nuint length);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_posix_lock(nint fd, int cmd, GlusterFlock* flock);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_fd_set_lkowner(nint fd, byte* data, int length);

    // ------------------------------------------------------------------ directories

    [LibraryImport(Library, SetLastError = true)]
    public static partial void glfs_seekdir(nint fd, long offset);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_closedir(nint fd);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_xreaddirplus_r(nint fd, uint flags, nint* xstat, GlusterDirent* ext, GlusterDirent** result);

    [LibraryImport(Library)]
    public static partial GlusterStat* glfs_xreaddirplus_get_stat(nint xstat);

    [LibraryImport(Library)]
    public static partial nint glfs_xreaddirplus_get_object(nint xstat);

    // ------------------------------------------------------------------ upcalls

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_upcall_register(nint fs, uint events, delegate* unmanaged<nint, nint, void> callback, nint data);

    [LibraryImport(Library)]
    public static partial int glfs_upcall_get_reason(nint upcall);

    [LibraryImport(Library)]
    public static partial nint glfs_upcall_get_event(nint upcall);

    [LibraryImport(Library)]
    public static partial nint glfs_upcall_inode_get_object(nint inodeEvent);

    [LibraryImport(Library)]
    public static partial ulong glfs_upcall_inode_get_flags(nint inodeEvent);

    [LibraryImport(Library)]
    public static partial nint glfs_upcall_inode_get_pobject(nint inodeEvent);

    [LibraryImport(Library)]
    public static partial nint glfs_upcall_inode_get_oldpobject(nint inodeEvent);

    /// <summary>The errno of the last failed call on this thread.</summary>
    public static int LastErrno => Marshal.GetLastPInvokeError();
}
