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
    /// waiting to be sent. The count is cut at the end of file as read() would.
    /// </remarks>
    public ValueTask<FsalResult<ZeroCopySource>> OpenForSendAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, int count) => Run<ZeroCopySource>(ctx, () =>
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
        int available = offset >= size ? 0 : (int)Math.Min((ulong)count, size - offset);
        if (available == 0)
        {
            // Nothing to send from the file: the ordinary path answers with an empty read.
            handle.Dispose();
            return FsalStatus.NotSupported;
        }
        return new ZeroCopySource(handle, available, offset + (ulong)available >= size);
    });
}
