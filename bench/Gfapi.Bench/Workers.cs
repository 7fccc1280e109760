namespace Gfapi.Bench;

/// <summary>
/// Runs a body on <c>Depth</c> OS threads and waits for them: gfapi calls block, so the number
/// of threads is the number of requests in flight (Nfs.Bench's queue depth).
/// </summary>
public static class Workers
{
    /// <summary>Starts <paramref name="count"/> threads running <paramref name="body"/> (given the thread's index) and joins them.</summary>
    public static void Run(int count, Action<int> body)
    {
        var threads = Enumerable.Range(0, Math.Max(count, 1)).Select(i => new Thread(() => body(i)) { IsBackground = true }).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
    }
}
