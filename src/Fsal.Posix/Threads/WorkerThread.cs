using System.Runtime.InteropServices;
using Fsal.Posix.Native;
using Microsoft.Extensions.Logging;

namespace Fsal.Posix.Threads;

/// <summary>
/// Set-up of each worker thread of the backend's pool: it unshares its filesystem context
/// (CLONE_FS) and sets its own umask to 0, so created objects get exactly the mode the client
/// asked for without changing the host process's umask, then starts out as root.
/// </summary>
internal static class WorkerThread
{
    private const int CloneFs = 0x200;

    [DllImport("libc", SetLastError = true)]
    private static extern int unshare(int flags);

    public static void Initialize(ILogger logger)
    {
        if (unshare(CloneFs) != 0) logger.LogWarning("unshare(CLONE_FS) failed (errno {Errno}); using the process umask", Errno.Last);
        else LibC.umask(0);
        ThreadCredentials.ApplyRoot();
    }
}
