using System.Diagnostics;
using Nfs.Core.Fsal;
using NUnit.Framework;

[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace Fsal.Gluster.Tests;

/// <summary>
/// One real single-brick volume for the whole test run, on its own loopback address (glusterd
/// on 127.0.0.3:24007) and state directory, brought up with tests/Gluster/gluster-volume.sh and
/// torn down after the last test. Each test exports a fresh directory of it. Without glusterd
/// or root the tests are ignored, except in CI, where they fail.
/// </summary>
[SetUpFixture]
public sealed class GlusterTestVolume
{
    /// <summary>The glusterd address the volume is served from.</summary>
    public const string Address = "127.0.0.3";

    /// <summary>The volume's name.</summary>
    public const string Volume = "fsaltests";

    private static string? _state;
    private static string? _unavailable;
    private static GlusterFileSystem? _volumeRoot;

    /// <summary>The brick directory (the volume's files as they lie on disk).</summary>
    public static string Brick => File.ReadAllText(Path.Combine(_state!, "brick")).Trim();

    [OneTimeSetUp]
    public void BringUp()
    {
        if (!Environment.IsPrivilegedProcess) { _unavailable = "the Gluster tests need root (glusterd)"; return; }
        if (!File.Exists("/usr/sbin/glusterd")) { _unavailable = "glusterd is not installed (Debian: glusterfs-server)"; return; }
        if (!File.Exists("/usr/lib/x86_64-linux-gnu/libgfapi.so.0") && !File.Exists("/usr/lib/aarch64-linux-gnu/libgfapi.so.0")) { _unavailable = "libgfapi.so.0 is not installed (Debian: libgfapi0)"; return; }
        _state = Path.Combine(Path.GetTempPath(), "fsal-gluster-tests-" + Environment.ProcessId);
        var (code, output) = Script("up", _state, Volume, Address);
        if (code != 0) throw new InvalidOperationException($"gluster-volume.sh up failed ({code}): {output}");
        _volumeRoot = new GlusterFileSystem(new GlusterFsalOptions { Volume = Volume, VolfileServers = Address, Threads = 2 });
    }

    [OneTimeTearDown]
    public void TearDown()
    {
        _volumeRoot?.Dispose();
        if (_state is not null) Script("down", _state);
    }

    /// <summary>Fails (in CI) or ignores the current test when there is no volume.</summary>
    public static void Require()
    {
        if (_unavailable is null && _volumeRoot is not null) return;
        string message = _unavailable ?? "the test volume did not come up";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail(message);
        Assert.Ignore(message);
    }

    /// <summary>A new directory (mode 0777) at the top of the volume, for one test; returns its path within the volume.</summary>
    public static string CreateDirectory()
    {
        Require();
        string name = "t-" + Guid.NewGuid().ToString("N");
        var request = new FsalCreateRequest { Type = FsalFileType.Directory };
        request.Attributes.Set = FsalAttrMask.Mode;
        request.Attributes.Mode = 0x1FF;
        var created = _volumeRoot!.CreateAsync(FsalContext.Root, _volumeRoot.Root, name, request).AsTask().GetAwaiter().GetResult();
        if (!created.IsOk) throw new InvalidOperationException($"mkdir {name} on the test volume: {created.Status}");
        var mode = new FsalSetAttributes { Set = FsalAttrMask.Mode, Mode = 0x1FF };
        var set = _volumeRoot.SetAttributesAsync(FsalContext.Root, created.Value.Object, mode).AsTask().GetAwaiter().GetResult();
        if (!set.IsOk) throw new InvalidOperationException($"chmod {name} on the test volume: {set.Status}");
        return "/" + name;
    }

    /// <summary>A backend exporting <paramref name="path"/> of the test volume.</summary>
    public static GlusterFileSystem Open(string path, int threads = 4) =>
        new(new GlusterFsalOptions { Volume = Volume, VolfileServers = Address, Path = path, Threads = threads });

    private static (int Code, string Output) Script(params string[] args)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "gluster-volume.sh"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            return (-1, "timed out");
        }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
