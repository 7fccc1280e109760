using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.TestClient;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Tests.Operations;

/// <summary>RENAME (RFC 7530 section 16.26): from the saved directory to the current one.</summary>
public sealed class RenameTests : ServerTest
{
    private byte[] _a = null!;
    private byte[] _b = null!;

    [SetUp]
    public async Task CreateDirectoriesAsync()
    {
        _a = await Session.MkdirAsync("a");
        _b = await Session.MkdirAsync("b");
    }

    private Task<CompoundReply> RenameAsync(byte[] from, string oldName, byte[] to, string newName) =>
        CompoundAsync(c => c.PutFh(from).SaveFh().PutFh(to).Rename(oldName, newName));

    [Test]
    public async Task Without_a_saved_filehandle_is_NOFILEHANDLE()
    {
        await Session.CreateFileAsync("a/f");
        var r = await CompoundAsync(c => c.PutFh(_a).Rename("f", "g"));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Nofilehandle));
    }

    [Test]
    public async Task Onto_a_non_empty_directory_is_EXIST()
    {
        await Session.MkdirAsync("a/src");
        await Session.MkdirAsync("b/dst");
        await Session.CreateFileAsync("b/dst/f");
        var r = await RenameAsync(_a, "src", _b, "dst");
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Exist));
    }

    [Test]
    public async Task Directory_onto_a_file_is_refused()
    {
        await Session.MkdirAsync("a/src");
        await Session.CreateFileAsync("b/dst");
        var r = await RenameAsync(_a, "src", _b, "dst");
        Assert.That(r.Status, Is.AnyOf(NfsStat4.Exist, NfsStat4.Notdir));
    }

    [Test]
    public async Task File_onto_a_directory_is_refused()
    {
        await Session.CreateFileAsync("a/src");
        await Session.MkdirAsync("b/dst");
        var r = await RenameAsync(_a, "src", _b, "dst");
        Assert.That(r.Status, Is.AnyOf(NfsStat4.Exist, NfsStat4.Isdir));
    }

    [Test]
    public async Task Missing_source_is_NOENT()
    {
        var r = await RenameAsync(_a, "missing", _b, "x");
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Noent));
    }

    [TestCase("", "x", NfsStat4.Inval)]
    [TestCase("x", "", NfsStat4.Inval)]
    [TestCase(".", "x", NfsStat4.Badname)]
    [TestCase("x", "..", NfsStat4.Badname)]
    public async Task Invalid_names_are_refused(string oldName, string newName, NfsStat4 expected)
    {
        await Session.CreateFileAsync("a/x");
        var r = await RenameAsync(_a, oldName, _b, newName);
        Assert.That(r.Status, Is.EqualTo(expected));
    }

    [Test]
    public async Task Saved_filehandle_that_is_not_a_directory_is_NOTDIR()
    {
        var f = await Session.CreateFileAsync("a/f");
        var r = await RenameAsync(f, "x", _b, "y");
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Notdir));
    }

    [Test]
    public async Task Current_filehandle_that_is_not_a_directory_is_NOTDIR()
    {
        var f = await Session.CreateFileAsync("a/f");
        var r = await RenameAsync(_a, "f", f, "y");
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Notdir));
    }

    [Test]
    public async Task Directory_into_its_own_subdirectory_is_INVAL()
    {
        var sub = await Session.MkdirAsync("a/sub");
        var root = await Session.HandleAsync("");
        var r = await RenameAsync(root, "a", sub, "moved");
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Inval));
    }

    [Test]
    public async Task File_moves_between_directories_keeping_its_handle()
    {
        var f = await Session.CreateFileAsync("a/f", [9]);
        var r = await RenameAsync(_a, "f", _b, "g");
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), r.Describe());
        var body = r.Last(NfsOp4.Rename).Reader;
        var source = ChangeInfo4.Decode(body);
        var target = ChangeInfo4.Decode(body);
        Assert.That(source.After, Is.Not.EqualTo(source.Before));
        Assert.That(target.After, Is.Not.EqualTo(target.Before));
        Assert.That(await Session.HandleAsync("b/g"), Is.EqualTo(f));
        Assert.That((await CompoundAsync(c => c.PutFh(_a).Lookup("f"))).Status, Is.EqualTo(NfsStat4.Noent));
    }

    [Test]
    public async Task File_onto_an_existing_file_replaces_it()
    {
        var f = await Session.CreateFileAsync("a/f", [1, 2]);
        await Session.CreateFileAsync("b/g", [3]);
        await Session.ExpectAsync(NfsStat4.Ok, c => c.PutFh(_a).SaveFh().PutFh(_b).Rename("f", "g"));
        var attrs = await Session.GetAttrsAsync(await Session.HandleAsync("b/g"), A.Size);
        Assert.That(attrs[A.Size], Is.EqualTo(2UL));
        Assert.That(await Session.HandleAsync("b/g"), Is.EqualTo(f));
    }

    [Test]
    public async Task Directory_onto_an_empty_directory_replaces_it()
    {
        await Session.MkdirAsync("a/src");
        await Session.MkdirAsync("b/dst");
        var r = await RenameAsync(_a, "src", _b, "dst");
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok));
    }

    [Test]
    public async Task Rename_onto_itself_is_OK()
    {
        await Session.CreateFileAsync("a/f");
        var r = await RenameAsync(_a, "f", _a, "f");
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok));
        Assert.That((await CompoundAsync(c => c.PutFh(_a).Lookup("f"))).Status, Is.EqualTo(NfsStat4.Ok));
    }
}
