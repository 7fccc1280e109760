using System.Security.Cryptography;
using Nfs.Protocol.Mount;
using Nfs.Protocol.Nfs3;
using Nfs.TestClient;

namespace Interop;

/// <summary>
/// libnfs (Debian libnfs-utils) over NFSv3 and MOUNT v3 against the MemoryServer sample, MOUNT
/// on its own port: a 100 MiB random file copied in and out byte-identical, and a directory of
/// 10,000 entries listed completely without duplicates.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class LibnfsNfs3Tests
{
    private const int ManyEntries = 10_000;
    private ServerProcess _server = null!;
    private string _nfsLs = null!, _nfsCp = null!, _nfsCat = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _nfsLs = ExternalTool.Require(ExternalTool.Find("nfs-ls"), "libnfs-utils (nfs-ls)");
        _nfsCp = ExternalTool.Require(ExternalTool.Find("nfs-cp"), "libnfs-utils (nfs-cp)");
        _nfsCat = ExternalTool.Require(ExternalTool.Find("nfs-cat"), "libnfs-utils (nfs-cat)");
        _server = await ServerProcess.StartAsync("MemoryServer", "--mount-port", "0");
        await using var mount = await MountClient.ConnectAsync(_server.MountEndPoint!);
        var root = (await mount.MountAsync("/")).Handle;
        await using var nfs = await Nfs3Client.ConnectAsync(_server.EndPoint);
        Assert.That((await nfs.MkdirAsync(root, "copies", new Sattr3(Mode: 0x1FF))).Status, Is.EqualTo(NfsStat3.Ok));
        var small = await nfs.MkdirAsync(root, "small", new Sattr3(Mode: 0x1FF));
        var f = await nfs.CreateAsync(small.Handle, "hello.txt", CreateMode3.Guarded, new Sattr3(Mode: 0x1A4));
        await nfs.WriteAsync(f.Handle, 0, "hello over NFSv3\n"u8.ToArray());
        var many = (await nfs.MkdirAsync(root, "many", new Sattr3(Mode: 0x1ED))).Handle;
        for (int start = 0; start < ManyEntries; start += 500)
        {
            var batch = Enumerable.Range(start, 500).Select(i => nfs.CreateAsync(many, $"entry-{i:D5}", CreateMode3.Guarded, new Sattr3(Mode: 0x1A4)));
            foreach (var r in await Task.WhenAll(batch)) Assert.That(r.Status, Is.EqualTo(NfsStat3.Ok));
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    [Test]
    public async Task CopiesAHundredMebibyteFileInAndOutByteIdentical()
    {
        string local = Path.Combine(Path.GetTempPath(), $"libnfs3-in-{Guid.NewGuid():N}");
        string back = Path.Combine(Path.GetTempPath(), $"libnfs3-out-{Guid.NewGuid():N}");
        try
        {
            var data = new byte[100 * 1024 * 1024];
            Random.Shared.NextBytes(data);
            await File.WriteAllBytesAsync(local, data);
            var (exit, _, error) = await ExternalTool.RunAsync(_nfsCp, [local, NfsFiles.Url3(_server, "copies/big.bin")], TimeSpan.FromMinutes(5));
            Assert.That(exit, Is.EqualTo(0), $"copy in: {error}");
            (exit, _, error) = await ExternalTool.RunAsync(_nfsCp, [NfsFiles.Url3(_server, "copies/big.bin"), back], TimeSpan.FromMinutes(5));
            Assert.That(exit, Is.EqualTo(0), $"copy out: {error}");
            Assert.That(new FileInfo(back).Length, Is.EqualTo(data.Length));
            Assert.That(SHA256.HashData(await File.ReadAllBytesAsync(back)), Is.EqualTo(SHA256.HashData(data)));
        }
        finally
        {
            File.Delete(local);
            File.Delete(back);
        }
    }

    [Test]
    public async Task ListsTenThousandEntriesCompletelyWithoutDuplicates()
    {
        var (exit, output, error) = await ExternalTool.RunAsync(_nfsLs, [NfsFiles.Url3(_server, "many")], TimeSpan.FromMinutes(3));
        Assert.That(exit, Is.EqualTo(0), error);
        var names = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Last())
            .Where(n => n.StartsWith("entry-", StringComparison.Ordinal))
            .ToList();
        Assert.That(names, Has.Count.EqualTo(ManyEntries));
        Assert.That(names.Distinct().Count(), Is.EqualTo(ManyEntries));
    }

    [Test]
    public async Task CatReadsWhatTheProjectsClientWrote()
    {
        var psi = new System.Diagnostics.ProcessStartInfo(_nfsCat) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(NfsFiles.Url3(_server, "small/hello.txt"));
        using var p = System.Diagnostics.Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var err = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.That(p.ExitCode, Is.EqualTo(0), await err);
        Assert.That(await output, Is.EqualTo("hello over NFSv3\n"));
    }

    [Test]
    public async Task MountOfAMissingPathIsAnError()
    {
        var (exit, _, error) = await ExternalTool.RunAsync(_nfsLs, [NfsFiles.Url3(_server, "no/such/dir")], TimeSpan.FromSeconds(60));
        Assert.That(exit, Is.Not.EqualTo(0));
        Assert.That(error, Does.Contain("MNT3ERR_NOENT"));
    }
}
