using Fsal.Posix.Native;
using Fsal.Posix.Objects;
using Microsoft.Win32.SafeHandles;
using Nfs.Core.Fsal;

namespace Fsal.Posix;

// Large READ data sent from the file to the socket.
public sealed partial class PosixFileSystem : IZeroCopyRead
{
    /// <inheritdoc/>
    /// <remarks>
    /// A duplicate of the open's descriptor (or, for reads without state, a descriptor opened
    /// after the same permission check as a read), so CLOSE cannot pull it from under a reply
    /// waiting to be sent. The count is cut at the end of file as read() would. Through the
    /// caller's own open, when cachestat(2) shows the whole range in the page cache, this runs on
    /// the calling thread, and so does the sendfile that follows: nothing in it waits for the
    /// disk, and the hand-over to a worker and back cost more than the rest.
    /// </remarks>
    public ValueTask<FsalResult<ZeroCopySource>> OpenForSendAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, int count)
    {
        if (_cacheStat && obj.Type == FsalFileType.Regular && offset <= long.MaxValue && openToken is PosixOpenFile open
            && MayUse(open, FsalOpenFlags.Read, ctx.Caller) && TryOpenCachedForSend(open.Fd, offset, count, out var done))
        {
            return new(done);
        }
        return OpenForSendOnWorker(ctx, obj, openToken, offset, count);
    }

    /// <summary>False once the system refused cachestat (before Linux 6.5, or a seccomp filter): every zero-copy READ then opens on a worker.</summary>
    private volatile bool _cacheStat = true;

    /// <summary>The zero-copy source for a range the page cache holds whole; false when any of it is not cached (or anything is unusual).</summary>
    private unsafe bool TryOpenCachedForSend(int fd, ulong offset, int count, out FsalResult<ZeroCopySource> result)
    {
        result = default;
        var attrs = StatFd(fd);
        if (!attrs.IsOk) return false;
        ulong size = attrs.Value.Size;
        int available = Sendable(offset, count, size);
        if (available == 0) return false;
        const long page = 4096;
        long first = (long)offset / page, last = ((long)offset + available - 1) / page;
        long* range = stackalloc long[2];
        long* stat = stackalloc long[5];
        range[0] = first * page;
        range[1] = (last - first + 1) * page;
        if (LibC.syscall(LibC.SYS_cachestat, fd, range, stat, 0) != 0)
        {
            if (Errno.Last is Errno.ENOSYS or Errno.EPERM) _cacheStat = false;
            return false;
        }
        // stat[0]: pages cached; a page size above 4 KiB only makes the count smaller.
        if (stat[0] < last - first + 1) return false;
        int copy = LibC.dup(fd);
        if (copy < 0) return false;
        result = new ZeroCopySource(new SafeFileHandle(copy, ownsHandle: true), available, offset + (ulong)available >= size);
        return true;
    }

    private ValueTask<FsalResult<ZeroCopySource>> OpenForSendOnWorker(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, int count) => Run<ZeroCopySource>(ctx, () =>
    {
        if (obj.Type != FsalFileType.Regular || offset > long.MaxValue) return FsalStatus.NotSupported;
        int fd;
        if (openToken is PosixOpenFile file && MayUse(file, FsalOpenFlags.Read))
        {
            fd = LibC.dup(file.Fd);
            if (fd < 0) return Errno.LastStatus;
        }
        else
        {
            var opened = WithAnonymousDescriptor(obj, FsalOpenFlags.Read, d =>
            {
                int copy = LibC.dup(d);
                return copy < 0 ? Errno.LastStatus : new FsalResult<int>(copy);
            });
            if (!opened.IsOk) return opened.Status;
            fd = opened.Value;
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        var attrs = StatFd(fd);
        if (!attrs.IsOk)
        {
            handle.Dispose();
            return attrs.Status;
        }
        ulong size = attrs.Value.Size;
        int available = Sendable(offset, count, size);
        if (available == 0)
        {
            // Nothing to send from the file: the ordinary path answers with an empty read.
            handle.Dispose();
            return FsalStatus.NotSupported;
        }
        return new ZeroCopySource(handle, available, offset + (ulong)available >= size);
    });

    /// <summary>How many of <paramref name="count"/> bytes at <paramref name="offset"/> a file of <paramref name="size"/> bytes has (cut at the end, as read() would).</summary>
    private static int Sendable(ulong offset, int count, ulong size) => offset >= size ? 0 : (int)Math.Min((ulong)count, size - offset);
}
