using System.Text;
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
        await RunWorkloadsAsync(harness, server, version, "/", "smoke,locks,big");
    }

    /// <summary>
    /// NFSv3 through the MemoryServer, MOUNT on its own port: the kernel mounts with MOUNT v3 and
    /// nolock (the guest has no NLM), so the lock workload checks the one-mount local locks.
    /// </summary>
    [Test]
    public async Task Nfs3WorkloadsPass()
    {
        var harness = ExternalTool.Require(FindHarness(), "the kernel-client harness (../shared/kclient)");
        await using var server = await ServerProcess.StartAsync("MemoryServer", "--mount-port", "0");
        await RunWorkloadsAsync(harness, server, "3", "/", "smoke,locks,big", server.MountPort);
    }

    /// <summary>
    /// The PosixServer over a temporary directory: the three workloads, plus byte identity
    /// between the client and the disk in both directions (NFSv3 with MOUNT on its own port).
    /// </summary>
    [TestCase("4.1")]
    [TestCase("4.0")]
    [TestCase("3")]
    public async Task WorkloadsPassOnAPosixExport(string version)
    {
        var harness = ExternalTool.Require(FindHarness(), "the kernel-client harness (../shared/kclient)");
        ExternalTool.RequireRoot();
        var dir = Path.Combine(Path.GetTempPath(), "kclient-posix-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var hostBytes = NfsFiles.Content(3 * 1024 * 1024 + 17, 7);
            await File.WriteAllBytesAsync(Path.Combine(dir, "from-host.bin"), hostBytes);
            string hostMd5 = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(hostBytes));
            bool nfs3 = version == "3";
            await using var server = nfs3
                ? await ServerProcess.StartAsync("PosixServer", "--path", dir, "--mount-port", "0")
                : await ServerProcess.StartAsync("PosixServer", "--path", dir);
            string workload = Path.Combine(AppContext.BaseDirectory, "Workloads", "disk-identity.sh");
            await RunWorkloadsAsync(harness, server, version, "/", $"smoke,locks,big,{workload}", nfs3 ? server.MountPort : null,
                "HOST_FILE=from-host.bin", $"HOST_MD5={hostMd5}", "NFS_FILE=from-nfs.txt");
            var expected = new StringBuilder();
            for (int i = 0; i < 20000; i++) expected.Append("line ").Append(i).Append(" of the kclient disk identity check\n");
            Assert.That(await File.ReadAllBytesAsync(Path.Combine(dir, "from-nfs.txt")), Is.EqualTo(Encoding.ASCII.GetBytes(expected.ToString())), "bytes on disk");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// The GlusterServer in front of a real volume, mounted at a fresh directory of it: the three
    /// workloads, a file put through another gateway client read back through the kernel, and
    /// the kernel's file byte-identical on the brick.
    /// </summary>
    [TestCase("4.1")]
    public async Task WorkloadsPassOnAGlusterExport(string version)
    {
        var harness = ExternalTool.Require(FindHarness(), "the kernel-client harness (../shared/kclient)");
        await GlusterVolume.EnsureUpAsync();
        string dir = "kclient-" + Guid.NewGuid().ToString("N");
        await using var server = await ServerProcess.StartAsync("GlusterServer", GlusterVolume.ServerArguments());
        var hostBytes = NfsFiles.Content(3 * 1024 * 1024 + 17, 7);
        await using (var client = await Nfs.TestClient.Nfs4Client.ConnectAsync(server.EndPoint))
        {
            await client.EstablishSessionAsync(1, "kclient-setup");
            await NfsFiles.MkdirAsync(client, dir);
            var open = await client.CompoundAsync(c => c.PutRootFh().Lookup(dir).SetAttr(Nfs.Protocol.Nfs4.StateId4.Anonymous, NfsFiles.ModeAttributes(0x1FF)));
            Nfs.TestClient.Nfs4Client.Expect(open, Nfs.Protocol.Nfs4.NfsStat4.Ok);
            await NfsFiles.WriteFileAsync(client, dir, "from-host.bin", hostBytes);
        }
        string hostMd5 = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(hostBytes));
        string workload = Path.Combine(AppContext.BaseDirectory, "Workloads", "disk-identity.sh");
        await RunWorkloadsAsync(harness, server, version, "/" + dir, $"smoke,locks,big,{workload}",
            "HOST_FILE=from-host.bin", $"HOST_MD5={hostMd5}", "NFS_FILE=from-nfs.txt");
        var expected = new StringBuilder();
        for (int i = 0; i < 20000; i++) expected.Append("line ").Append(i).Append(" of the kclient disk identity check\n");
        Assert.That(await File.ReadAllBytesAsync(Path.Combine(GlusterVolume.Brick, dir, "from-nfs.txt")), Is.EqualTo(Encoding.ASCII.GetBytes(expected.ToString())), "bytes on the brick");
    }

    /// <summary>
    /// Runs the harness against <paramref name="server"/> and asserts that every workload
    /// passed; <paramref name="environment"/> holds NAME=VALUE pairs for the workloads.
    /// </summary>
    private static Task RunWorkloadsAsync(string harness, ServerProcess server, string version, string export, string workloads, params string[] environment) =>
        RunWorkloadsAsync(harness, server, version, export, workloads, null, environment);

    /// <summary>As above; <paramref name="mountPort"/> is the MOUNT port of an NFSv3 run.</summary>
    private static async Task RunWorkloadsAsync(string harness, ServerProcess server, string version, string export, string workloads, int? mountPort, params string[] environment)
    {
        List<string> args = [harness, "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-v", version, "-e", export, "-w", workloads, "-q", "-t", "900"];
        if (mountPort is { } m) args.AddRange(["-m", m.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        foreach (var pair in environment) args.AddRange(["-E", pair]);
        var (exit, output, error) = await ExternalTool.RunAsync("bash", args, TimeSpan.FromMinutes(16));
        var summary = SummaryLine().Match(output);
        TestContext.Out.WriteLine(summary.Success ? summary.Value : output[^Math.Min(output.Length, 4000)..]);
        Assert.That(exit, Is.EqualTo(0), $"kclient exit {exit}\n{output[^Math.Min(output.Length, 6000)..]}\n{error}\nserver log:\n{server.Log[^Math.Min(server.Log.Length, 4000)..]}");
        Assert.That(summary.Value, Does.StartWith("KCLIENT-SUMMARY PASS"));
        foreach (var name in workloads.Split(','))
        {
            Assert.That(summary.Value, Does.Contain(Path.GetFileNameWithoutExtension(name) + ":PASS"));
        }
    }

    [GeneratedRegex(@"KCLIENT-SUMMARY .*")]
    private static partial Regex SummaryLine();
}
