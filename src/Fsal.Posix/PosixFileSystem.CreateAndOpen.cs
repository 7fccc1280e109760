using Fsal.Posix.Objects;
using Nfs.Core.Fsal;

namespace Fsal.Posix;

// OPEN that creates: the file created and opened in one worker call.
public sealed partial class PosixFileSystem : ICreateAndOpen
{
    /// <inheritdoc/>
    /// <remarks>
    /// One worker call: openat with O_CREAT and O_EXCL under the caller's identity keeps the
    /// descriptor it returns as the open, where CREATE then OPEN would close it, open the file
    /// again through /proc/self/fd and cost a second trip to a worker.
    /// </remarks>
    public ValueTask<FsalResult<FsalCreatedOpen>> CreateAndOpenAsync(FsalContext ctx, FsalObject directory, string name, FsalCreateRequest request, FsalOpenFlags flags) => Run<FsalCreatedOpen>(ctx, () =>
    {
        if (request.Type != FsalFileType.Regular) return FsalStatus.Invalid;
        var result = CreateIn(directory, name, request, flags, out int openFd);
        if (!result.IsOk) return result.Status;
        if (openFd < 0) return new FsalCreatedOpen(result.Value, null);
        var po = (PosixObject)result.Value.Object;
        Interlocked.Increment(ref po.OpenCount);
        return new FsalCreatedOpen(result.Value, new PosixOpenFile(openFd, flags, po, Threads.ThreadCredentials.Current));
    });
}
