using Fsal.Posix.Native;
using Fsal.Posix.Objects;
using Nfs.Core.Fsal;

namespace Fsal.Posix;

// OPEN, CLOSE, READ, WRITE, COMMIT.
public sealed partial class PosixFileSystem
{
    /// <inheritdoc/>
    /// <remarks>
    /// Opens /proc/self/fd/N under the caller's identity, so the kernel checks permission. As
    /// with knfsd, the owner of a file may open it even when its mode forbids (a client that
    /// creates a file with mode 0444 must still write what it creates): that open is made as root.
    /// </remarks>
    public ValueTask<FsalResult<object?>> OpenAsync(FsalContext ctx, FsalObject obj, FsalOpenFlags flags) => Run<object?>(ctx, () =>
    {
        if (obj.Type == FsalFileType.Directory) return FsalStatus.IsDirectory;
        if (obj.Type != FsalFileType.Regular) return FsalStatus.Invalid;
        int fd = Acquire(obj, out var po, out var status);
        if (fd < 0) return status;
        try
        {
            int data = OpenData(fd, flags, out status);
            if (data < 0) return status;
            Interlocked.Increment(ref po.OpenCount);
            return new PosixOpenFile(data, flags, po, Threads.ThreadCredentials.Current);
        }
        finally
        {
            po.Release();
        }
    });

    /// <summary>O_RDONLY, O_WRONLY or O_RDWR for an open's access.</summary>
    private static int AccessMode(FsalOpenFlags flags) =>
        (flags & FsalOpenFlags.Write) != 0 ? ((flags & FsalOpenFlags.Read) != 0 ? LibC.O_RDWR : LibC.O_WRONLY) : LibC.O_RDONLY;

    private static unsafe int OpenData(int pathFd, FsalOpenFlags flags, out FsalStatus status)
    {
        int mode = AccessMode(flags);
        Span<byte> procBuffer = stackalloc byte[32];
        var proc = NativeString.ProcFd(pathFd, procBuffer);
        fixed (byte* p = proc)
        {
            int fd = LibC.openat(LibC.AT_FDCWD, p, mode | LibC.O_CLOEXEC, 0);
            int errno = fd < 0 ? Errno.Last : 0;
            if (fd < 0 && errno == Errno.EACCES && IsOwner(pathFd))
            {
                byte* path = p;
                fd = AsRoot(() => LibC.openat(LibC.AT_FDCWD, path, mode | LibC.O_CLOEXEC, 0), out errno);
            }
            status = fd < 0 ? Errno.ToStatus(errno) : FsalStatus.Ok;
            return fd;
        }
    }

    /// <inheritdoc/>
    public ValueTask CloseAsync(FsalObject obj, object? openToken)
    {
        if (openToken is not PosixOpenFile file) return ValueTask.CompletedTask;
        Interlocked.Decrement(ref file.Object.OpenCount);
        return new ValueTask(_threads.RunAsync(() => LibC.close(file.Fd)));
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A read through an open whose data is in the page cache runs at once on the calling
    /// thread (preadv2 with RWF_NOWAIT; a descriptor needs no identity to read): no hand-over
    /// to a worker, which at one request in flight costs more than the read. Anything that
    /// would wait for the disk goes to a worker as before.
    /// </remarks>
    public ValueTask<FsalResult<FsalRead>> ReadAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, Memory<byte> destination)
    {
        if (_nonBlockingReads && openToken is PosixOpenFile open && MayUse(open, FsalOpenFlags.Read, ctx.Caller) && TryReadCached(open.Fd, offset, destination, out var done)) return new(done);
        return Run(ctx, () =>
        {
            if (openToken is PosixOpenFile file && MayUse(file, FsalOpenFlags.Read)) return Read(file.Fd, offset, destination);
            return WithAnonymousDescriptor(obj, FsalOpenFlags.Read, fd => Read(fd, offset, destination));
        });
    }

    /// <summary>
    /// False once the system refused a non-blocking read (EOPNOTSUPP: glibc answers that when
    /// the kernel or a seccomp filter lacks preadv2, as on some VMs): then every read goes to a worker.
    /// </summary>
    private volatile bool _nonBlockingReads = true;

