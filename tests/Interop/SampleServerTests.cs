using Nfs.Protocol.Nfs4;
using Nfs.TestClient;

namespace Interop;

/// <summary>The MemoryServer sample as a newcomer runs it.</summary>
[TestFixture]
public sealed class SampleServerTests
{
    [Test]
    public async Task ServesAWritableExportAtTheRootWithoutConfiguration()
    {
        await using var server = await ServerProcess.StartAsync("MemoryServer");
        await using var client = await Nfs4Client.ConnectAsync(server.EndPoint);
        await client.EstablishClientAsync();
        await NfsFiles.WriteFileAsync(client, "", "hello", "world"u8.ToArray());
        var r = await client.CompoundAsync(c => c.PutRootFh().Lookup("hello").GetAttr(Nfs4Attribute.Size));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok));
    }

    [Test]
    public async Task PseudoOptionMovesTheExport()
    {
        await using var server = await ServerProcess.StartAsync("MemoryServer", "--pseudo", "/data/mem");
        await using var client = await Nfs4Client.ConnectAsync(server.EndPoint);
        var r = await client.CompoundAsync(c => c.PutRootFh().Lookup("data").Lookup("mem").GetAttr(Nfs4Attribute.Fsid));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok));
        var root = await client.CompoundAsync(c => c.PutRootFh().Mkdir("x"));
        Assert.That(root.Status, Is.EqualTo(NfsStat4.Rofs), "the pseudo root is read-only");
    }

    [Test]
    public async Task TerminationShutsDownCleanly()
    {
        var server = await ServerProcess.StartAsync("MemoryServer");
        await server.DisposeAsync();
        Assert.That(server.ExitCode, Is.EqualTo(0), server.Log);
    }

    [Test]
    public async Task InvalidConfigurationIsReported()
    {
        var ex = Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await ServerProcess.StartAsync("MemoryServer", "--Nfs:Nfs4:LeaseSeconds=1"));
        Assert.That(ex!.Message, Does.Contain("LeaseSeconds"));
        await Task.CompletedTask;
    }
}
