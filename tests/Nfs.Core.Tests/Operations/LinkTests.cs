using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Tests.Operations;

/// <summary>LINK (RFC 7530 section 16.9): the saved object gets a name in the current directory.</summary>
public sealed class LinkTests : ServerTest
{
    [Test]
    public async Task Link_of_a_directory_is_ISDIR()
    {
        var dir = await Session.MkdirAsync("d");
        var r = await CompoundAsync(c => c.PutFh(dir).SaveFh().PutRootFh().Link("l"));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Isdir));
    }

    [Test]
    public async Task Without_a_saved_filehandle_is_NOFILEHANDLE()
    {
        var r = await CompoundAsync(c => c.PutRootFh().Link("l"));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Nofilehandle));
    }

    [Test]
    public async Task Current_filehandle_that_is_not_a_directory_is_NOTDIR()
    {
        var f = await Session.CreateFileAsync("f");
        var r = await CompoundAsync(c => c.PutFh(f).SaveFh().Link("l"));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Notdir));
    }

    [Test]
    public async Task Existing_name_is_EXIST()
    {
        var f = await Session.CreateFileAsync("f");
        await Session.CreateFileAsync("g");
        var r = await CompoundAsync(c => c.PutFh(f).SaveFh().PutRootFh().Link("g"));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Exist));
    }

    [TestCase("", NfsStat4.Inval)]
    [TestCase(".", NfsStat4.Badname)]
    public async Task Invalid_name_is_refused(string name, NfsStat4 expected)
    {
        var f = await Session.CreateFileAsync("f");
        var r = await CompoundAsync(c => c.PutFh(f).SaveFh().PutRootFh().Link(name));
        Assert.That(r.Status, Is.EqualTo(expected));
    }

    [Test]
    public async Task New_name_reaches_the_same_file_and_the_link_count_grows()
    {
        var f = await Session.CreateFileAsync("f");
        var d = await Session.MkdirAsync("d");
        var r = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutFh(f).SaveFh().PutFh(d).Link("hard"));
        var change = ChangeInfo4.Decode(r.Last(NfsOp4.Link).Reader);
        Assert.That(change.After, Is.Not.EqualTo(change.Before));
        Assert.That(await Session.HandleAsync("d/hard"), Is.EqualTo(f));
        Assert.That((await Session.GetAttrsAsync(f, A.Numlinks))[A.Numlinks], Is.EqualTo(2u));
    }
}
