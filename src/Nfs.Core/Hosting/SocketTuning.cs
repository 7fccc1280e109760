namespace Nfs.Core.Hosting;

/// <summary>
/// Process-wide socket settings that suit a dedicated NFS server process. They change every
/// socket of the process, so the library never applies them by itself: a daemon opts in at the
/// start of Main; a host that embeds the server decides for its own process.
/// </summary>
public static class SocketTuning
{
    private const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// Runs socket completions on the runtime's epoll threads instead of handing each one to the
    /// thread pool: a request no longer waits for a pool thread to wake, which halves the CPU
    /// per operation and raises single-request throughput by about half (bench/RESULTS.md).
    /// Continuations then must not block, which the server's code never does (backends that
    /// block run on their own threads). Call before the first socket is used; an explicit
    /// setting of the environment variable wins.
    /// </summary>
    public static void PreferInlineCompletions()
    {
        if (Environment.GetEnvironmentVariable(InlineCompletions) is null) Environment.SetEnvironmentVariable(InlineCompletions, "1");
    }
}
