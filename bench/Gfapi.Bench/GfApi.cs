using System.Runtime.InteropServices;

namespace Gfapi.Bench;

/// <summary>
/// The few libgfapi calls the benchmark makes. Each binds the symbol's default version: in
/// GlusterFS 10 that is GFAPI_6.0 for pread, pwrite and fsync, which take glfs_stat pre/post
/// pointers (null here). Failures return NULL or -1 and set errno.
/// </summary>
internal static unsafe partial class GfApi
{
    private const string Library = "libgfapi.so.0";

    public const int O_RDONLY = 0, O_WRONLY = 1, O_CREAT = 0x40, O_EXCL = 0x80;
    public const int SeekEnd = 2;
    public const int LogLevelWarning = 4;

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint glfs_new(string volname);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int glfs_set_volfile_server(nint fs, string transport, string host, int port);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int glfs_set_logging(nint fs, string logfile, int loglevel);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_init(nint fs);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_fini(nint fs);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint glfs_creat(nint fs, string path, int flags, uint mode);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint glfs_open(nint fs, string path, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint glfs_pwrite(nint fd, byte* buf, nuint count, long offset, int flags, void* prestat, void* poststat);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint glfs_pread(nint fd, byte* buf, nuint count, long offset, int flags, void* poststat);

    [LibraryImport(Library, SetLastError = true)]
    public static partial long glfs_lseek(nint fd, long offset, int whence);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_fsync(nint fd, void* prestat, void* poststat);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int glfs_close(nint fd);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int glfs_mkdir(nint fs, string path, uint mode);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int glfs_unlink(nint fs, string path);

    /// <summary>Throws with errno unless <paramref name="result"/> is 0 (or a non-null pointer, for <paramref name="pointer"/>).</summary>
    public static nint Check(nint result, string call, bool pointer = false)
    {
        if (pointer ? result == 0 : result < 0) throw new IOException($"{call} failed: errno {Marshal.GetLastPInvokeError()}");
        return result;
    }
}
