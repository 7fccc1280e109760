using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Tests.Operations;

/// <summary>VERIFY and NVERIFY (RFC 7530 sections 16.35 and 16.15).</summary>
public sealed class VerifyTests : ServerTest
{
    private byte[] _file = null!;

    [SetUp]
    public async Task CreateFileAsync() => _file = await Session.CreateFileAsync("f", new byte[42]);

    private static Fattr4 Size(ulong size) => new FattrBuilder().Size(size).Build();

    [Test]
    public async Task VERIFY_of_equal_values_is_OK_and_the_COMPOUND_goes_on()
    {
        var r = await CompoundAsync(c => c.PutFh(_file).Verify(Size(42)).GetFh());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok));
        Assert.That(r.Ops(), Is.EqualTo(new[] { NfsOp4.Putfh, NfsOp4.Verify, NfsOp4.Getfh }));
    }

    [Test]
    public async Task VERIFY_of_different_values_is_NOT_SAME()
    {
        var r = await CompoundAsync(c => c.PutFh(_file).Verify(Size(41)).GetFh());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.NotSame));
    }

    [Test]
    public async Task NVERIFY_of_equal_values_is_SAME()
    {
        var r = await CompoundAsync(c => c.PutFh(_file).NVerify(Size(42)));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Same));
    }

    [Test]
    public async Task NVERIFY_of_different_values_is_OK()
    {
        var r = await CompoundAsync(c => c.PutFh(_file).NVerify(Size(1)).GetFh());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok));
    }

    [Test]
    public async Task VERIFY_of_several_attributes_with_one_different_is_NOT_SAME()
    {
        var attrs = new FattrBuilder().Type(NfsFileType4.Regular).Size(42).Mode(0x1FF).Build();
        var r = await CompoundAsync(c => c.PutFh(_file).Verify(attrs));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.NotSame));
    }

    [Test]
    public async Task VERIFY_of_several_equal_attributes_including_the_filehandle_is_OK()
    {
        var attrs = new FattrBuilder().Type(NfsFileType4.Regular).Size(42).Mode(0x1A4).Add(A.Filehandle, w => w.WriteOpaque(_file)).Build();
        var r = await CompoundAsync(c => c.PutFh(_file).Verify(attrs));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), r.Describe());
    }

    [TestCase(A.TimeAccessSet)]
    [TestCase(A.TimeModifySet)]
    public async Task Write_only_attribute_is_INVAL(int attr)
    {
        var attrs = new FattrBuilder().Add(attr, w => w.WriteInt32(0)).Build();
        Assert.That((await CompoundAsync(c => c.PutFh(_file).Verify(attrs))).Status, Is.EqualTo(NfsStat4.Inval));
        Assert.That((await CompoundAsync(c => c.PutFh(_file).NVerify(attrs))).Status, Is.EqualTo(NfsStat4.Inval));
    }

    [Test]
    public async Task Rdattr_error_is_INVAL()
    {
        var attrs = new FattrBuilder().UInt32(A.RdattrError, 0).Build();
        Assert.That((await CompoundAsync(c => c.PutFh(_file).Verify(attrs))).Status, Is.EqualTo(NfsStat4.Inval));
    }

    [TestCase(A.Acl)]
    [TestCase(A.Hidden)]
    public async Task Unsupported_attribute_is_ATTRNOTSUPP(int attr)
    {
        var attrs = new FattrBuilder().Bool(attr, false).Build();
        Assert.That((await CompoundAsync(c => c.PutFh(_file).Verify(attrs))).Status, Is.EqualTo(NfsStat4.Attrnotsupp));
        Assert.That((await CompoundAsync(c => c.PutFh(_file).NVerify(attrs))).Status, Is.EqualTo(NfsStat4.Attrnotsupp));
    }
}
