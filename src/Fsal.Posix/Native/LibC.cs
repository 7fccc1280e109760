using System.Runtime.InteropServices;

namespace Fsal.Posix.Native;

/// <summary>
/// The libc and raw system calls the backend needs. Mono.Posix covers the classic calls but
/// not the handle calls, the *at family with AT_EMPTY_PATH, statx or per-thread credential
/// changes, so these are declared here. Every function sets errno (SetLastError).
/// </summary>
internal static unsafe partial class LibC
{
    private const string Lib = "libc";

    public const int AT_FDCWD = -100;
    public const int AT_SYMLINK_NOFOLLOW = 0x100;
    public const int AT_REMOVEDIR = 0x200;
    public const int AT_SYMLINK_FOLLOW = 0x400;
    public const int AT_EMPTY_PATH = 0x1000;
    public const int AT_EACCESS = 0x200;

    public const int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2;
    public const int O_CREAT = 0x40, O_EXCL = 0x80, O_NOCTTY = 0x100, O_TRUNC = 0x200, O_APPEND = 0x400, O_NONBLOCK = 0x800;
    public const int O_DIRECTORY = 0x10000, O_NOFOLLOW = 0x20000, O_CLOEXEC = 0x80000, O_PATH = 0x200000, O_NOATIME = 0x40000;

    public const int MAX_HANDLE_SZ = 128;

    public const int F_OFD_GETLK = 36, F_OFD_SETLK = 37, F_OFD_SETLKW = 38;
    public const short F_RDLCK = 0, F_WRLCK = 1, F_UNLCK = 2;

    public const int SEEK_SET = 0, SEEK_DATA = 3, SEEK_HOLE = 4;
    public const int FALLOC_FL_KEEP_SIZE = 1, FALLOC_FL_PUNCH_HOLE = 2;
    public const int XATTR_CREATE = 1, XATTR_REPLACE = 2;

    // x86_64 system call numbers for the per-thread credential calls (glibc's wrappers would change every thread).
    public const long SYS_setgroups = 116, SYS_setfsuid = 122, SYS_setfsgid = 123;

    [LibraryImport(Lib, SetLastError = true)]
    public static partial long syscall(long number, long a1);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial long syscall(long number, long a1, uint* a2);

    /// <summary>cachestat(2) (Linux 6.5): how much of a file range the page cache holds. Same number on every architecture.</summary>
    public const long SYS_cachestat = 451;

    [LibraryImport(Lib, SetLastError = true)]
    public static partial long syscall(long number, long a1, long* a2, long* a3, long a4);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int name_to_handle_at(int dirfd, byte* path, byte* handle, out int mountId, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int open_by_handle_at(int mountFd, byte* handle, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int openat(int dirfd, byte* path, int flags, uint mode);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int dup(int fd);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int mkdirat(int dirfd, byte* path, uint mode);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int mknodat(int dirfd, byte* path, uint mode, ulong dev);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int symlinkat(byte* target, int dirfd, byte* path);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int linkat(int olddirfd, byte* oldpath, int newdirfd, byte* newpath, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int unlinkat(int dirfd, byte* path, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int renameat2(int olddirfd, byte* oldpath, int newdirfd, byte* newpath, uint flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint readlinkat(int dirfd, byte* path, byte* buffer, nint size);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int statx(int dirfd, byte* path, int flags, uint mask, out Statx buffer);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int fchownat(int dirfd, byte* path, uint owner, uint group, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int fchmodat(int dirfd, byte* path, uint mode, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int utimensat(int dirfd, byte* path, Timespec* times, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int truncate(byte* path, long length);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int ftruncate(int fd, long length);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint pread(int fd, byte* buffer, nint count, long offset);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint pwrite(int fd, byte* buffer, nint count, long offset);

    /// <summary>preadv2 flag: fail with EAGAIN instead of waiting for the disk (data not in the page cache).</summary>
    public const int RWF_NOWAIT = 0x8;

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint preadv2(int fd, Iovec* iov, int iovcnt, long offset, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint pwritev2(int fd, Iovec* iov, int iovcnt, long offset, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int fsync(int fd);

    /// <summary>getrusage who: the calling thread.</summary>
    public const int RUSAGE_THREAD = 1;

    /// <summary>struct rusage as 18 longs (two timevals, then fourteen counters); ru_nvcsw is long 16.</summary>
    [LibraryImport(Lib, SetLastError = true)]
    public static partial int getrusage(int who, long* usage);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int fdatasync(int fd);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial long lseek(int fd, long offset, int whence);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int fallocate(int fd, int mode, long offset, long length);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint getdents64(int fd, byte* buffer, nint count);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int fstatvfs(int fd, out StatVfs buffer);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int fcntl(int fd, int command, ref Flock lockInfo);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int faccessat(int dirfd, byte* path, int mode, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint getxattr(byte* path, byte* name, byte* value, nint size);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int setxattr(byte* path, byte* name, byte* value, nint size, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint listxattr(byte* path, byte* list, nint size);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int removexattr(byte* path, byte* name);

    [LibraryImport(Lib)]
    public static partial uint umask(uint mask);
}

/// <summary>struct timespec.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Timespec
{
    public long Seconds;
    public long Nanoseconds;

    /// <summary>UTIME_NOW and UTIME_OMIT (in the nanoseconds field).</summary>
    public const long UtimeNow = (1L << 30) - 1, UtimeOmit = (1L << 30) - 2;
}

/// <summary>struct statx_timestamp.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct StatxTimestamp
{
    public long Seconds;
    public uint Nanoseconds;
    private int _reserved;
}

/// <summary>struct statx (Linux 4.11+).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct Statx
{
    public uint Mask;
    public uint BlockSize;
    public ulong Attributes;
    public uint NumLinks;
    public uint Uid;
    public uint Gid;
    public ushort Mode;
    private ushort _pad1;
    public ulong Inode;
    public ulong Size;
    public ulong Blocks;
    public ulong AttributesMask;
    public StatxTimestamp AccessTime;
    public StatxTimestamp BirthTime;
    public StatxTimestamp ChangeTime;
    public StatxTimestamp ModifyTime;
    public uint RdevMajor;
    public uint RdevMinor;
    public uint DevMajor;
    public uint DevMinor;
    public ulong MountId;
    private fixed ulong _spare[13];

    /// <summary>STATX_BASIC_STATS | STATX_BTIME | STATX_MNT_ID.</summary>
    public const uint WantAll = 0x7FF | 0x800 | 0x1000;
}

/// <summary>struct statvfs.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct StatVfs
{
    public ulong BlockSize;
    public ulong FragmentSize;
    public ulong Blocks;
    public ulong BlocksFree;
    public ulong BlocksAvailable;
    public ulong Files;
    public ulong FilesFree;
    public ulong FilesAvailable;
    public ulong FsId;
    public ulong Flags;
    public ulong NameMax;
    private fixed int _spare[6];
}

/// <summary>struct flock (x86_64 layout).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Flock
{
    public short Type;
    public short Whence;
    public long Start;
    public long Length;
    public int Pid;
}

/// <summary>struct iovec.</summary>
internal unsafe struct Iovec
{
    public byte* Base;
    public nint Length;
}
