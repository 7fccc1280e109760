using System.Text;
using Mono.Unix;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.Protocol.Rpc;
using Nfs.TestClient;

namespace Interop;

/// <summary>
/// The PosixServer sample over a temporary directory: identities reach the disk, the kernel
/// decides permissions, and filehandles survive a server restart.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PosixServerTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDirectory()
    {
        ExternalTool.RequireRoot();
        _dir = Path.Combine(Path.GetTempPath(), "posixserver-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        new UnixDirectoryInfo(_dir).FileAccessPermissions = FileAccessPermissions.AllPermissions;
    }

    [TearDown]
    public void RemoveDirectory()
    {
        if (_dir.Length > 0 && Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static OpaqueAuth User(uint uid, uint gid) => new AuthSysParameters { MachineName = "test", Uid = uid, Gid = gid }.ToOpaqueAuth();

    [Test]
    public async Task FilesCreatedAsAUserAreOwnedByThatUserOnDisk()
    {
        await using var server = await ServerProcess.StartAsync("PosixServer", "--path", _dir);
        await using var client = await Nfs4Client.ConnectAsync(server.EndPoint);
        client.Rpc.Credential = User(1234, 2345);
        await client.EstablishSessionAsync(1);
        await NfsFiles.WriteFileAsync(client, "", "mine.txt", "owned"u8.ToArray());
        var r = await client.CompoundAsync(c => c.PutRootFh().Mkdir("mydir", NfsFiles.ModeAttributes(0x1C0)));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok));

        var file = new UnixFileInfo(Path.Combine(_dir, "mine.txt"));
        Assert.That((file.OwnerUserId, file.OwnerGroupId), Is.EqualTo((1234L, 2345L)));
        var dir = new UnixFileInfo(Path.Combine(_dir, "mydir"));
        Assert.That((dir.OwnerUserId, (int)dir.FileAccessPermissions & 0xFFF), Is.EqualTo((1234L, 0x1C0)));
        Assert.That(await File.ReadAllTextAsync(file.FullName), Is.EqualTo("owned"));
    }

    [Test]
    public async Task TheKernelRefusesWhatModesForbid()
    {
        var secret = Path.Combine(_dir, "secret");
        await File.WriteAllTextAsync(secret, "x");
        var info = new UnixFileInfo(secret);
        info.SetOwner(1000, 1000);
        info.FileAccessPermissions = FileAccessPermissions.UserRead | FileAccessPermissions.UserWrite;
        var closed = Path.Combine(_dir, "closed");
        Directory.CreateDirectory(closed);
        var closedInfo = new UnixDirectoryInfo(closed);
        closedInfo.SetOwner(1000, 1000);
        closedInfo.FileAccessPermissions = FileAccessPermissions.UserReadWriteExecute;

        await using var server = await ServerProcess.StartAsync("PosixServer", "--path", _dir);
        await using var client = await Nfs4Client.ConnectAsync(server.EndPoint);
        await client.EstablishSessionAsync(1);
        var other = User(1001, 1001);
        var read = await client.CompoundAsync(c => c.PutRootFh().Lookup("secret").Read(StateId4.Anonymous, 0, 10), other);
        Assert.That(read.Status, Is.EqualTo(NfsStat4.Access), "another user may not read a 0600 file");
        var create = await client.CompoundAsync(c => c.PutRootFh().Lookup("closed").Mkdir("x"), other);
        Assert.That(create.Status, Is.EqualTo(NfsStat4.Access), "nor create in a 0700 directory");
        var owner = User(1000, 1000);
        var ownRead = await client.CompoundAsync(c => c.PutRootFh().Lookup("secret").Read(StateId4.Anonymous, 0, 10), owner);
        Assert.That(ownRead.Status, Is.EqualTo(NfsStat4.Ok), "its owner may");
        Assert.That(Directory.Exists(Path.Combine(closed, "x")), Is.False);
    }

    [Test]
    public async Task AFilehandleFromBeforeARestartStillWorks()
    {
        byte[] handle;
        ulong fileId;
        await using (var server = await ServerProcess.StartAsync("PosixServer", "--path", _dir))
        {
            await using var client = await Nfs4Client.ConnectAsync(server.EndPoint);
            await client.EstablishSessionAsync(1);
            await NfsFiles.WriteFileAsync(client, "", "kept.txt", "survives"u8.ToArray());
            var r = await client.CompoundAsync(c => c.PutRootFh().Lookup("kept.txt").GetFh().GetAttr(Nfs4Attribute.Fileid));
            handle = r.FileHandle;
            fileId = FileIdOf(r);
        }
        await using (var server = await ServerProcess.StartAsync("PosixServer", "--path", _dir))
        {
            await using var client = await Nfs4Client.ConnectAsync(server.EndPoint);
            await client.EstablishSessionAsync(1);
            var r = await client.CompoundAsync(c => c.PutFh(handle).GetAttr(Nfs4Attribute.Fileid).Read(StateId4.Anonymous, 0, 100));
            Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok));
            Assert.That(FileIdOf(r), Is.EqualTo(fileId));
            Assert.That(Encoding.UTF8.GetString(ReadResult.Decode(r.Last(NfsOp4.Read).Reader).Data.Span), Is.EqualTo("survives"));
        }
    }

    [TestCase(200, 400)] // attributes cached for 200 ms: stale once that time has passed
    [TestCase(0, 0)]     // no attribute cache: stale at once
    public async Task AFilehandleOfAFileRemovedByAnotherProcessBecomesStale(int cacheMilliseconds, int waitMilliseconds)
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "gone"), "x");
        await using var server = await ServerProcess.StartAsync("PosixServer", "--path", _dir, $"--Posix:AttributeCacheMilliseconds={cacheMilliseconds}");
        await using var client = await Nfs4Client.ConnectAsync(server.EndPoint);
        await client.EstablishSessionAsync(1);
        var r = await client.CompoundAsync(c => c.PutRootFh().Lookup("gone").GetFh());
        var handle = r.FileHandle;
        File.Delete(Path.Combine(_dir, "gone"));
        await Task.Delay(waitMilliseconds);
        var after = await client.CompoundAsync(c => c.PutFh(handle).GetAttr(Nfs4Attribute.Size));
        Assert.That(after.Status, Is.EqualTo(NfsStat4.Stale));
    }

    [Test]
    public async Task AFileRemovedThroughTheServerIsStaleAtOnce()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "gone"), "x");
        await using var server = await ServerProcess.StartAsync("PosixServer", "--path", _dir);
        await using var client = await Nfs4Client.ConnectAsync(server.EndPoint);
        await client.EstablishSessionAsync(1);
        var r = await client.CompoundAsync(c => c.PutRootFh().Lookup("gone").GetFh().GetAttr(Nfs4Attribute.Size));
        var handle = r.FileHandle;
        Assert.That((await client.CompoundAsync(c => c.PutRootFh().Remove("gone"))).Status, Is.EqualTo(NfsStat4.Ok));
        var after = await client.CompoundAsync(c => c.PutFh(handle).GetAttr(Nfs4Attribute.Size));
        Assert.That(after.Status, Is.EqualTo(NfsStat4.Stale));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task LargeReadsAreByteIdenticalWithAndWithoutZeroCopy(bool zeroCopy)
    {
        var data = NfsFiles.Content(5 * 1024 * 1024 + 123, 3);
        await File.WriteAllBytesAsync(Path.Combine(_dir, "big.bin"), data);
        await using var server = await ServerProcess.StartAsync("PosixServer", "--path", _dir, $"--Nfs:Transport:ZeroCopyReads={zeroCopy}");
        await using var client = await Nfs4Client.ConnectAsync(server.EndPoint);
        await client.EstablishSessionAsync(1);
        var (fh, stateId) = await client.OpenAsync("", "big.bin", create: false, access: OpenShare4.AccessRead);
        var read = new byte[data.Length];
        int at = 0;
        bool eof = false;
        while (!eof)
        {
            // READ then GETATTR: the data sits in the middle of the reply record.
            var r = await client.CompoundAsync(c => c.PutFh(fh).Read(stateId, (ulong)at, 1 << 20).GetAttr(Nfs4Attribute.Size));
            Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok));
            var result = ReadResult.Decode(r.Last(NfsOp4.Read).Reader);
            result.Data.Span.CopyTo(read.AsSpan(at));
            at += result.Data.Length;
            eof = result.Eof;
            Assert.That(at, Is.LessThanOrEqualTo(data.Length));
        }
        Assert.That(at, Is.EqualTo(data.Length));
        Assert.That(read, Is.EqualTo(data));
        // Without open state, across the end of file: the data up to it, and EOF.
        var anonymous = await client.CompoundAsync(c => c.PutFh(fh).Read(StateId4.Anonymous, 4 * 1024 * 1024 + 200_000, 1 << 20));
        var tail = ReadResult.Decode(anonymous.Last(NfsOp4.Read).Reader);
        Assert.That((tail.Data.Length, tail.Eof), Is.EqualTo((1024 * 1024 + 123 - 200_000, true)));
        Assert.That(tail.Data.ToArray(), Is.EqualTo(data[(4 * 1024 * 1024 + 200_000)..]));
    }

    [Test]
    public async Task LargeReadsInFlightTogetherAreByteIdentical()
    {
        // Sixteen 1 MiB replies at once overflow the socket's send buffer, so sendfile stops
        // part-way and the rest of a range goes through the copying path.
        var data = NfsFiles.Content(8 * 1024 * 1024, 5);
        await File.WriteAllBytesAsync(Path.Combine(_dir, "wide.bin"), data);
        await using var server = await ServerProcess.StartAsync("PosixServer", "--path", _dir);
        await using var client = await Nfs4Client.ConnectAsync(server.EndPoint);
        await client.EstablishSessionAsync(1, slots: 32);
        var (fh, stateId) = await client.OpenAsync("", "wide.bin", create: false, access: OpenShare4.AccessRead);
        for (int round = 0; round < 4; round++)
        {
            var offsets = Enumerable.Range(0, 16).Select(i => (i * 487 * 1024 + round * 4096) % (7 * 1024 * 1024)).ToArray();
            var replies = await Task.WhenAll(offsets.Select(o => client.CompoundAsync(c => c.PutFh(fh).Read(stateId, (ulong)o, 1 << 20).GetAttr(Nfs4Attribute.Size))));
            for (int i = 0; i < offsets.Length; i++)
            {
                Assert.That(replies[i].Status, Is.EqualTo(NfsStat4.Ok));
                var result = ReadResult.Decode(replies[i].Last(NfsOp4.Read).Reader);
                Assert.That(result.Data.ToArray(), Is.EqualTo(data.AsSpan(offsets[i], 1 << 20).ToArray()), $"read at {offsets[i]}");
            }
        }
    }

    private static ulong FileIdOf(CompoundReply r)
    {
        var attrs = Fattr4.Decode(r.Last(NfsOp4.Getattr).Reader);
        return new Nfs.Protocol.Xdr.XdrReader(attrs.Values).ReadUInt64();
    }
}
