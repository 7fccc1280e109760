using Mono.Unix;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nlm;
using Nfs.TestClient;

namespace Interop;

/// <summary>
/// NLM locks on the PosixServer sample reach the kernel as OFD locks: a local process sees an
/// NFSv3 client's lock, and an NFSv3 client sees (and waits for) a local process's lock.
/// </summary>
[TestFixture]
[NonParallelizable]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PosixNlmTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDirectory()
    {
        ExternalTool.RequireRoot();
        _dir = Path.Combine(Path.GetTempPath(), "posixnlm-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        new UnixDirectoryInfo(_dir).FileAccessPermissions = FileAccessPermissions.AllPermissions;
    }

    [TearDown]
    public void RemoveDirectory()
    {
        if (_dir.Length > 0 && Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static async Task<byte[]> CreateAsync(ServerProcess server, string name)
    {
        await using var v4 = await Nfs4Client.ConnectAsync(server.EndPoint);
        await v4.EstablishSessionAsync(1);
        await NfsFiles.WriteFileAsync(v4, "", name, new byte[100]);
        var r = await v4.CompoundAsync(c => c.PutRootFh().Lookup(name).GetFh());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok));
        return r.FileHandle;
    }

    /// <summary>Whether a local process can take a classic POSIX write lock (which conflicts with OFD locks) on a range.</summary>
    private bool LocalProcessCanLock(string name, long offset, long length)
    {
        using var local = new FileStream(Path.Combine(_dir, name), FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        try
        {
            local.Lock(offset, length);
        }
        catch (IOException)
        {
            return false;
        }
        local.Unlock(offset, length);
        return true;
    }

    [Test]
    public async Task NLM_lock_is_visible_to_a_local_process()
    {
        await using var server = await ServerProcess.StartAsync("PosixServer", "--path", _dir);
        var fh = await CreateAsync(server, "f");
        await using var nlm = await Nlm4Client.ConnectAsync(server.EndPoint, "v3host");
        Assert.That(await nlm.LockAsync(nlm.Lock(fh, 1, 0, 50), exclusive: true), Is.EqualTo(Nlm4Stats.Granted));
        Assert.That(LocalProcessCanLock("f", 10, 5), Is.False);
        Assert.That(LocalProcessCanLock("f", 50, 5), Is.True);
        Assert.That(await nlm.UnlockAsync(nlm.Lock(fh, 1, 0, 50)), Is.EqualTo(Nlm4Stats.Granted));
        Assert.That(LocalProcessCanLock("f", 10, 5), Is.True);
    }

    [Test]
    public async Task Local_process_lock_is_seen_by_TEST_and_a_blocked_LOCK_is_granted_once_it_goes()
    {
        await using var host = NlmClientHost.Start();
        await using var server = await ServerProcess.StartAsync("PosixServer", "--path", _dir,
            $"--Nfs:Nlm:PortmapperPort={host.Port}", "--Nfs:Nlm:BlockedRetrySeconds=1");
        var fh = await CreateAsync(server, "g");
        await using var nlm = await Nlm4Client.ConnectAsync(server.EndPoint, "v3host");
        using (var local = new FileStream(Path.Combine(_dir, "g"), FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            local.Lock(0, 20);
            var t = await nlm.TestAsync(nlm.Lock(fh, 1, 5, 1), exclusive: false);
            Assert.That(t.Stat, Is.EqualTo(Nlm4Stats.Denied));
            Assert.That((t.Holder.Exclusive, t.Holder.Offset, t.Holder.Length), Is.EqualTo((true, 0UL, 20UL)));
            Assert.That(await nlm.LockAsync(nlm.Lock(fh, 1, 5, 10), exclusive: true), Is.EqualTo(Nlm4Stats.Denied));
            Assert.That(await nlm.LockAsync(nlm.Lock(fh, 1, 5, 10), exclusive: true, block: true), Is.EqualTo(Nlm4Stats.Blocked));
            local.Unlock(0, 20);
        }
        // Nothing in the server saw the local unlock: the periodic retry finds the range free.
        var granted = await host.WaitForAsync<Nlm4TestArgs>(NlmProcedure.Granted, null, TimeSpan.FromSeconds(30));
        Assert.That((granted.Lock.Offset, granted.Lock.Length), Is.EqualTo((5UL, 10UL)));
        Assert.That(LocalProcessCanLock("g", 5, 1), Is.False);
    }
}
