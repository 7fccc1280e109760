using System.Text.RegularExpressions;

namespace Interop;

/// <summary>
/// The Linux kernel NFS client (../shared/kclient: a real kernel under qemu) mounting the
/// MemoryServer sample and running the smoke, locks and big workloads. In CI the harness is
/// always beside the checkout and these must run.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class KernelClientTests
{
    /// <summary>The harness script, from KCLIENT_HARNESS or ../shared/kclient beside the checkout.</summary>
    internal static string? FindHarness()
    {
        var fromEnv = Environment.GetEnvironmentVariable("KCLIENT_HARNESS");
        if (!string.IsNullOrEmpty(fromEnv)) return File.Exists(fromEnv) ? fromEnv : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Fsal.sln"))) continue;
            var script = Path.Combine(dir.Parent?.FullName ?? "/", "shared", "kclient", "run-kclient.sh");
            return File.Exists(script) ? script : null;
        }
        return null;
    }

    [TestCase("4.0")]
    [TestCase("4.1")]
    [TestCase("4.2")]
    public async Task WorkloadsPass(string version)
    {
        var harness = ExternalTool.Require(FindHarness(), "the kernel-client harness (../shared/kclient)");
        await using var server = await ServerProcess.StartAsync("MemoryServer");
        var (exit, output, error) = await ExternalTool.RunAsync("bash",
            [harness, "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-v", version, "-e", "/", "-w", "smoke,locks,big", "-q", "-t", "900"],
            TimeSpan.FromMinutes(16));
        var summary = SummaryLine().Match(output);
        TestContext.Out.WriteLine(summary.Success ? summary.Value : output[^Math.Min(output.Length, 4000)..]);
        Assert.That(exit, Is.EqualTo(0), $"kclient exit {exit}\n{output[^Math.Min(output.Length, 6000)..]}\n{error}\nserver log:\n{server.Log[^Math.Min(server.Log.Length, 4000)..]}");
        Assert.That(summary.Value, Does.StartWith("KCLIENT-SUMMARY PASS"));
        Assert.That(summary.Value, Does.Contain("smoke:PASS").And.Contain("locks:PASS").And.Contain("big:PASS"));
    }

    [GeneratedRegex(@"KCLIENT-SUMMARY .*")]
    private static partial Regex SummaryLine();
}
