using Fsal.Memory;
using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Core.Hosting;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Tests.Exports;

/// <summary>The pseudo filesystem joining exports at /a/b and /c (RFC 7530 section 7).</summary>
public sealed class PseudoFileSystemTests : ServerTest
{
    private readonly MemoryFileSystem _ab = new();
    private readonly MemoryFileSystem _c = new();

    protected override void Configure(NfsServerOptions options)
    {
        options.Exports.Clear();
        options.Exports.Add(new ExportOptions { Id = 1, PseudoPath = "/a/b", FileSystem = _ab, Squash = SquashMode.None });
        options.Exports.Add(new ExportOptions { Id = 2, PseudoPath = "/c", FileSystem = _c, Squash = SquashMode.None });
    }

    private async Task<ReadDirResult> ListAsync(string path, params int[] attrs)
    {
        var r = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().LookupPath(path).ReadDir(0, 8192, Bitmap4.Of(attrs)));
        return ReadDirResult.Decode(r.Last(NfsOp4.Readdir).Reader);
    }

    [Test]
    public async Task Root_lists_the_first_component_of_each_export()
    {
        var listing = await ListAsync("", A.Type);
        Assert.That(listing.Entries.Select(e => e.Name), Is.EquivalentTo(new[] { "a", "c" }));
        Assert.That(listing.Eof, Is.True);
    }

    [Test]
    public async Task LOOKUP_of_the_export_path_crosses_into_the_export()
    {
        var root = await Session.GetAttrsAsync(await Session.HandleAsync(""), A.Fsid, A.Type);
        var a = await Session.GetAttrsAsync(await Session.HandleAsync("a"), A.Fsid);
        var b = await Session.GetAttrsAsync(await Session.HandleAsync("a/b"), A.Fsid, A.Fileid);
        var c = await Session.GetAttrsAsync(await Session.HandleAsync("c"), A.Fsid);
        Assert.That(a[A.Fsid], Is.EqualTo(root[A.Fsid]), "/a is part of the pseudo filesystem");
        Assert.That(b[A.Fsid], Is.Not.EqualTo(root[A.Fsid]), "/a/b is another filesystem");
        Assert.That(c[A.Fsid], Is.Not.EqualTo(b[A.Fsid]));
        Assert.That(b[A.Fileid], Is.EqualTo(MemoryFileSystem.RootId));
    }

    [Test]
    public async Task Objects_created_below_an_export_land_in_its_backend()
    {
        await Session.CreateFileAsync("a/b/file", [1, 2, 3]);
        var found = await _ab.LookupAsync(FsalContext.Root, _ab.Root, "file", FsalAttrMask.All);
        Assert.That(found.IsOk, Is.True);
        Assert.That(found.Value.Attributes.Size, Is.EqualTo(3UL));
        Assert.That((await _c.LookupAsync(FsalContext.Root, _c.Root, "file", FsalAttrMask.None)).Status, Is.EqualTo(FsalStatus.NoEntry));
    }

    [Test]
    public async Task LOOKUPP_from_the_export_root_returns_to_the_pseudo_directory()
    {
        var a = await Session.HandleAsync("a");
        var root = await Session.HandleAsync("");
        var r = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().LookupPath("a/b").LookupP().GetFh().LookupP().GetFh());
        var handles = r.Results.Where(x => x.Op == NfsOp4.Getfh).Select(x => x.Reader.ReadOpaque(128).ToArray()).ToList();
        Assert.That(handles[0], Is.EqualTo(a));
        Assert.That(handles[1], Is.EqualTo(root));
    }

    [Test]
    public async Task Junction_entry_shows_the_export_root_with_the_mounted_on_fileid()
    {
        var listing = await ListAsync("a", A.Fsid, A.Fileid, A.MountedOnFileid, A.Filehandle);
        var b = FattrReader.Decode(listing.Entries.Single(e => e.Name == "b").Attributes);
        var exportRoot = await Session.GetAttrsAsync(await Session.HandleAsync("a/b"), A.Fsid, A.Fileid, A.MountedOnFileid, A.Filehandle);
        Assert.That(b[A.Fsid], Is.EqualTo(exportRoot[A.Fsid]));
        Assert.That(b[A.Fileid], Is.EqualTo(exportRoot[A.Fileid]));
        Assert.That(b[A.Filehandle], Is.EqualTo(exportRoot[A.Filehandle]));
        Assert.That(b[A.MountedOnFileid], Is.EqualTo(exportRoot[A.MountedOnFileid]));
        var pseudoA = await Session.GetAttrsAsync(await Session.HandleAsync("a"), A.Fileid);
        Assert.That(exportRoot[A.MountedOnFileid], Is.Not.EqualTo(pseudoA[A.Fileid]), "mounted on /a/b, not /a");
    }

    [Test]
    public async Task Pseudo_directories_are_read_only()
    {
        Assert.That((await CompoundAsync(c => c.PutRootFh().Mkdir("x"))).Status, Is.EqualTo(NfsStat4.Rofs));
        Assert.That((await CompoundAsync(c => c.PutRootFh().Lookup("a").Mkdir("x"))).Status, Is.EqualTo(NfsStat4.Rofs));
        Assert.That((await Session.OpenRawAsync("a/f", Session.NewOwner())).Status, Is.EqualTo(NfsStat4.Rofs));
        Assert.That((await CompoundAsync(c => c.PutRootFh().Remove("a"))).Status, Is.EqualTo(NfsStat4.Rofs));
    }

    [Test]
    public async Task Missing_pseudo_name_is_NOENT()
    {
        Assert.That((await CompoundAsync(c => c.PutRootFh().Lookup("b"))).Status, Is.EqualTo(NfsStat4.Noent));
        Assert.That((await CompoundAsync(c => c.PutRootFh().Lookup("a").Lookup("c"))).Status, Is.EqualTo(NfsStat4.Noent));
    }

    [Test]
    public async Task Handles_of_pseudo_directories_and_exports_are_accepted_by_PUTFH()
    {
        foreach (var path in new[] { "", "a", "a/b", "c" })
        {
            var fh = await Session.HandleAsync(path);
            var r = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutFh(fh).GetFh());
            Assert.That(r.FileHandle, Is.EqualTo(fh), path);
        }
    }

    [Test]
    public async Task Pseudo_handle_of_a_node_that_does_not_exist_is_STALE()
    {
        var root = await Session.HandleAsync("");
        var bogus = (byte[])root.Clone();
        bogus[^1] = 0xFF;
        var r = await CompoundAsync(c => c.PutFh(bogus).GetFh());
        Assert.That(r.Status, Is.AnyOf(NfsStat4.Stale, NfsStat4.Badhandle));
    }

    [Test]
    public async Task Pseudo_directory_listing_pages_like_any_other()
    {
        var names = new List<string>();
        ulong cookie = 0;
        for (int page = 0; ; page++)
        {
            Assert.That(page, Is.LessThan(10));
            var r = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().ReadDir(cookie, 60, Bitmap4.Of(A.Fileid)));
            var result = ReadDirResult.Decode(r.Last(NfsOp4.Readdir).Reader);
            names.AddRange(result.Entries.Select(e => e.Name));
            if (result.Eof) break;
            Assert.That(result.Entries, Is.Not.Empty);
            cookie = result.Entries[^1].Cookie;
        }
        Assert.That(names, Is.EqualTo(new[] { "a", "c" }));
    }
}
