using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Tests.Nfs3;

public sealed class Nfs3NamespaceTests : Nfs3Test
{
    [Test]
    public async Task LookupFindsNamesDotAndDotDot()
    {
        var dir = await MkdirAsync(Root, "d");
        var file = await CreateFileAsync(dir, "f");
        var found = await Nfs.LookupAsync(dir, "f");
        Assert.That(found.Status, Is.EqualTo(NfsStat3.Ok));
        Assert.That(found.Handle, Is.EqualTo(file));
        Assert.That(found.Attributes!.Value.Type, Is.EqualTo(FileType3.Regular));
        Assert.That(found.DirectoryAttributes!.Value.Type, Is.EqualTo(FileType3.Directory));
        Assert.That((await Nfs.LookupAsync(dir, ".")).Handle, Is.EqualTo(dir));
        Assert.That((await Nfs.LookupAsync(dir, "..")).Handle, Is.EqualTo(Root));
        Assert.That((await Nfs.LookupAsync(Root, "..")).Handle, Is.EqualTo(Root), "the export root is its own parent");
    }

    [Test]
    public async Task LookupFailuresCarryTheDirectoryAttributes()
    {
        var missing = await Nfs.LookupAsync(Root, "missing");
        Assert.That(missing.Status, Is.EqualTo(NfsStat3.NoEnt));
        Assert.That(missing.DirectoryAttributes, Is.Not.Null);
        Assert.That((await Nfs.LookupAsync(Root, new string('x', 256))).Status, Is.EqualTo(NfsStat3.NameTooLong));
        var file = await CreateFileAsync(Root, "f");
        Assert.That((await Nfs.LookupAsync(file, "x")).Status, Is.EqualTo(NfsStat3.NotDir));
        Assert.That((await Nfs.LookupAsync(Root, "a/b")).Status, Is.EqualTo(NfsStat3.Inval));
    }

    [Test]
    public async Task GuardedCreateOfAnExistingNameIsExist()
    {
        await CreateFileAsync(Root, "f");
        var again = await Nfs.CreateAsync(Root, "f", CreateMode3.Guarded);
        Assert.That(again.Status, Is.EqualTo(NfsStat3.Exist));
        Assert.That(again.DirectoryWcc.After, Is.Not.Null);
    }

    [Test]
    public async Task CreateReportsTheDirectoryChange()
    {
        var r = await Nfs.CreateAsync(Root, "f", CreateMode3.Guarded, new Sattr3(Mode: 0x180));
        Assert.That(r.Status, Is.EqualTo(NfsStat3.Ok));
        Assert.That(r.Handle.IsSet, Is.True);
        Assert.That(r.Attributes!.Value.Mode, Is.EqualTo(0x180u));
        Assert.That(r.DirectoryWcc.Before, Is.Not.Null);
        Assert.That(r.DirectoryWcc.After, Is.Not.Null);
        Assert.That((await Nfs.ListAllAsync(Root)).Select(e => e.Name), Does.Contain("f"));
    }

    [Test]
    public async Task UncheckedCreateOfAnExistingFileReturnsItAndTruncatesWhenAsked()
    {
        var fh = await CreateFileAsync(Root, "f", new byte[50]);
        var same = await Nfs.CreateAsync(Root, "f", CreateMode3.Unchecked);
        Assert.That(same.Status, Is.EqualTo(NfsStat3.Ok));
        Assert.That(same.Handle, Is.EqualTo(fh));
        Assert.That(same.Attributes!.Value.Size, Is.EqualTo(50ul));
        var truncated = await Nfs.CreateAsync(Root, "f", CreateMode3.Unchecked, new Sattr3(Size: 0));
        Assert.That(truncated.Handle, Is.EqualTo(fh));
        Assert.That(truncated.Attributes!.Value.Size, Is.EqualTo(0ul));
        await MkdirAsync(Root, "d");
        Assert.That((await Nfs.CreateAsync(Root, "d", CreateMode3.Unchecked)).Status, Is.EqualTo(NfsStat3.Exist));
    }

    [Test]
    public async Task ExclusiveCreateRetransmittedWithTheSameVerifierReturnsTheSameFile()
    {
        const ulong verifier = 0x1122334455667788;
        var first = await Nfs.CreateAsync(Root, "x", CreateMode3.Exclusive, verifier: verifier);
        Assert.That(first.Status, Is.EqualTo(NfsStat3.Ok));
        var replay = await Nfs.CreateAsync(Root, "x", CreateMode3.Exclusive, verifier: verifier);
        Assert.That(replay.Status, Is.EqualTo(NfsStat3.Ok));
        Assert.That(replay.Handle, Is.EqualTo(first.Handle));
        var other = await Nfs.CreateAsync(Root, "x", CreateMode3.Exclusive, verifier: verifier + 1);
        Assert.That(other.Status, Is.EqualTo(NfsStat3.Exist));
        // Once the client sets the real times (as it does right after), the verifier is gone.
        await Nfs.SetAttrAsync(first.Handle, new Sattr3(Mode: 0x1A4, ModifyTimeHow: TimeHow3.ServerTime, AccessTimeHow: TimeHow3.ServerTime));
        Assert.That((await Nfs.CreateAsync(Root, "x", CreateMode3.Exclusive, verifier: verifier)).Status, Is.EqualTo(NfsStat3.Exist));
    }

