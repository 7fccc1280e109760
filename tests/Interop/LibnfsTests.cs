using System.Security.Cryptography;
using Nfs.TestClient;

namespace Interop;

/// <summary>
/// NFSv4 listing and reads by libnfs (Debian libnfs-utils), a client nobody here wrote, from
/// the MemoryServer sample run as a process. Content is written with the project's own client
/// because libnfs 4.0.0's NFSv4 writes fail inside libnfs itself.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class LibnfsTests
{
    private ServerProcess _server = null!;
    private readonly Dictionary<string, byte[]> _files = new();
    private string _nfsLs = null!, _nfsCat = null!, _nfsCp = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _nfsLs = ExternalTool.Require(ExternalTool.Find("nfs-ls"), "libnfs-utils (nfs-ls)");
        _nfsCat = ExternalTool.Require(ExternalTool.Find("nfs-cat"), "libnfs-utils (nfs-cat)");
        _nfsCp = ExternalTool.Require(ExternalTool.Find("nfs-cp"), "libnfs-utils (nfs-cp)");
        _server = await ServerProcess.StartAsync("MemoryServer");
        await using var client = await Nfs4Client.ConnectAsync(_server.EndPoint);
        await client.EstablishClientAsync();
        await NfsFiles.MkdirAsync(client, "tree/sub");
        for (int i = 0; i < 5; i++)
        {
            var data = NfsFiles.Content(1000 * i + 17, i);
            _files[$"f{i}"] = data;
            await NfsFiles.WriteFileAsync(client, "tree", $"f{i}", data);
        }
        _files["big"] = NfsFiles.Content(9 * 1024 * 1024 + 123, 99);
        await NfsFiles.WriteFileAsync(client, "tree/sub", "big", _files["big"]);
        await NfsFiles.MkdirAsync(client, "many");
        for (int i = 0; i < 2000; i++) await NfsFiles.WriteFileAsync(client, "many", $"entry-{i:D5}", []);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    [Test]
    public async Task ListsADirectory()
    {
        var (exit, output, error) = await ExternalTool.RunAsync(_nfsLs, [NfsFiles.Url(_server, "tree")], TimeSpan.FromSeconds(60));
        Assert.That(exit, Is.EqualTo(0), error);
        var names = Names(output);
        Assert.That(names, Is.SupersetOf(new[] { "f0", "f1", "f2", "f3", "f4", "sub" }));
        Assert.That(output, Does.Contain("4017").Or.Contain(" 4017 "), "sizes are listed");
    }

    [Test]
    public async Task ListsRecursively()
    {
        var (exit, output, error) = await ExternalTool.RunAsync(_nfsLs, ["-R", NfsFiles.Url(_server, "tree")], TimeSpan.FromSeconds(60));
        Assert.That(exit, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("sub/big"));
        Assert.That(output, Does.Contain(_files["big"].Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task ListsTwoThousandEntriesCompletelyWithoutDuplicates()
    {
        var (exit, output, error) = await ExternalTool.RunAsync(_nfsLs, [NfsFiles.Url(_server, "many")], TimeSpan.FromSeconds(120));
        Assert.That(exit, Is.EqualTo(0), error);
        var names = Names(output).Where(n => n.StartsWith("entry-", StringComparison.Ordinal)).ToList();
        Assert.That(names, Has.Count.EqualTo(2000));
        Assert.That(names.Distinct().Count(), Is.EqualTo(2000));
    }

    [TestCase("f0")]
    [TestCase("f3")]
    [TestCase("f4")]
    public async Task CatReturnsTheBytesWritten(string name)
    {
        var psi = new System.Diagnostics.ProcessStartInfo(_nfsCat) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(NfsFiles.Url(_server, "tree/" + name));
        using var p = System.Diagnostics.Process.Start(psi)!;
        using var ms = new MemoryStream();
        var copy = p.StandardOutput.BaseStream.CopyToAsync(ms);
        var err = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        await copy;
        Assert.That(p.ExitCode, Is.EqualTo(0), await err);
        Assert.That(ms.ToArray(), Is.EqualTo(_files[name]));
    }

    [Test]
    public async Task CopiesALargeFileOutByteIdentical()
    {
        string local = Path.Combine(Path.GetTempPath(), $"libnfs-big-{Guid.NewGuid():N}");
        try
        {
            var (exit, _, error) = await ExternalTool.RunAsync(_nfsCp, [NfsFiles.Url(_server, "tree/sub/big"), local], TimeSpan.FromSeconds(120));
            Assert.That(exit, Is.EqualTo(0), error);
            Assert.That(SHA256.HashData(await File.ReadAllBytesAsync(local)), Is.EqualTo(SHA256.HashData(_files["big"])));
        }
        finally
        {
            File.Delete(local);
        }
    }

    [Test]
    public async Task MissingPathIsAnError()
    {
        var (exit, _, _) = await ExternalTool.RunAsync(_nfsCat, [NfsFiles.Url(_server, "tree/no-such-file")], TimeSpan.FromSeconds(60));
        Assert.That(exit, Is.Not.EqualTo(0));
    }

    /// <summary>The last whitespace-separated field of each line of an nfs-ls listing.</summary>
    private static List<string> Names(string listing) =>
        listing.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Last())
            .ToList();
}
