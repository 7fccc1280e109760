using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Fsal.Posix.Native;
using Microsoft.Extensions.Logging;

namespace Fsal.Posix.Threads;

/// <summary>
/// Dedicated OS threads for blocking system calls. Work never runs on the shared thread
/// pool, whose threads must not carry a changed identity. Each thread unshares its
/// filesystem context at start (CLONE_FS) and sets its own umask to 0, so created objects
/// get exactly the mode the client asked for without changing the host process's umask.
/// </summary>
internal sealed class CredentialThreadPool : IDisposable
{
    private const int CloneFs = 0x200;

    [DllImport("libc", SetLastError = true)]
    private static extern int unshare(int flags);

    private readonly BlockingCollection<IWorkItem> _queue = new();
    private readonly Thread[] _threads;
    private readonly ILogger _logger;

    private interface IWorkItem
    {
        void Run();
    }

    private sealed class WorkItem<T>(Func<T> work) : TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously), IWorkItem
    {
        public void Run()
        {
            try
            {
                SetResult(work());
            }
            catch (Exception ex)
            {
                SetException(ex);
            }
        }
    }

    /// <summary>Starts <paramref name="threads"/> threads.</summary>
    public CredentialThreadPool(int threads, string name, ILogger logger)
    {
        _logger = logger;
        _threads = new Thread[threads];
        for (int i = 0; i < threads; i++)
        {
            _threads[i] = new Thread(Loop) { IsBackground = true, Name = $"{name}-{i}" };
            _threads[i].Start();
        }
    }

    /// <summary>Runs <paramref name="work"/> on a pool thread (which sets its own credentials as the work asks).</summary>
    public Task<T> RunAsync<T>(Func<T> work)
    {
        var item = new WorkItem<T>(work);
        _queue.Add(item);
        return item.Task;
    }

    private void Loop()
    {
        if (unshare(CloneFs) != 0) _logger.LogWarning("unshare(CLONE_FS) failed (errno {Errno}); using the process umask", Errno.Last);
        else LibC.umask(0);
        ThreadCredentials.ApplyRoot();
        try
        {
            foreach (var item in _queue.GetConsumingEnumerable()) item.Run();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Stops the threads after the queued work.</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var t in _threads) t.Join(TimeSpan.FromSeconds(5));
        _queue.Dispose();
    }
}
