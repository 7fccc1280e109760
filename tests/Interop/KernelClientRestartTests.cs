using System.Text.RegularExpressions;
using Mono.Unix.Native;

namespace Interop;

/// <summary>
/// The Linux kernel client keeps a lock across a kill -9 of the server: the workload
/// (Workloads/lock-across-restart.sh) takes a lock and waits; this test kills the PosixServer with
/// SIGKILL, restarts it on the same port with the same state directory, and watches the lock come
/// back on its disk as the kernel reclaims it in the grace period. The same across the death of
/// an active/active cluster node: a survivor takes over its address and the kernel reclaims there.
/// </summary>
[TestFixture]
[NonParallelizable]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class KernelClientRestartTests
{
    private const int LeaseSeconds = 10;
    private const int GraceSeconds = 15;

    [TestCase("4.1")]
    [TestCase("4.0")]
    public async Task A_lock_survives_kill_9_of_the_server(string version)
    {
        var harness = ExternalTool.Require(KernelClientTests.FindHarness(), "the kernel-client harness (../shared/kclient)");
        ExternalTool.RequireRoot();
        string root = Path.Combine(Path.GetTempPath(), "kclient-restart-" + Guid.NewGuid().ToString("N"));
        string data = Path.Combine(root, "data"), state = Path.Combine(root, "state");
        Directory.CreateDirectory(data);
        ServerProcess? server = null;
        try
        {
            server = await StartAsync(data, state, 0);
            int port = server.Port;
            string workload = Path.Combine(AppContext.BaseDirectory, "Workloads", "lock-across-restart.sh");
            List<string> args = [harness, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-v", version, "-e", "/",
                "-w", workload, "-o", "lookupcache=positive", "-q", "-t", "600"];
            var run = ExternalTool.RunAsync("bash", args, TimeSpan.FromMinutes(11));

            string ready = await WaitForAsync(() => Directory.EnumerateFiles(data, "reclaim-ready", SearchOption.AllDirectories).FirstOrDefault(), run, TimeSpan.FromMinutes(5), "the workload never took its lock");
            string dir = Path.GetDirectoryName(ready)!;
            string file = Path.Combine(dir, "data");
            Assert.That(LockedOnDisk(file), Is.True, "the server holds the client's lock on its disk");

            await server.KillAsync();
            Assert.That(LockedOnDisk(file), Is.False, "kill -9 took the server's locks with it");
            server = await StartAsync(data, state, port);
            Assert.That(server.Log, Does.Contain($"Grace period of {GraceSeconds} s for 1 NFSv4 client(s)"), server.Log);

            // The kernel notices the restart on its next call, recovers its client id and reclaims.
            var restarted = server;
            await WaitForAsync(() => LockedOnDisk(file) ? file : null, run, TimeSpan.FromSeconds(90), "the kernel client did not reclaim its lock",
                () => restarted.Log);
            await File.WriteAllTextAsync(Path.Combine(dir, "restarted"), "");

            await ExpectPassAsync(run, server);
        }
        finally
        {
            if (server is not null) await server.DisposeAsync();
            Directory.Delete(root, recursive: true);
        }
    }

    [TestCase("4.1")]
    [TestCase("4.0")]
    public async Task A_lock_survives_the_death_of_a_cluster_node(string version)
    {
        var harness = ExternalTool.Require(KernelClientTests.FindHarness(), "the kernel-client harness (../shared/kclient)");
        ExternalTool.RequireRoot();
        string data = Path.Combine(Path.GetTempPath(), "kclient-failover-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var nodes = new List<ServerProcess>();
        try
        {
            // The guest reaches the host's 127.0.0.1 only: node A serves there, node B on another
            // loopback address, both on one directory (a shared filesystem) with one cluster database.
            nodes.Add(await StartNodeAsync(data, "A", "127.0.0.1"));
            nodes.Add(await StartNodeAsync(data, "B", "127.0.0.26"));
            var (a, b) = (nodes[0], nodes[1]);
            string workload = Path.Combine(AppContext.BaseDirectory, "Workloads", "lock-across-restart.sh");
            List<string> args = [harness, "-p", a.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-v", version, "-e", "/",
                "-w", workload, "-o", "lookupcache=positive", "-q", "-t", "600"];
            var run = ExternalTool.RunAsync("bash", args, TimeSpan.FromMinutes(11));

            string ready = await WaitForAsync(() => Directory.EnumerateFiles(data, "reclaim-ready", SearchOption.AllDirectories).FirstOrDefault(), run, TimeSpan.FromMinutes(5), "the workload never took its lock");
            string dir = Path.GetDirectoryName(ready)!;
            string file = Path.Combine(dir, "data");
            Assert.That(LockedOnDisk(file), Is.True, "node A holds the client's lock on the shared disk");

            var clock = System.Diagnostics.Stopwatch.StartNew();
            await a.KillAsync();
            // B takes over A's address; the kernel, finding its client id unknown there, reclaims.
            await WaitForAsync(() => LockedOnDisk(file) ? file : null, run, TimeSpan.FromSeconds(90), "the kernel client did not reclaim its lock on the survivor",
                () => b.Log);
            clock.Stop();
            Assert.That(b.Log, Does.Contain("Cluster node A is dead: B took over its end points [127.0.0.1:" + a.Port));
            TestContext.Out.WriteLine($"kernel client NFSv{version}: lock reclaimed on node B {clock.Elapsed.TotalSeconds:F1} s after node A was killed");
            await File.WriteAllTextAsync(Path.Combine(dir, "restarted"), "");

            await ExpectPassAsync(run, b);
        }
        finally
        {
            foreach (var n in nodes) await n.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    private static Task<ServerProcess> StartNodeAsync(string data, string node, string address) =>
        ServerProcess.StartAsync("PosixServer", "--listen", $"{address}:0", "--path", data, "--cluster", "true", "--node-id", node,
            "--cluster-check-ms", "500", "--nfs3", "false",
            "--lease", LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--grace", GraceSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static Task<ServerProcess> StartAsync(string data, string state, int port) =>
        ServerProcess.StartAsync("PosixServer", "--listen", $"127.0.0.1:{port}", "--path", data, "--state-dir", state,
            "--lease", LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--grace", GraceSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--Logging:LogLevel:Nfs.Core.Nfs4.Nfs4Program=Debug");

    /// <summary>Polls <paramref name="probe"/> until it gives a value; fails when the harness ended first or time is up.</summary>
    private static async Task<string> WaitForAsync(Func<string?> probe, Task<(int, string, string)> run, TimeSpan timeout, string failure, Func<string>? log = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (probe() is { } found) return found;
            if (run.IsCompleted)
            {
                var (exit, output, error) = await run;
                Assert.Fail($"{failure}: the harness ended (exit {exit})\n{output[^Math.Min(output.Length, 6000)..]}\n{error}");
            }
            if (DateTime.UtcNow > deadline) Assert.Fail($"{failure}\nserver log:\n{log?.Invoke()}");
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Whether some process (the server's OFD locks count) holds a lock on the whole file: F_GETLK,
    /// which only asks, so the probe never gets in the way of a reclaim.
    /// </summary>
    private static bool LockedOnDisk(string path)
    {
        int fd = Syscall.open(path, OpenFlags.O_RDWR);
        if (fd < 0) throw new IOException($"open {path}: {Stdlib.GetLastError()}");
        try
        {
            var query = new Flock { l_type = LockType.F_WRLCK, l_whence = SeekFlags.SEEK_SET, l_start = 0, l_len = 0 };
            if (Syscall.fcntl(fd, FcntlCommand.F_GETLK, ref query) < 0) throw new IOException($"F_GETLK {path}: {Stdlib.GetLastError()}");
            return query.l_type != LockType.F_UNLCK;
        }
        finally
        {
            Syscall.close(fd);
        }
    }

    /// <summary>Waits for the harness and expects the workload to have passed.</summary>
    private static async Task ExpectPassAsync(Task<(int, string, string)> run, ServerProcess server)
    {
        var (exit, output, error) = await run;
        var summary = SummaryLine().Match(output);
        TestContext.Out.WriteLine(summary.Success ? summary.Value : output[^Math.Min(output.Length, 4000)..]);
        Assert.That(exit, Is.EqualTo(0), $"kclient exit {exit}\n{output[^Math.Min(output.Length, 6000)..]}\n{error}\nserver log:\n{server.Log[^Math.Min(server.Log.Length, 4000)..]}");
        Assert.That(summary.Value, Does.Contain("lock-across-restart:PASS"));
    }

    [GeneratedRegex(@"KCLIENT-SUMMARY .*")]
    private static partial Regex SummaryLine();
}
