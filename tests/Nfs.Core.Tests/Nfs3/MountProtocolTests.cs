using Fsal.Memory;
using Nfs.Core.Exports;
using Nfs.Core.Hosting;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Mount;
using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Rpc;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Nfs3;

public sealed class MountProtocolTests : Nfs3Test
{
    [Test]
    public async Task MountOfTheExportPathGivesTheRootHandleAndAuthSys()
    {
        var r = await Mount.MountAsync("/");
        Assert.That(r.Status, Is.EqualTo(MountStat3.Ok));
        Assert.That(r.Flavors, Is.EqualTo(new[] { AuthFlavor.Sys }));
        Assert.That(r.Handle.Length, Is.InRange(1, Nfs3Constants.MaxFileHandleSize));
        var a = await Nfs.GetAttrAsync(r.Handle);
        Assert.That(a.Status, Is.EqualTo(NfsStat3.Ok));
        Assert.That(a.Attributes!.Value.Type, Is.EqualTo(FileType3.Directory));
    }

    [Test]
    public async Task MountOfADirectoryInsideTheExportGivesThatDirectory()
    {
        var sub = await MkdirAsync(Root, "sub");
        await MkdirAsync(sub, "deeper");
        var r = await Mount.MountAsync("/sub/deeper");
        Assert.That(r.Status, Is.EqualTo(MountStat3.Ok));
        var lookup = await Nfs.LookupAsync(sub, "deeper");
        Assert.That(r.Handle, Is.EqualTo(lookup.Handle));
    }

    [TestCase("/missing", MountStat3.NoEnt)]
    [TestCase("relative", MountStat3.NoEnt)]
    [TestCase("/a/../b", MountStat3.NoEnt)]
    [TestCase("/file", MountStat3.NotDir)]
    public async Task MountOfWhatIsNotAnExportedDirectoryFails(string path, MountStat3 expected)
    {
        await CreateFileAsync(Root, "file");
        Assert.That((await Mount.MountAsync(path)).Status, Is.EqualTo(expected));
    }

    [Test]
    public async Task DumpListsMountsUntilUnmounted()
    {
        await MkdirAsync(Root, "x");
        await Mount.MountAsync("/x");
        var dump = await Mount.DumpAsync();
        Assert.That(dump, Is.EquivalentTo(new[] { new MountEntry("127.0.0.1", "/"), new MountEntry("127.0.0.1", "/x") }));
        await Mount.UnmountAsync("/x");
        Assert.That(await Mount.DumpAsync(), Is.EqualTo(new[] { new MountEntry("127.0.0.1", "/") }));
        await Mount.UnmountAllAsync();
        Assert.That(await Mount.DumpAsync(), Is.Empty);
    }

    [Test]
    public async Task ExportListsPathsAndGroups()
    {
        var exports = await Mount.ExportsAsync();
        Assert.That(exports.Select(e => e.Directory), Is.EqualTo(new[] { "/" }));
        Assert.That(exports[0].Groups, Is.Empty, "no groups means every client");
    }

    [Test]
    public async Task VersionFourIsAProgramMismatch()
    {
        var reply = await Nfs.Rpc.CallAsync(MountConstants.Program, 4, 0).WaitAsync(RpcAssert.ReplyTimeout);
        RpcAssert.Accepted(reply, RpcAcceptStatus.ProgramMismatch);
        Assert.That((reply.Header.MismatchLow, reply.Header.MismatchHigh), Is.EqualTo((1u, 3u)));
    }

