using System.Collections.Concurrent;

namespace Nfs.Core.Fsal.Support;

/// <summary>
/// Dedicated OS threads for a backend's blocking native calls. Work never runs on the shared
/// .NET thread pool, whose threads must not carry a changed identity: a backend sets the
/// caller's identity on the pool thread right before its calls (setfsuid, glfs_setfsuid...),
/// and every call of one work item runs on that same thread.
/// </summary>
public sealed class DedicatedThreadPool : IDisposable
{
    private readonly BlockingCollection<IWorkItem> _queue = new();
    private readonly Thread[] _threads;
    private readonly Action? _threadStart;

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

    /// <summary>
    /// Starts <paramref name="threads"/> threads named <paramref name="name"/>-N; each runs
    /// <paramref name="threadStart"/> once before taking work (to set up per-thread state).
    /// </summary>
    public DedicatedThreadPool(int threads, string name, Action? threadStart = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _threadStart = threadStart;
        _threads = new Thread[threads];
        for (int i = 0; i < threads; i++)
        {
            _threads[i] = new Thread(Loop) { IsBackground = true, Name = $"{name}-{i}" };
            _threads[i].Start();
        }
    }

    /// <summary>Number of threads.</summary>
    public int ThreadCount => _threads.Length;

    /// <summary>Runs <paramref name="work"/> on a pool thread; its exceptions fault the task.</summary>
    public Task<T> RunAsync<T>(Func<T> work)
    {
        var item = new WorkItem<T>(work);
        _queue.Add(item);
        return item.Task;
    }

    private void Loop()
    {
        _threadStart?.Invoke();
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
