using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using Fsal.Posix.Native;
using Fsal.Posix.Objects;
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

    /// <summary>Entries read per getdents64 call.</summary>
    private const int DirentBufferBytes = 32 * 1024;

    /// <inheritdoc/>
    /// <remarks>
    /// Entries on another mount (mount points) are left out: exports do not cross mounts. A
    /// directory's names are kept (<see cref="DirectoryListing"/>) while its change time stays
    /// the same, and entries' attributes come from the attribute cache when they are fresh, so
    /// walking an unchanged directory again costs a few system calls per READDIR, not two per entry.
    /// </remarks>
    public ValueTask<FsalResult<bool>> ReadDirAsync(FsalContext ctx, FsalObject directory, ulong cookie, FsalAttrMask wanted, IReadDirSink sink) => Run(ctx, () =>
    {
        if (directory.Type != FsalFileType.Directory) return FsalStatus.NotDirectory;
        int fd = Acquire(directory, out var dir, out var status);
        if (fd < 0) return status;
        try
        {
            if (_listings.Enabled && MayList(fd))
            {
                var listing = ListingOf(dir, fd);
                if (listing is not null)
                {
                    int start = listing.IndexAfter(cookie > CookieShift ? cookie - CookieShift : 0);
                    if (start >= 0) return ReadDir(listing, start, fd, sink);
                }
            }
            // No listing (off, too large, unknown cookie, or no permission: this path returns the kernel's answer).
            return ReadDir(fd, cookie, sink);
        }
        finally
        {
            dir.Release();
        }
    });

    /// <summary>Whether the caller may read and search the directory (what listing it from the kernel would need).</summary>
    private static unsafe bool MayList(int pathFd)
    {
        Span<byte> procBuffer = stackalloc byte[32];
        fixed (byte* p = NativeString.ProcFd(pathFd, procBuffer))
            return LibC.faccessat(LibC.AT_FDCWD, p, R_OK | X_OK, LibC.AT_EACCESS) == 0;
    }

    /// <summary>The directory's listing: the cached one while its change time holds, otherwise read anew. Null when it cannot be kept.</summary>
    private DirectoryListing? ListingOf(PosixObject dir, int pathFd)
    {
        long version = _listings.Version;
        var attributes = StatFd(pathFd);
        if (!attributes.IsOk) return null;
        ulong change = attributes.Value.Change;
        if (_listings.TryGet(dir.Key, out var listing) && listing.Change == change) return listing;
        listing = ReadListing(pathFd, change);
        if (listing is not null) _listings.Put(dir.Key, listing, version, listing.Entries.Length);
        return listing;
    }

    /// <summary>All names of a directory with their cookies; null on an error or when there are more than the cache may hold.</summary>
    private unsafe DirectoryListing? ReadListing(int pathFd, ulong change)
    {
        Span<byte> procBuffer = stackalloc byte[32];
        int dirFd;
        fixed (byte* p = NativeString.ProcFd(pathFd, procBuffer)) dirFd = LibC.openat(LibC.AT_FDCWD, p, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
        if (dirFd < 0) return null;
        var buffer = ArrayPool<byte>.Shared.Rent(DirentBufferBytes);
        try
        {
            var entries = new List<DirectoryListing.Entry>();
            int limit = _options.MaxCachedDirectoryEntries;
            while (true)
            {
                nint n;
                fixed (byte* b = buffer) n = LibC.getdents64(dirFd, b, buffer.Length);
                if (n < 0) return null;
                if (n == 0) return new DirectoryListing(change, entries.ToArray());
                for (int at = 0; at < n;)
                {
                    var record = Dirent.At(buffer, ref at);
                    if (record.IsDotOrDotDot) continue;
                    if (entries.Count == limit) return null;
                    entries.Add(new DirectoryListing.Entry(Encoding.UTF8.GetString(record.Name), record.NameZ.ToArray(), (ulong)record.Offset));
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            LibC.close(dirFd);
        }
    }

    /// <summary>READDIR from a listing, from entry <paramref name="start"/> on.</summary>
    private FsalResult<bool> ReadDir(DirectoryListing listing, int start, int pathFd, IReadDirSink sink)
    {
        var entries = listing.Entries;
        long version = _attributes.Version;
        long now = Environment.TickCount64;
        for (int i = start; i < entries.Length; i++)
        {
            var entry = entries[i];
            if (entry.Cached is { } cached && cached.Version == version && now < cached.ExpiresMs)
            {
                if (!sink.Add(entry.Name, entry.Cookie + CookieShift, cached.Object, cached.Attributes)) return false;
                continue;
            }
            FsalObject obj;
            FsalAttributes attributes;
            if (entry.Key is { } key && _attributes.TryGet(key, out attributes))
            {
                obj = Transient(key);
            }
            else
            {
                var found = ObjectAt(pathFd, entry.NameZ, transient: true);
                if (found.Status is FsalStatus.NoEntry or FsalStatus.AccessDenied) continue; // removed meanwhile, or a mount point
                if (!found.IsOk) return found.Status;
                (obj, attributes) = (found.Value.Object, found.Value.Attributes);
                entry.Key = ((PosixObject)obj).Key;
                // Fresh from the kernel: kept for the cache time, unless something was invalidated
                // since this walk began (then the value may be the stale one it was about).
                if (_attributes.Version == version) entry.Cached = new DirectoryListing.CachedEntry(attributes, obj, version, now + _attributes.LifetimeMs);
            }
            if (!sink.Add(entry.Name, entry.Cookie + CookieShift, obj, attributes)) return false;
        }
        return true;
    }

    private unsafe FsalResult<bool> ReadDir(int pathFd, ulong cookie, IReadDirSink sink)
    {
        Span<byte> procBuffer = stackalloc byte[32];
        int dirFd;
        fixed (byte* p = NativeString.ProcFd(pathFd, procBuffer)) dirFd = LibC.openat(LibC.AT_FDCWD, p, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
        if (dirFd < 0) return Errno.LastStatus;
        var buffer = ArrayPool<byte>.Shared.Rent(DirentBufferBytes);
        try
        {
            if (cookie > CookieShift && LibC.lseek(dirFd, (long)(cookie - CookieShift), LibC.SEEK_SET) < 0) return FsalStatus.BadCookie;
            while (true)
            {
                nint n;
                fixed (byte* b = buffer) n = LibC.getdents64(dirFd, b, buffer.Length);
                if (n < 0) return Errno.LastStatus;
                if (n == 0) return true;
                for (int at = 0; at < n;)
                {
                    var record = Dirent.At(buffer, ref at);
                    if (record.IsDotOrDotDot) continue;
                    var entry = ObjectAt(dirFd, record.NameZ, transient: true);
                    if (entry.Status is FsalStatus.NoEntry or FsalStatus.AccessDenied) continue; // removed meanwhile, or a mount point
                    if (!entry.IsOk) return entry.Status;
                    string name = Encoding.UTF8.GetString(record.Name);
                    if (!sink.Add(name, (ulong)record.Offset + CookieShift, entry.Value.Object, entry.Value.Attributes)) return false;
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