    /// <summary>Reads what the page cache holds without waiting; false when the disk would be needed (or anything else is unusual).</summary>
    private unsafe bool TryReadCached(int fd, ulong offset, Memory<byte> destination, out FsalResult<FsalRead> result)
    {
        result = default;
        if (offset > long.MaxValue - (ulong)destination.Length) return false;
        using var pin = destination.Pin();
        var vector = new Iovec { Base = (byte*)pin.Pointer, Length = destination.Length };
        nint n = LibC.preadv2(fd, &vector, 1, (long)offset, LibC.RWF_NOWAIT);
        if (n < 0)
        {
            if (Errno.Last == Errno.EOPNOTSUPP) _nonBlockingReads = false;
            return false;
        }
        var attrs = StatFd(fd);
        if (!attrs.IsOk) return false;
        bool eof = offset + (ulong)n >= attrs.Value.Size;
        // Short of the end of file: part of the range is not cached; the worker reads it all.
        if (n < destination.Length && !eof) return false;
        result = new FsalRead((int)n, eof);
        return true;
    }

    private static unsafe FsalResult<FsalRead> Read(int fd, ulong offset, Memory<byte> destination)
    {
        if (offset > long.MaxValue) return new FsalRead(0, true);
        // The kernel refuses (EINVAL) a range whose end passes 2^63 - 1; nothing lies there anyway.
        int length = (int)Math.Min((ulong)destination.Length, (ulong)long.MaxValue - offset);
        using var pin = destination.Pin();
        byte* p = (byte*)pin.Pointer;
        int total = 0;
        while (total < length)
        {
            nint n = LibC.pread(fd, p + total, length - total, (long)offset + total);
            if (n < 0) return Errno.LastStatus;
            if (n == 0) return new FsalRead(total, true);
            total += (int)n;
        }
        // A full read does not show the end; one more byte would cost a call, so ask for the size.
        var attrs = StatFd(fd);
        bool eof = attrs.IsOk && offset + (ulong)total >= attrs.Value.Size;
        return new FsalRead(total, eof);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// An UNSTABLE write through an open tries the calling thread first: with pwritev2 and
    /// RWF_NOWAIT where the filesystem supports that for buffered writes (into the page cache,
    /// or EAGAIN when that would wait), otherwise a plain write while
    /// <see cref="Threads.InlineWritePolicy"/> judges that the kernel will not throttle it.
    /// Anything else goes to a worker acting as the caller.
    /// </remarks>
    public ValueTask<FsalResult<FsalWrite>> WriteAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, ReadOnlyMemory<byte> data, FsalStability stability)
    {
        if (stability == FsalStability.Unstable && openToken is PosixOpenFile open && MayUse(open, FsalOpenFlags.Write, ctx.Caller)
            && TryWriteOnCallingThread(open.Fd, offset, data))
        {
            Changed(obj);
            return new(new FsalWrite(data.Length, FsalStability.Unstable));
        }
        return WriteOnWorker(ctx, obj, openToken, offset, data, stability);
    }

    /// <summary>False once the filesystem refused a non-blocking write (EOPNOTSUPP): then <see cref="_inlineWrites"/> decides.</summary>
    private volatile bool _nonBlockingWrites = true;

    private readonly Threads.InlineWritePolicy _inlineWrites = new();

    /// <summary>Writes all of <paramref name="data"/> into the page cache on this thread; false (nothing written) when that could wait or is not allowed here.</summary>
    private unsafe bool TryWriteOnCallingThread(int fd, ulong offset, ReadOnlyMemory<byte> data)
    {
        if (offset + (ulong)data.Length > long.MaxValue) return false;
        bool nonBlocking = _nonBlockingWrites;
        if (!nonBlocking && !_inlineWrites.MayWriteInline(data.Length)) return false;
        // The calling thread has the server's privileges (CAP_FSETID), so the kernel would keep a
        // setuid or setgid bit that a write by the caller clears: such files go to a worker.
        var attrs = StatFd(fd);
        if (!attrs.IsOk || (attrs.Value.Mode & PrivilegeBits) != 0) return false;
        using var pin = data.Pin();
        var vector = new Iovec { Base = (byte*)pin.Pointer, Length = data.Length };
        var started = nonBlocking ? default : _inlineWrites.Begin();
        nint n = LibC.pwritev2(fd, &vector, 1, (long)offset, nonBlocking ? LibC.RWF_NOWAIT : 0);
        if (!nonBlocking) _inlineWrites.Completed(started);
        if (n == data.Length) return true;
        if (n < 0)
        {
            if (nonBlocking && Errno.Last == Errno.EOPNOTSUPP) _nonBlockingWrites = false;
            return false;
        }
        // A part went in: the worker writes the whole range again, which leaves the same bytes.
        return false;
    }

    /// <summary>S_ISUID and S_ISGID.</summary>
    private const uint PrivilegeBits = 0x800 | 0x400;

    private ValueTask<FsalResult<FsalWrite>> WriteOnWorker(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, ReadOnlyMemory<byte> data, FsalStability stability) => Run(ctx, () =>
    {
        var result = openToken is PosixOpenFile file && MayUse(file, FsalOpenFlags.Write)
            ? Write(file.Fd, offset, data, stability)
            : WithAnonymousDescriptor(obj, FsalOpenFlags.Write, fd => Write(fd, offset, data, stability));
        Changed(obj);
        if (result.IsOk) Refresh(obj);
        return result;
    });

