using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;

namespace Nfs.Core.Tests.Operations;

/// <summary>ACCESS (RFC 7530 section 16.1).</summary>
public sealed class AccessTests : ServerTest
{
    private const Access4 All40 = Access4.Read | Access4.Lookup | Access4.Modify | Access4.Extend | Access4.Delete | Access4.Execute;

    private async Task<AccessResult> AccessAsync(byte[] fh, Access4 asked, Nfs.Protocol.Rpc.OpaqueAuth? credential = null)
    {
        var r = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutFh(fh).Access(asked), credential);
        return AccessResult.Decode(r.Last(NfsOp4.Access).Reader);
    }

    [TestCase(0x40u)]
    [TestCase(0x80u)]
    [TestCase(0x100u)]
    [TestCase(0x7Fu)]
    [TestCase(0x80000000u)]
    public async Task Bits_beyond_the_NFSv4_0_set_are_INVAL(uint bits)
    {
        var r = await CompoundAsync(c => c.PutRootFh().Access((Access4)bits));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Inval));
    }

    [Test]
    public async Task Root_on_a_directory_gets_everything_but_execute_which_is_not_supported_there()
    {
        var result = await AccessAsync(await Session.HandleAsync(""), All40);
        Assert.That(result.Supported, Is.EqualTo(All40 & ~Access4.Execute));
        Assert.That(result.Access, Is.EqualTo(All40 & ~Access4.Execute));
    }

    [Test]
    public async Task Root_on_a_file_without_execute_bits_gets_read_and_write_but_not_execute()
    {
        var fh = await Session.CreateFileAsync("f");
        var result = await AccessAsync(fh, All40);
        // LOOKUP means nothing for a file; DELETE (of a directory entry) may or may not be reported as checked.
        const Access4 meaningful = Access4.Read | Access4.Modify | Access4.Extend | Access4.Execute;
        Assert.That(result.Supported & meaningful, Is.EqualTo(meaningful));
        Assert.That(result.Supported & Access4.Lookup, Is.EqualTo(Access4.None));
        Assert.That(result.Access, Is.EqualTo(Access4.Read | Access4.Modify | Access4.Extend));
    }

    [Test]
    public async Task Other_user_on_a_0644_file_gets_read_only()
    {
        var fh = await Session.CreateFileAsync("f");
        var result = await AccessAsync(fh, Access4.Read | Access4.Modify | Access4.Extend, Credentials.Sys(1000));
        Assert.That(result.Supported, Is.EqualTo(Access4.Read | Access4.Modify | Access4.Extend));
        Assert.That(result.Access, Is.EqualTo(Access4.Read));
    }

    [Test]
    public async Task Nothing_asked_is_nothing_granted()
    {
        var result = await AccessAsync(await Session.HandleAsync(""), Access4.None);
        Assert.That((result.Supported, result.Access), Is.EqualTo((Access4.None, Access4.None)));
    }
}