    [TestCase(1u)]
    [TestCase(2u)]
    public async Task OlderVersionsListExportsAndMountsButRefuseToMount(uint version)
    {
        // What showmount -e and -a send (MOUNT v1): the export list and the mount list.
        await Mount.MountAsync("/");
        var exports = await Nfs.Rpc.CallAsync(MountConstants.Program, version, (uint)MountProcedure.Export).WaitAsync(RpcAssert.ReplyTimeout);
        RpcAssert.Accepted(exports, RpcAcceptStatus.Success);
        Assert.That(exports.Reader.ReadBool(), Is.True, "one export");
        Assert.That(exports.Reader.ReadString(MountConstants.MaxPathLength), Is.EqualTo("/"));
        var dump = await Nfs.Rpc.CallAsync(MountConstants.Program, version, (uint)MountProcedure.Dump).WaitAsync(RpcAssert.ReplyTimeout);
        RpcAssert.Accepted(dump, RpcAcceptStatus.Success);
        Assert.That(dump.Reader.ReadBool(), Is.True, "one mount");
        Assert.That(dump.Reader.ReadString(MountConstants.MaxNameLength), Is.EqualTo("127.0.0.1"));
        var mount = await Nfs.Rpc.CallAsync(MountConstants.Program, version, (uint)MountProcedure.Mount, w => w.WriteString("/")).WaitAsync(RpcAssert.ReplyTimeout);
        RpcAssert.Accepted(mount, RpcAcceptStatus.Success);
        Assert.That(mount.Reader.ReadUInt32(), Is.EqualTo((uint)MountStat3.NotSupp), "no NFSv2 handles");
        Assert.That(mount.Reader.Remaining, Is.Zero);
    }

    [Test]
    public async Task AnUnknownProcedureIsProcUnavail()
    {
        var reply = await Nfs.Rpc.CallAsync(MountConstants.Program, 3, 6).WaitAsync(RpcAssert.ReplyTimeout);
        RpcAssert.Accepted(reply, RpcAcceptStatus.ProcedureUnavailable);
    }

    [Test]
    public async Task APathLongerThanMntPathLenIsGarbage()
    {
        var reply = await Nfs.Rpc.CallAsync(MountConstants.Program, 3, 1, w => w.WriteString(new string('a', 2000))).WaitAsync(RpcAssert.ReplyTimeout);
        RpcAssert.Accepted(reply, RpcAcceptStatus.GarbageArguments);
        await RpcAssert.ServesAsync(Nfs.Rpc);
    }
}

/// <summary>MOUNT with several exports and client networks: no pseudo filesystem in NFSv3.</summary>
public sealed class MountExportRuleTests
{
    private static NfsServerOptions Options(params ExportOptions[] exports)
    {
        var o = TestServer.DefaultOptions();
        o.Exports.Clear();
        o.Exports.AddRange(exports);
        return o;
    }

    [Test]
    public async Task EachExportMountsAtItsPathAndTheRootIsNotAnExport()
    {
        await using var server = TestServer.Start(Options(
            new ExportOptions { Id = 1, PseudoPath = "/a", FileSystem = new MemoryFileSystem(), Squash = SquashMode.None },
            new ExportOptions { Id = 2, PseudoPath = "/b/c", FileSystem = new MemoryFileSystem(), Squash = SquashMode.None, Clients = { "10.0.0.0/8" } }));
        var mount = MountClient.Over(await server.ConnectRpcAsync());
        Assert.That((await mount.MountAsync("/a")).Status, Is.EqualTo(MountStat3.Ok));
        Assert.That((await mount.MountAsync("/")).Status, Is.EqualTo(MountStat3.NoEnt));
        Assert.That((await mount.MountAsync("/b")).Status, Is.EqualTo(MountStat3.NoEnt));
        Assert.That((await mount.MountAsync("/b/c")).Status, Is.EqualTo(MountStat3.Acces), "127.0.0.1 is outside 10.0.0.0/8");
        var exports = await mount.ExportsAsync();
        Assert.That(exports.Select(e => (e.Directory, string.Join(",", e.Groups))), Is.EquivalentTo(new[] { ("/a", ""), ("/b/c", "10.0.0.0/8") }));
    }

    [Test]
    public async Task HandlesOfAnExportTheClientMayNotUseAreRefused()
    {
        var allowed = TestServer.Start(Options(new ExportOptions { Id = 1, PseudoPath = "/", FileSystem = new MemoryFileSystem(), Squash = SquashMode.None }));
        MountResult3 mnt;
        await using (allowed)
        {
            mnt = await MountClient.Over(await allowed.ConnectRpcAsync()).MountAsync("/");
        }
        // The same export id behind a client network that excludes loopback: the handle is refused.
        await using var refused = TestServer.Start(Options(new ExportOptions { Id = 1, PseudoPath = "/", FileSystem = new MemoryFileSystem(), Clients = { "192.0.2.0/24" } }));
        var nfs = Nfs3Client.Over(await refused.ConnectRpcAsync());
        Assert.That((await nfs.GetAttrAsync(mnt.Handle)).Status, Is.EqualTo(NfsStat3.Acces));
    }
}
