namespace Interop;

/// <summary>
/// A real single-brick Gluster volume for the interop tests, on its own loopback address
/// (glusterd on 127.0.0.4:24007), brought up on first use with tests/Gluster/gluster-volume.sh
/// and torn down after the last test of the assembly. Without glusterd or root the tests that
/// need it are ignored, except in CI, where they fail.
/// </summary>
[SetUpFixture]
public sealed class GlusterVolume
{
    /// <summary>The glusterd address (the --volfile-server of the gateways).</summary>
    public const string Address = "127.0.0.4";

    /// <summary>The volume's name.</summary>
    public const string Name = "interop";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _state;

    /// <summary>The brick directory: the volume's files as they lie on disk.</summary>
    public static string Brick => File.ReadAllText(Path.Combine(_state!, "brick")).Trim();

    /// <summary>Brings the volume up unless it is up already.</summary>
    public static async Task EnsureUpAsync()
    {
        if (!Environment.IsPrivilegedProcess) Unavailable("the Gluster tests need root (glusterd, and the gateway's identities)");
        ExternalTool.Require(File.Exists("/usr/sbin/glusterd") ? "/usr/sbin/glusterd" : null, "glusterfs-server (glusterd)");
        await Gate.WaitAsync();
        try
        {
            if (_state is not null) return;
            var state = Path.Combine(Path.GetTempPath(), "interop-gluster-" + Environment.ProcessId);
            var (exit, output, error) = await ExternalTool.RunAsync("bash", [Script, "up", state, Name, Address], TimeSpan.FromMinutes(2));
            if (exit != 0)
            {
                await ExternalTool.RunAsync("bash", [Script, "down", state], TimeSpan.FromMinutes(1));
                throw new InvalidOperationException($"gluster-volume.sh up failed ({exit}): {output}{error}");
            }
            _state = state;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Arguments that point a GlusterServer at the volume.</summary>
    public static string[] ServerArguments(params string[] more) => ["--volume", Name, "--volfile-server", Address, .. more];

    [OneTimeTearDown]
    public async Task TearDown()
    {
        if (_state is null) return;
        await ExternalTool.RunAsync("bash", [Script, "down", _state], TimeSpan.FromMinutes(1));
        _state = null;
    }

    private static string Script => Path.Combine(AppContext.BaseDirectory, "gluster-volume.sh");

    private static void Unavailable(string message)
    {
        if (ExternalTool.InCi) Assert.Fail(message);
        Assert.Ignore(message);
    }
}