    [Test]
    public async Task DotNamesCannotBeCreated()
    {
        Assert.That((await Nfs.CreateAsync(Root, ".")).Status, Is.EqualTo(NfsStat3.Exist));
        Assert.That((await Nfs.MkdirAsync(Root, "..")).Status, Is.EqualTo(NfsStat3.Exist));
        Assert.That((await Nfs.CreateAsync(Root, "")).Status, Is.EqualTo(NfsStat3.Inval));
    }

    [Test]
    public async Task MkdirSymlinkAndMknodMakeTheirTypes()
    {
        var dir = await Nfs.MkdirAsync(Root, "d");
        Assert.That(dir.Attributes!.Value.Type, Is.EqualTo(FileType3.Directory));
        Assert.That(dir.Attributes!.Value.Mode, Is.EqualTo(0x1EDu), "0755 when no mode is given");
        Assert.That((await Nfs.MkdirAsync(Root, "d")).Status, Is.EqualTo(NfsStat3.Exist));
        var link = await Nfs.SymlinkAsync(Root, "l", "d/target");
        Assert.That(link.Status, Is.EqualTo(NfsStat3.Ok));
        var read = await Nfs.ReadLinkAsync(link.Handle);
        Assert.That(read.Target, Is.EqualTo("d/target"));
        Assert.That((await Nfs.ReadLinkAsync(dir.Handle)).Status, Is.EqualTo(NfsStat3.Inval));
        Assert.That((await Nfs.SymlinkAsync(Root, "e", "")).Status, Is.EqualTo(NfsStat3.Inval));
        var fifo = await Nfs.MknodAsync(Root, "p", FileType3.Fifo, new Sattr3(Mode: 0x1B6));
        Assert.That(fifo.Attributes!.Value.Type, Is.EqualTo(FileType3.Fifo));
        var dev = await Nfs.MknodAsync(Root, "c", FileType3.CharacterDevice, Sattr3.Empty, new SpecData4(1, 3));
        Assert.That(dev.Attributes!.Value.RawDevice, Is.EqualTo(new SpecData4(1, 3)));
        Assert.That((await Nfs.MknodAsync(Root, "r", FileType3.Regular)).Status, Is.EqualTo(NfsStat3.BadType));
    }

    [Test]
    public async Task RemoveAndRmdirCheckTheType()
    {
        var dir = await MkdirAsync(Root, "d");
        await CreateFileAsync(dir, "inner");
        await CreateFileAsync(Root, "f");
        Assert.That((await Nfs.RemoveAsync(Root, "d")).Status, Is.EqualTo(NfsStat3.IsDir));
        Assert.That((await Nfs.RmdirAsync(Root, "f")).Status, Is.EqualTo(NfsStat3.NotDir));
        Assert.That((await Nfs.RmdirAsync(Root, "d")).Status, Is.EqualTo(NfsStat3.NotEmpty));
        Assert.That((await Nfs.RemoveAsync(Root, "missing")).Status, Is.EqualTo(NfsStat3.NoEnt));
        var removed = await Nfs.RemoveAsync(dir, "inner");
        Assert.That(removed.Status, Is.EqualTo(NfsStat3.Ok));
        Assert.That(removed.Wcc.Before, Is.Not.Null);
        Assert.That(removed.Wcc.After, Is.Not.Null);
        Assert.That((await Nfs.RmdirAsync(Root, "d")).Status, Is.EqualTo(NfsStat3.Ok));
        Assert.That((await Nfs.RemoveAsync(Root, "f")).Status, Is.EqualTo(NfsStat3.Ok));
        Assert.That((await Nfs.ListAllAsync(Root)).Select(e => e.Name), Is.EquivalentTo(new[] { ".", ".." }));
    }

    [Test]
    public async Task RenameMovesAndReportsBothDirectories()
    {
        var a = await MkdirAsync(Root, "a");
        var b = await MkdirAsync(Root, "b");
        var fh = await CreateFileAsync(a, "f");
        var r = await Nfs.RenameAsync(a, "f", b, "g");
        Assert.That(r.Status, Is.EqualTo(NfsStat3.Ok));
        Assert.That(r.FromWcc.Before, Is.Not.Null);
        Assert.That(r.ToWcc.After, Is.Not.Null);
        Assert.That((await Nfs.LookupAsync(b, "g")).Handle, Is.EqualTo(fh));
        Assert.That((await Nfs.LookupAsync(a, "f")).Status, Is.EqualTo(NfsStat3.NoEnt));
        Assert.That((await Nfs.RenameAsync(a, "missing", b, "x")).Status, Is.EqualTo(NfsStat3.NoEnt));
        Assert.That((await Nfs.RenameAsync(Root, ".", b, "x")).Status, Is.EqualTo(NfsStat3.Inval));
    }

    [Test]
    public async Task LinkAddsANameAndALink()
    {
        var fh = await CreateFileAsync(Root, "f");
        var dir = await MkdirAsync(Root, "d");
        var r = await Nfs.LinkAsync(fh, dir, "again");
        Assert.That(r.Status, Is.EqualTo(NfsStat3.Ok));
        Assert.That(r.FileAttributes!.Value.NumLinks, Is.EqualTo(2u));
        Assert.That(r.DirectoryWcc.After, Is.Not.Null);
        Assert.That((await Nfs.LookupAsync(dir, "again")).Handle, Is.EqualTo(fh));
        Assert.That((await Nfs.LinkAsync(dir, Root, "dirlink")).Status, Is.EqualTo(NfsStat3.IsDir));
        Assert.That((await Nfs.LinkAsync(fh, dir, "again")).Status, Is.EqualTo(NfsStat3.Exist));
    }
}
