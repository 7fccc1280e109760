using Fsal.Memory;
using Nfs.Core.Exports;
using Nfs.Core.Hosting;
using Nfs.Core.Nfs4;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;

namespace Nfs.Core.Tests.Exports;

/// <summary>Exports limited to client networks: invisible and unusable to other clients.</summary>
public sealed class ExportClientAccessTests : ServerTest
{
    protected override void Configure(NfsServerOptions options)
    {
        options.Exports.Clear();
        options.Exports.Add(new ExportOptions { Id = 1, PseudoPath = "/open", FileSystem = new MemoryFileSystem(), Squash = SquashMode.None });
        options.Exports.Add(new ExportOptions { Id = 2, PseudoPath = "/hidden", FileSystem = new MemoryFileSystem(), Clients = { "10.0.0.0/8", "::1/128" } });
        options.Exports.Add(new ExportOptions { Id = 3, PseudoPath = "/allowed", FileSystem = new MemoryFileSystem(), Clients = { "10.0.0.0/8", "127.0.0.0/8" } });
        options.Exports.Add(new ExportOptions { Id = 4, PseudoPath = "/deep/hidden", FileSystem = new MemoryFileSystem(), Clients = { "192.168.1.1" } });
    }

    private byte[] ExportRootHandle(ushort id)
    {
        Assert.That(Server.Server.Exports.TryGet(id, out var export), Is.True);
        var handle = default(NfsFileHandle);
        FileHandleCodec.Encode(export, export.FileSystem.Root, ref handle);
        return handle.Span.ToArray();
    }

    [Test]
    public async Task Export_excluding_the_client_is_not_listed()
    {
        var r = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().ReadDir(0, 8192, Bitmap4.Empty));
        var names = ReadDirResult.Decode(r.Last(NfsOp4.Readdir).Reader).Entries.Select(e => e.Name).ToList();
        Assert.That(names, Does.Contain("open").And.Contain("allowed"));
        Assert.That(names, Does.Not.Contain("hidden"));
    }

    [Test]
    public async Task Export_excluding_the_client_is_NOENT_to_LOOKUP()
    {
        Assert.That((await CompoundAsync(c => c.PutRootFh().Lookup("hidden"))).Status, Is.EqualTo(NfsStat4.Noent));
        Assert.That((await CompoundAsync(c => c.PutRootFh().Lookup("deep").Lookup("hidden"))).Status, Is.EqualTo(NfsStat4.Noent));
    }

    [Test]
    public async Task Export_including_the_client_network_is_usable()
    {
        await Session.CreateFileAsync("allowed/f");
        Assert.That((await CompoundAsync(c => c.PutRootFh().Lookup("allowed").Lookup("f"))).Status, Is.EqualTo(NfsStat4.Ok));
    }

    [TestCase((ushort)2)]
    [TestCase((ushort)4)]
    public async Task Handle_of_an_export_excluding_the_client_is_refused(ushort exportId)
    {
        var fh = ExportRootHandle(exportId);
        var r = await CompoundAsync(c => c.PutFh(fh).GetAttr(Nfs4Attribute.Type));
        Assert.That(r.Status, Is.AnyOf(NfsStat4.Access, NfsStat4.Stale, NfsStat4.Wrongsec, NfsStat4.Perm), r.Describe());
    }

    [Test]
    public async Task Handle_of_an_export_including_the_client_is_accepted()
    {
        var fh = ExportRootHandle(3);
        Assert.That((await CompoundAsync(c => c.PutFh(fh).GetAttr(Nfs4Attribute.Type))).Status, Is.EqualTo(NfsStat4.Ok));
    }
}