    /// <summary>
    /// The most bytes one write(2) call is given. The page cache sizes the folios a write creates
    /// by the length of the call (ext4 on Linux 6.x), so a file written in 1 MiB calls is cached
    /// as 1 MiB folios, and every later small write into it walks all 256 block buffers of its
    /// folio: a random 4 KiB write into the page cache took 10.2 µs after 1 MiB calls and 4.4 µs
    /// after 64 KiB ones on the bench machine (bench/RESULTS.md). Sixteen calls per MiB cost
    /// far less than that on the sequential write itself.
    /// </summary>
    internal const int LargestWriteCall = 64 * 1024;

    private static unsafe FsalResult<FsalWrite> Write(int fd, ulong offset, ReadOnlyMemory<byte> data, FsalStability stability)
    {
        if (offset + (ulong)data.Length > long.MaxValue) return FsalStatus.FileTooBig;
        using var pin = data.Pin();
        byte* p = (byte*)pin.Pointer;
        int total = 0;
        while (total < data.Length)
        {
            nint n = LibC.pwrite(fd, p + total, Math.Min(data.Length - total, LargestWriteCall), (long)offset + total);
            if (n < 0) return Errno.LastStatus;
            total += (int)n;
        }
        if (stability == FsalStability.FileSync && LibC.fsync(fd) != 0) return Errno.LastStatus;
        if (stability == FsalStability.DataSync && LibC.fdatasync(fd) != 0) return Errno.LastStatus;
        return new FsalWrite(total, stability);
    }

    /// <inheritdoc/>
    public ValueTask<FsalStatus> CommitAsync(FsalContext ctx, FsalObject obj, ulong offset, uint count) => RunStatus(ctx, () =>
    {
        if (obj.Type == FsalFileType.Directory) return FsalStatus.IsDirectory;
        var r = WithAnonymousDescriptor(obj, FsalOpenFlags.Read, fd => LibC.fsync(fd) == 0 ? new FsalResult<bool>(true) : Errno.LastStatus);
        return r.Status;
    });

    /// <summary>
    /// Whether the current caller may use an open's descriptor directly: the opener may (its
    /// access was checked at OPEN); anyone else is checked like I/O without state, as knfsd
    /// checks each READ and WRITE.
    /// </summary>
    private static bool MayUse(PosixOpenFile file, FsalOpenFlags access) => MayUse(file, access, Threads.ThreadCredentials.Current);

    /// <summary>Whether <paramref name="caller"/> may use the open's descriptor for <paramref name="access"/>: the open allows it, and the caller opened it.</summary>
    private static bool MayUse(PosixOpenFile file, FsalOpenFlags access, Credential? caller) =>
        (file.Flags & access) == access && (file.Opener is null || file.Opener.Equals(caller));

    /// <summary>
    /// I/O without open state (a special stateid), or by someone other than the opener: the caller's permission is checked with
    /// faccessat (the owner may always, as with knfsd), then a descriptor opened as root serves the call.
    /// </summary>
    private unsafe FsalResult<T> WithAnonymousDescriptor<T>(FsalObject obj, FsalOpenFlags flags, Func<int, FsalResult<T>> io)
    {
        if (obj.Type == FsalFileType.Directory) return FsalStatus.IsDirectory;
        if (obj.Type != FsalFileType.Regular) return FsalStatus.Invalid;
        int pathFd = Acquire(obj, out var po, out var status);
        if (pathFd < 0) return status;
        try
        {
            Span<byte> procBuffer = stackalloc byte[32];
            var proc = NativeString.ProcFd(pathFd, procBuffer);
            int data;
            fixed (byte* p = proc)
            {
                int want = (flags & FsalOpenFlags.Write) != 0 ? W_OK : R_OK;
                if (LibC.faccessat(LibC.AT_FDCWD, p, want, LibC.AT_EACCESS) != 0 && !IsOwner(pathFd)) return FsalStatus.AccessDenied;
                byte* path = p;
                int mode = (flags & FsalOpenFlags.Write) != 0 ? LibC.O_WRONLY : LibC.O_RDONLY;
                data = AsRoot(() => LibC.openat(LibC.AT_FDCWD, path, mode | LibC.O_CLOEXEC, 0), out int errno);
                if (data < 0) return Errno.ToStatus(errno);
            }
            try
            {
                return io(data);
            }
            finally
            {
                LibC.close(data);
            }
        }
        finally
        {
            po.Release();
        }
    }
}
