using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Tests.Operations;

/// <summary>READLINK (RFC 7530 section 16.25).</summary>
public sealed class ReadLinkTests : ServerTest
{
    [Test]
    public async Task READLINK_of_a_file_is_INVAL()
    {
        var f = await Session.CreateFileAsync("f");
        Assert.That((await CompoundAsync(c => c.PutFh(f).ReadLink())).Status, Is.EqualTo(NfsStat4.Inval));
    }

    [Test]
    public async Task READLINK_of_a_directory_is_INVAL()
    {
        Assert.That((await CompoundAsync(c => c.PutRootFh().ReadLink())).Status, Is.EqualTo(NfsStat4.Inval));
    }

    [TestCase("target")]
    [TestCase("../../up/and/away")]
    [TestCase("ünïcödé/名前")]
    public async Task READLINK_returns_the_target_unchanged(string target)
    {
        var link = await Session.SymlinkAsync("l", target);
        var r = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutFh(link).ReadLink());
        Assert.That(r.Last(NfsOp4.Readlink).Reader.ReadString(4096), Is.EqualTo(target));
    }
}
