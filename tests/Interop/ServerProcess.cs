using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Interop;

/// <summary>
/// A sample daemon run as a child process on a free loopback port (it binds port 0 and the
/// test reads the real port from its log), stopped and killed on dispose.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _log = [];

    private ServerProcess(Process process) => _process = process;

    /// <summary>Where the server listens.</summary>
    public IPEndPoint EndPoint { get; private set; } = null!;

    /// <summary>The port.</summary>
    public int Port => EndPoint.Port;

    /// <summary>Everything the server wrote so far.</summary>
    public string Log
    {
        get { lock (_log) return string.Join('\n', _log); }
    }

    /// <summary>
    /// Starts a sample (for example "MemoryServer") with extra arguments and waits until it listens
    /// (on a free port, unless the arguments name one with --listen: later arguments win).
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string sample, params string[] arguments)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, sample + ".dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("sample not built next to the tests", dll);
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--listen");
        psi.ArgumentList.Add("127.0.0.1:0");
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        psi.Environment["Logging__Console__FormatterName"] = "simple";
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + sample);
        var server = new ServerProcess(process);
        var listening = new TaskCompletionSource<IPEndPoint>(TaskCreationOptions.RunContinuationsAsynchronously);
        var mount = server._mountEndPoint;
        void OnLine(string? line)
        {
            if (line is null) return;
            lock (server._log) server._log.Add(line);
            var m = ListeningPattern().Match(line);
            if (m.Success) listening.TrySetResult(IPEndPoint.Parse(m.Groups[1].Value));
            m = MountPattern().Match(line);
            if (m.Success) mount.TrySetResult(IPEndPoint.Parse(m.Groups[1].Value));
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"{sample} exited early:\n{server.Log}"));
        var done = await Task.WhenAny(listening.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        if (done != listening.Task)
        {
            await server.DisposeAsync();
            throw new TimeoutException($"{sample} did not start listening:\n{server.Log}");
        }
        server.EndPoint = await listening.Task;
        if (arguments.Contains("--mount-port"))
        {
            // The MOUNT listener starts right after the NFS one; its line follows.
            if (await Task.WhenAny(mount.Task, Task.Delay(TimeSpan.FromSeconds(30))) != mount.Task)
            {
                await server.DisposeAsync();
                throw new TimeoutException($"{sample} did not report its MOUNT port:\n{server.Log}");
            }
            server.MountEndPoint = await mount.Task;
        }
        return server;
    }

    private readonly TaskCompletionSource<IPEndPoint> _mountEndPoint = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Where MOUNT listens, when the server was started with --mount-port.</summary>
    public IPEndPoint? MountEndPoint { get; private set; }

    /// <summary>The MOUNT port: its own listener's when started with --mount-port, otherwise the NFS port (which serves MOUNT too).</summary>
    public int MountPort => MountEndPoint?.Port ?? Port;

    [GeneratedRegex(@"Listening for RPC on (\S+)")]
    private static partial Regex ListeningPattern();

    [GeneratedRegex(@"MOUNT served on (\S+)")]
    private static partial Regex MountPattern();

    /// <summary>
    /// Kills the server with SIGKILL (no shutdown code runs: what a crash leaves behind) and waits
    /// until it is gone.
    /// </summary>
    public async Task KillAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-KILL", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill?.WaitForExit();
            await _process.WaitForExitAsync();
        }
        ExitCode = _process.ExitCode;
        _process.Dispose();
    }

    /// <summary>Stops the server: SIGTERM (clean host shutdown), then kill if it lingers.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (_process.HasExited)
        {
            ExitCode = _process.ExitCode;
            _process.Dispose();
            return;
        }
        try
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            term?.WaitForExit();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        ExitCode = _process.ExitCode;
        _process.Dispose();
    }

    private bool _disposed;

    /// <summary>Waits up to <paramref name="timeout"/> for the process to end by itself; false if it did not.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        if (_disposed) return true;
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The exit code, once stopped (for the clean-shutdown test).</summary>
    public int? ExitCode { get; private set; }
}
