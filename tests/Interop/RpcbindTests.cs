using System.Diagnostics;

namespace Interop;

/// <summary>
/// Registration with a real rpcbind, seen by tools nobody here wrote: showmount (MOUNT v1
/// through the port mapper) lists the exports, rpcinfo shows every program, and the
/// registrations go when the server stops. Starts rpcbind when none runs, and stops it after.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RpcbindTests
{
    private static string Tool(string name) =>
        ExternalTool.Require(ExternalTool.Find(name) ?? (File.Exists("/usr/sbin/" + name) ? "/usr/sbin/" + name : null), $"{name} (packages rpcbind, nfs-common)");

    [Test]
    public async Task ShowmountAndRpcinfoSeeTheRegisteredServerUntilItStops()
    {
        string showmount = Tool("showmount"), rpcinfo = Tool("rpcinfo"), rpcbind = Tool("rpcbind");
        bool started = false;
        if ((await ExternalTool.RunAsync("pgrep", ["-x", "rpcbind"], TimeSpan.FromSeconds(10))).Exit != 0)
        {
            var run = await ExternalTool.RunAsync(rpcbind, ["-w"], TimeSpan.FromSeconds(20));
            Assert.That(run.Exit, Is.Zero, run.Err);
            started = true;
        }
        try
        {
            int mountPort;
            await using (var server = await ServerProcess.StartAsync("MemoryServer", "--rpcbind", "true", "--mount-port", "0"))
            {
                mountPort = server.MountPort;
                var deadline = Stopwatch.StartNew();
                while (!server.Log.Contains("Registered 7 program version(s) with rpcbind") && deadline.Elapsed < TimeSpan.FromSeconds(20)) await Task.Delay(100);
                Assert.That(server.Log, Does.Contain("Registered 7 program version(s) with rpcbind"));

                var exports = await ExternalTool.RunAsync(showmount, ["-e", "127.0.0.1"], TimeSpan.FromSeconds(30));
                Assert.That(exports.Exit, Is.Zero, exports.Err);
                Assert.That(exports.Out, Does.Contain("Export list for 127.0.0.1:").And.Contain("/ (everyone)"));

                var programs = await ExternalTool.RunAsync(rpcinfo, ["-p", "127.0.0.1"], TimeSpan.FromSeconds(30));
                Assert.That(programs.Exit, Is.Zero, programs.Err);
                foreach (var (program, version, port) in new[]
                {
                    ("100003", "3", server.EndPoint.Port), ("100003", "4", server.EndPoint.Port), ("100021", "4", server.EndPoint.Port),
                    ("100024", "1", server.EndPoint.Port), ("100005", "1", mountPort), ("100005", "3", mountPort),
                })
                {
                    Assert.That(programs.Out, Does.Match($@"{program}\s+{version}\s+tcp\s+{port}\b"), $"program {program} v{version} on {port}");
                }
            }
            // Unregistered at stop: nothing of ours is left behind for the next server.
            var after = await ExternalTool.RunAsync(rpcinfo, ["-p", "127.0.0.1"], TimeSpan.FromSeconds(30));
            Assert.That(after.Out, Does.Not.Contain("100005").And.Not.Contain("100003"));
        }
        finally
        {
            if (started) await ExternalTool.RunAsync("pkill", ["-x", "rpcbind"], TimeSpan.FromSeconds(10));
        }
    }
}
