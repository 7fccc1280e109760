using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Tests.Operations;

/// <summary>REMOVE (RFC 7530 section 16.25).</summary>
public sealed class RemoveTests : ServerTest
{
    [Test]
    public async Task Missing_name_is_NOENT()
    {
        var r = await CompoundAsync(c => c.PutRootFh().Remove("missing"));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Noent));
    }

    [Test]
    public async Task Non_empty_directory_is_NOTEMPTY()
    {
        await Session.MkdirAsync("d");
        await Session.CreateFileAsync("d/f");
        var r = await CompoundAsync(c => c.PutRootFh().Remove("d"));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Notempty));
    }

    [TestCase("", NfsStat4.Inval)]
    [TestCase(".", NfsStat4.Badname)]
    [TestCase("..", NfsStat4.Badname)]
    public async Task Invalid_name_is_refused(string name, NfsStat4 expected)
    {
        var r = await CompoundAsync(c => c.PutRootFh().Remove(name));
        Assert.That(r.Status, Is.EqualTo(expected));
    }

    [Test]
    public async Task REMOVE_in_a_file_is_NOTDIR()
    {
        var fh = await Session.CreateFileAsync("f");
        var r = await CompoundAsync(c => c.PutFh(fh).Remove("x"));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Notdir));
    }

    [TestCase("file")]
    [TestCase("emptydir")]
    [TestCase("link")]
    public async Task Removed_name_is_gone_and_the_directory_changed(string name)
    {
        await Session.CreateFileAsync("file");
        await Session.MkdirAsync("emptydir");
        await Session.SymlinkAsync("link", "file");
        var r = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().Remove(name));
        var change = ChangeInfo4.Decode(r.Last(NfsOp4.Remove).Reader);
        Assert.That(change.After, Is.Not.EqualTo(change.Before));
        Assert.That((await CompoundAsync(c => c.PutRootFh().Lookup(name))).Status, Is.EqualTo(NfsStat4.Noent));
    }
}
