using Nfs.Core.Exports;
using Nfs.Core.Hosting;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs3;

namespace Nfs.Core.Tests.Nfs3;

/// <summary>A read-only export: reads work, every modification is ROFS, ACCESS grants no modifying right.</summary>
public sealed class Nfs3ReadOnlyExportTests : Nfs3Test
{
    protected override void Configure(NfsServerOptions options) => options.Exports[0].ReadOnly = true;

    [Test]
    public async Task ModificationsAreReadOnlyFilesystemErrors()
    {
        Assert.That((await Nfs.CreateAsync(Root, "f")).Status, Is.EqualTo(NfsStat3.RoFs));
        Assert.That((await Nfs.MkdirAsync(Root, "d")).Status, Is.EqualTo(NfsStat3.RoFs));
        Assert.That((await Nfs.SymlinkAsync(Root, "l", "x")).Status, Is.EqualTo(NfsStat3.RoFs));
        Assert.That((await Nfs.SetAttrAsync(Root, new Sattr3(Mode: 0x1FF))).Status, Is.EqualTo(NfsStat3.RoFs));
        Assert.That((await Nfs.RemoveAsync(Root, "x")).Status, Is.EqualTo(NfsStat3.RoFs));
        Assert.That((await Nfs.RenameAsync(Root, "x", Root, "y")).Status, Is.EqualTo(NfsStat3.RoFs));
        Assert.That((await Nfs.GetAttrAsync(Root)).Status, Is.EqualTo(NfsStat3.Ok));
        Assert.That((await Nfs.ListAllAsync(Root)).Count, Is.EqualTo(2));
        var access = await Nfs.AccessAsync(Root, Access3.All);
        Assert.That(access.Access & (Access3.Modify | Access3.Extend | Access3.Delete), Is.EqualTo(Access3.None));
        Assert.That(access.Access & Access3.Lookup, Is.EqualTo(Access3.Lookup));
    }
}

/// <summary>Squashing applies to NFSv3 callers as to NFSv4 ones.</summary>
public sealed class Nfs3SquashTests : Nfs3Test
{
    protected override void Configure(NfsServerOptions options)
    {
        options.Exports[0].Squash = SquashMode.All;
        options.Exports[0].AnonymousUid = 4321;
        options.Exports[0].AnonymousGid = 4322;
    }

    [Test]
    public async Task EveryCallerCreatesAsTheAnonymousIdentity()
    {
        Nfs.Credential = Credentials.Sys(1000);
        var r = await Nfs.CreateAsync(Root, "f");
        Assert.That(r.Status, Is.EqualTo(NfsStat3.Ok));
        Assert.That((r.Attributes!.Value.Uid, r.Attributes!.Value.Gid), Is.EqualTo((4321u, 4322u)));
    }
}

/// <summary>Root squashing maps uid 0 to nobody, which may not change a root-owned file.</summary>
public sealed class Nfs3RootSquashTests : Nfs3Test
{
    protected override void Configure(NfsServerOptions options) => options.Exports[0].Squash = SquashMode.None;

    [Test]
    public async Task RootSquashedCannotChmodARootFile()
    {
        var fh = await CreateFileAsync(Root, "f");
        await using var squashed = TestServer.Start(o => { o.Exports[0] = new ExportOptions { Id = 1, PseudoPath = "/", FileSystem = Server.Options.Exports[0].FileSystem, Squash = SquashMode.Root }; });
        var nfs = TestClient.Nfs3Client.Over(await squashed.ConnectRpcAsync());
        Assert.That((await nfs.SetAttrAsync(fh, new Sattr3(Mode: 0x1FF))).Status, Is.EqualTo(NfsStat3.Perm));
    }
}
