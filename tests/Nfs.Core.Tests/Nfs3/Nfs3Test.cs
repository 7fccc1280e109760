using Nfs.Core.Hosting;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Mount;
using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs4;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Nfs3;

/// <summary>
/// Base of NFSv3 tests: each test gets its own server (one memory export at "/", no squashing,
/// unless <see cref="Configure"/> changes it), an NFSv3 client and the root handle from MOUNT.
/// </summary>
public abstract class Nfs3Test
{
    /// <summary>The server of the current test.</summary>
    protected TestServer Server { get; private set; } = null!;

    /// <summary>An NFSv3 client on the server.</summary>
    protected Nfs3Client Nfs { get; private set; } = null!;

    /// <summary>A MOUNT client on the server's NFS port.</summary>
    protected MountClient Mount { get; private set; } = null!;

    /// <summary>The root handle of the first export, from MNT of its path.</summary>
    protected NfsFileHandle Root { get; private set; }

    /// <summary>Changes the default options.</summary>
    protected virtual void Configure(NfsServerOptions options) { }

    /// <summary>The path mounted in set-up.</summary>
    protected virtual string MountPath => "/";

    [SetUp]
    public async Task StartAsync()
    {
        Server = TestServer.Start(Configure);
        Nfs = Nfs3Client.Over(await Server.ConnectRpcAsync());
        Mount = MountClient.Over(await Server.ConnectRpcAsync());
        var mnt = await Mount.MountAsync(MountPath);
        Root = mnt.Status == MountStat3.Ok ? mnt.Handle : default;
    }

    [TearDown]
    public async Task StopAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
    }

    /// <summary>Creates a file with GUARDED and optional content; asserts success; returns its handle.</summary>
    protected async Task<NfsFileHandle> CreateFileAsync(NfsFileHandle dir, string name, byte[]? content = null, uint mode = 0x1A4)
    {
        var r = await Nfs.CreateAsync(dir, name, CreateMode3.Guarded, new Sattr3(Mode: mode));
        Assert.That(r.Status, Is.EqualTo(NfsStat3.Ok), $"CREATE {name}");
        if (content is { Length: > 0 })
        {
            var w = await Nfs.WriteAsync(r.Handle, 0, content);
            Assert.That(w.Status, Is.EqualTo(NfsStat3.Ok), $"WRITE {name}");
        }
        return r.Handle;
    }

    /// <summary>Creates a directory; asserts success; returns its handle.</summary>
    protected async Task<NfsFileHandle> MkdirAsync(NfsFileHandle dir, string name, uint mode = 0x1ED)
    {
        var r = await Nfs.MkdirAsync(dir, name, new Sattr3(Mode: mode));
        Assert.That(r.Status, Is.EqualTo(NfsStat3.Ok), $"MKDIR {name}");
        return r.Handle;
    }
}
