using System.Text;
using Mono.Unix;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.Protocol.Rpc;
using Nfs.TestClient;

namespace Interop;

/// <summary>
/// The GlusterServer sample in front of a real volume: identities reach the brick, data written
/// through NFS lies on the brick byte for byte, filehandles survive a restart, and two gateways
/// in front of one volume hand out the same filehandles and see each other's locks.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class GlusterServerTests
{
    private string _dir = "";

    [SetUp]
    public async Task BringUpVolume()
    {
        await GlusterVolume.EnsureUpAsync();
        _dir = "t-" + Guid.NewGuid().ToString("N");
    }

    private static OpaqueAuth User(uint uid, uint gid) => new AuthSysParameters { MachineName = "test", Uid = uid, Gid = gid }.ToOpaqueAuth();

    private static Task<ServerProcess> StartGatewayAsync(params string[] more) => ServerProcess.StartAsync("GlusterServer", GlusterVolume.ServerArguments(more));

    private static async Task<Nfs4Client> SessionAsync(ServerProcess server, string id)
    {
        var client = await Nfs4Client.ConnectAsync(server.EndPoint);
        await client.EstablishSessionAsync(1, id);
        return client;
    }

    [Test]
    public async Task FilesWrittenAsAUserLieOnTheBrickWithThatOwnerAndTheseBytes()
    {
        await using var server = await StartGatewayAsync();
        await using var client = await SessionAsync(server, "owner-test");
        await NfsFiles.MkdirAsync(client, _dir);
        Nfs4Client.Expect(await client.CompoundAsync(c => c.PutRootFh().Lookup(_dir).SetAttr(StateId4.Anonymous, NfsFiles.ModeAttributes(0x1FF))), NfsStat4.Ok);
        client.Rpc.Credential = User(1234, 2345);
        var data = NfsFiles.Content(3 * 1024 * 1024 + 5, 11);
        await NfsFiles.WriteFileAsync(client, _dir, "mine.bin", data);
        var r = await client.CompoundAsync(c => c.PutRootFh().Lookup(_dir).Mkdir("mydir", NfsFiles.ModeAttributes(0x1C0)));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok));
        Nfs4Client.Expect(await client.CompoundAsync(c => c.PutRootFh().Lookup(_dir).Lookup("mine.bin").Commit(0, 0)), NfsStat4.Ok);

        var file = new UnixFileInfo(Path.Combine(GlusterVolume.Brick, _dir, "mine.bin"));
        Assert.That((file.OwnerUserId, file.OwnerGroupId), Is.EqualTo((1234L, 2345L)));
        Assert.That(await File.ReadAllBytesAsync(file.FullName), Is.EqualTo(data), "bytes on the brick");
        var dir = new UnixFileInfo(Path.Combine(GlusterVolume.Brick, _dir, "mydir"));
        Assert.That((dir.OwnerUserId, (int)dir.FileAccessPermissions & 0xFFF), Is.EqualTo((1234L, 0x1C0)));
    }

    [Test]
    public async Task TheBricksRefuseWhatModesForbid()
    {
        await using var server = await StartGatewayAsync();
        await using var client = await SessionAsync(server, "modes-test");
        await NfsFiles.MkdirAsync(client, _dir);
        Nfs4Client.Expect(await client.CompoundAsync(c => c.PutRootFh().Lookup(_dir).SetAttr(StateId4.Anonymous, NfsFiles.ModeAttributes(0x1FF))), NfsStat4.Ok);
        var owner = User(1000, 1000);
        client.Rpc.Credential = owner;
        Nfs4Client.Expect(await client.CompoundAsync(c => c.PutRootFh().Lookup(_dir).Mkdir("closed", NfsFiles.ModeAttributes(0x1C0))), NfsStat4.Ok);
        var other = User(1001, 1001);
        var create = await client.CompoundAsync(c => c.PutRootFh().Lookup(_dir).Lookup("closed").Mkdir("x"), other);
        Assert.That(create.Status, Is.EqualTo(NfsStat4.Access), "another user may not create in a 0700 directory");
        var own = await client.CompoundAsync(c => c.PutRootFh().Lookup(_dir).Lookup("closed").Mkdir("x"), owner);
        Assert.That(own.Status, Is.EqualTo(NfsStat4.Ok), "its owner may");
        Assert.That(Directory.Exists(Path.Combine(GlusterVolume.Brick, _dir, "closed", "x")), Is.True);
    }

    [Test]
    public async Task AFilehandleFromBeforeARestartStillWorks()
    {
        byte[] handle;
        await using (var server = await StartGatewayAsync())
        {
            await using var client = await SessionAsync(server, "restart-1");
            await NfsFiles.MkdirAsync(client, _dir);
            await NfsFiles.WriteFileAsync(client, _dir, "kept.txt", "survives"u8.ToArray());
            handle = (await client.CompoundAsync(c => c.PutRootFh().Lookup(_dir).Lookup("kept.txt").GetFh())).FileHandle;
        }
        await using (var server = await StartGatewayAsync())
        {
            await using var client = await SessionAsync(server, "restart-2");
            var r = await client.CompoundAsync(c => c.PutFh(handle).Read(StateId4.Anonymous, 0, 100));
            Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok));
            Assert.That(Encoding.UTF8.GetString(ReadResult.Decode(r.Last(NfsOp4.Read).Reader).Data.Span), Is.EqualTo("survives"));
        }
    }

    [Test]
    public async Task TwoGatewaysHandOutTheSameFilehandlesAndSeeEachOthersLocks()
    {
        await using var first = await StartGatewayAsync();
        await using var second = await StartGatewayAsync();
        Assert.That(second.Port, Is.Not.EqualTo(first.Port));
        await using var a = await SessionAsync(first, "gateway-a-client");
        await using var b = await SessionAsync(second, "gateway-b-client");

        await NfsFiles.MkdirAsync(a, _dir);
        await NfsFiles.WriteFileAsync(a, _dir, "shared.txt", "written through the first gateway"u8.ToArray());
        var viaA = await a.CompoundAsync(c => c.PutRootFh().Lookup(_dir).Lookup("shared.txt").GetFh());
        var viaB = await b.CompoundAsync(c => c.PutRootFh().Lookup(_dir).Lookup("shared.txt").GetFh());
        Assert.That(viaB.FileHandle, Is.EqualTo(viaA.FileHandle), "the same filehandle from both gateways");
        var read = await b.CompoundAsync(c => c.PutFh(viaA.FileHandle).Read(StateId4.Anonymous, 0, 100));
        Assert.That(Encoding.UTF8.GetString(ReadResult.Decode(read.Last(NfsOp4.Read).Reader).Data.Span), Is.EqualTo("written through the first gateway"));

        var (fhA, openA) = await a.OpenAsync(_dir, "shared.txt", create: false);
        var (fhB, openB) = await b.OpenAsync(_dir, "shared.txt", create: false);
        var ownerA = new StateOwner4(a.ClientId, "lock-owner-a"u8.ToArray());
        var ownerB = new StateOwner4(b.ClientId, "lock-owner-b"u8.ToArray());
        var lockA = await a.CompoundAsync(c => c.PutFh(fhA).Lock(new LockArgs(NfsLockType4.Write, false, 0, 100, true, 0, openA, 0, ownerA, default)));
        Assert.That(lockA.Status, Is.EqualTo(NfsStat4.Ok), "the first gateway grants the lock");
        var lockStateA = StateId4.Decode(lockA.Last(NfsOp4.Lock).Reader);

        var conflicting = await b.CompoundAsync(c => c.PutFh(fhB).Lock(new LockArgs(NfsLockType4.Write, false, 50, 10, true, 0, openB, 0, ownerB, default)));
        Assert.That(conflicting.Status, Is.EqualTo(NfsStat4.Denied), "the second gateway sees the first one's lock");
        var test = await b.CompoundAsync(c => c.PutFh(fhB).LockT(new LockTArgs(NfsLockType4.Read, 0, 10, ownerB)));
        Assert.That(test.Status, Is.EqualTo(NfsStat4.Denied), "LOCKT too");
        var beyond = await b.CompoundAsync(c => c.PutFh(fhB).Lock(new LockArgs(NfsLockType4.Write, false, 100, 10, true, 0, openB, 0, ownerB, default)));
        Assert.That(beyond.Status, Is.EqualTo(NfsStat4.Ok), "a range that does not overlap is free");
        var lockStateB = StateId4.Decode(beyond.Last(NfsOp4.Lock).Reader);

        Nfs4Client.Expect(await a.CompoundAsync(c => c.PutFh(fhA).LockU(new LockUArgs(NfsLockType4.Write, 0, lockStateA, 0, 100))), NfsStat4.Ok);
        var after = await b.CompoundAsync(c => c.PutFh(fhB).Lock(new LockArgs(NfsLockType4.Write, false, 50, 10, false, 0, default, 0, default, lockStateB)));
        Assert.That(after.Status, Is.EqualTo(NfsStat4.Ok), "once unlocked through the first gateway, the second grants it");
    }

    [Test]
    public async Task AChangeThroughAnotherGatewayRecallsADelegation()
    {
        await using var first = await StartGatewayAsync();
        await using var second = await StartGatewayAsync();
        var callbacks = new Nfs4CallbackServer();
        await using var holder = await Nfs4Client.ConnectAsync(first.EndPoint);
        holder.ServeCallbacks(callbacks);
        await holder.EstablishSessionAsync(1, "delegation-holder", backChannel: true);
        await using var writer = await SessionAsync(second, "other-gateway-writer");

        await NfsFiles.MkdirAsync(holder, _dir);
        await NfsFiles.WriteFileAsync(holder, _dir, "watched.txt", "before"u8.ToArray());
        const uint wantRead = 0x0100, wantWrite = 0x0200;
        var read = await OpenWithWantAsync(holder, "watched.txt", OpenShare4.AccessRead | wantRead, "reader");
        var delegation = OpenDelegation.Of(read);
        Assert.That(delegation.Type, Is.EqualTo(OpenDelegationType4.Read), $"a read delegation is granted ({delegation})");
        var write = OpenDelegation.Of(await OpenWithWantAsync(holder, "watched.txt", OpenShare4.AccessBoth | wantWrite, "writer"));
        Assert.That(write.Granted, Is.False, "no write delegation on storage other gateways share");

        await NfsFiles.WriteFileAsync(writer, _dir, "watched.txt", "after, through the second gateway"u8.ToArray());
        var compound = await callbacks.WaitForAsync(c => c.Find<CbRecallRequest>() is not null, TimeSpan.FromSeconds(15));
        Assert.That(compound.Find<CbRecallRequest>()!.Args.StateId, Is.EqualTo(delegation.StateId), "the first gateway recalls its delegation");
    }

    private async Task<CompoundReply> OpenWithWantAsync(Nfs4Client client, string name, uint access, string owner)
    {
        var args = new OpenArgs(0, access, OpenShare4.DenyNone, new StateOwner4(client.ClientId, Encoding.UTF8.GetBytes(owner)),
            OpenType4.NoCreate, CreateMode4.Unchecked, new Fattr4(Bitmap4.Empty, Array.Empty<byte>()),
            default, OpenClaimType4.Null, Encoding.UTF8.GetBytes(name), default, default);
        return await client.CompoundAsync(c => c.PutRootFh().Lookup(_dir).Open(args).GetFh());
    }
}
