using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using Fsal.Posix.Native;
using Nfs.Core.Fsal;

namespace Fsal.Posix;

// READDIR: getdents64 with the filesystem's own directory offsets as cookies.
public sealed partial class PosixFileSystem
{
    /// <summary>
    /// NFS cookies are the filesystem's d_off values shifted by two, so they never collide
    /// with the reserved cookies 0 to 2 (tmpfs offsets start at 1). A cookie resumes with
    /// lseek, as knfsd does, so it stays valid while other entries come and go.
    /// </summary>
    private const ulong CookieShift = 2;

    /// <inheritdoc/>
    /// <remarks>Entries on another mount (mount points) are left out: exports do not cross mounts.</remarks>
    public ValueTask<FsalResult<bool>> ReadDirAsync(FsalContext ctx, FsalObject directory, ulong cookie, FsalAttrMask wanted, IReadDirSink sink) => Run(ctx, () =>
    {
        if (directory.Type != FsalFileType.Directory) return FsalStatus.NotDirectory;
        int fd = Acquire(directory, out var dir, out var status);
        if (fd < 0) return status;
        try
        {
            return ReadDir(fd, cookie, sink);
        }
        finally
        {
            dir.Release();
        }
    });

    private unsafe FsalResult<bool> ReadDir(int pathFd, ulong cookie, IReadDirSink sink)
    {
        Span<byte> procBuffer = stackalloc byte[32];
        int dirFd;
        fixed (byte* p = NativeString.ProcFd(pathFd, procBuffer)) dirFd = LibC.openat(LibC.AT_FDCWD, p, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
        if (dirFd < 0) return Errno.LastStatus;
        var buffer = ArrayPool<byte>.Shared.Rent(32 * 1024);
        try
        {
            if (cookie > CookieShift && LibC.lseek(dirFd, (long)(cookie - CookieShift), LibC.SEEK_SET) < 0) return FsalStatus.BadCookie;
            while (true)
            {
                nint n;
                fixed (byte* b = buffer) n = LibC.getdents64(dirFd, b, buffer.Length);
                if (n < 0) return Errno.LastStatus;
                if (n == 0) return true;
                int at = 0;
                while (at < n)
                {
                    // struct linux_dirent64: ino (8), off (8), reclen (2), type (1), name (NUL-terminated)
                    var record = buffer.AsSpan(at);
                    long off = MemoryMarshal.Read<long>(record[8..]);
                    ushort length = MemoryMarshal.Read<ushort>(record[16..]);
                    var nameZ = record[19..length];
                    int nul = nameZ.IndexOf((byte)0);
                    nameZ = nameZ[..(nul + 1)];
                    at += length;
                    if (nul is 1 && nameZ[0] == '.' || nul is 2 && nameZ[0] == '.' && nameZ[1] == '.') continue;
                    var entry = ObjectAt(dirFd, nameZ);
                    if (entry.Status is FsalStatus.NoEntry or FsalStatus.AccessDenied) continue; // removed meanwhile, or a mount point
                    if (!entry.IsOk) return entry.Status;
                    string name = Encoding.UTF8.GetString(nameZ[..^1]);
                    if (!sink.Add(name, (ulong)off + CookieShift, entry.Value.Object, entry.Value.Attributes)) return false;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            LibC.close(dirFd);
        }
    }
}
