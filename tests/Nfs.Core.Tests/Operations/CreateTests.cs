using System.Text;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Tests.Operations;

/// <summary>CREATE (RFC 7530 section 16.4): non-regular objects only.</summary>
public sealed class CreateTests : ServerTest
{
    private static CreateArgs Args(NfsFileType4 type, string name, string target = "", Fattr4 attrs = default) =>
        new(type, target, new SpecData4(1, 2), Encoding.UTF8.GetBytes(name), attrs);

    private Task<CompoundReply> CreateAsync(CreateArgs args) => CompoundAsync(c => c.PutRootFh().Create(args).GetFh());

    [TestCase(NfsFileType4.Regular)]
    [TestCase(NfsFileType4.AttributeDirectory)]
    [TestCase(NfsFileType4.NamedAttribute)]
    public async Task Type_CREATE_cannot_make_is_BADTYPE(NfsFileType4 type)
    {
        var r = await CreateAsync(Args(type, "x"));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Badtype));
    }

    [TestCase(NfsFileType4.Directory)]
    [TestCase(NfsFileType4.Symlink)]
    [TestCase(NfsFileType4.Fifo)]
    public async Task Existing_name_is_EXIST(NfsFileType4 type)
    {
        await Session.CreateFileAsync("taken");
        var r = await CreateAsync(Args(type, "taken", "target"));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Exist));
    }

    [Test]
    public async Task Symlink_with_an_empty_target_is_INVAL()
    {
        var r = await CreateAsync(Args(NfsFileType4.Symlink, "link", ""));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Inval));
    }

    [TestCase("", NfsStat4.Inval)]
    [TestCase(".", NfsStat4.Badname)]
    [TestCase("..", NfsStat4.Badname)]
    [TestCase("a/b", NfsStat4.Badname)]
    public async Task Invalid_name_is_refused(string name, NfsStat4 expected)
    {
        var r = await CreateAsync(Args(NfsFileType4.Directory, name));
        Assert.That(r.Status, Is.EqualTo(expected));
    }

    [Test]
    public async Task Name_longer_than_255_bytes_is_NAMETOOLONG()
    {
        var r = await CreateAsync(Args(NfsFileType4.Directory, new string('n', 256)));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Nametoolong));
    }

    [Test]
    public async Task Name_that_is_not_UTF8_is_INVAL()
    {
        var args = new CreateArgs(NfsFileType4.Directory, "", default, new byte[] { 0x61, 0xFF }, default);
        var r = await CreateAsync(args);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Inval));
    }

    [Test]
    public async Task CREATE_in_a_file_is_NOTDIR()
    {
        var fh = await Session.CreateFileAsync("f");
        var r = await CompoundAsync(c => c.PutFh(fh).Create(Args(NfsFileType4.Directory, "d")));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Notdir));
    }

    [Test]
    public async Task CREATE_in_a_symlink_is_NOTDIR_or_SYMLINK()
    {
        var fh = await Session.SymlinkAsync("l", "x");
        var r = await CompoundAsync(c => c.PutFh(fh).Create(Args(NfsFileType4.Directory, "d")));
        Assert.That(r.Status, Is.AnyOf(NfsStat4.Notdir, NfsStat4.Symlink));
    }

    [Test]
    public async Task Read_only_attribute_in_createattrs_is_INVAL()
    {
        var r = await CreateAsync(Args(NfsFileType4.Directory, "d", attrs: new FattrBuilder().Type(NfsFileType4.Directory).Build()));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Inval));
        Assert.That((await CompoundAsync(c => c.PutRootFh().Lookup("d"))).Status, Is.EqualTo(NfsStat4.Noent), "nothing may be created");
    }

    [Test]
    public async Task Unsupported_attribute_in_createattrs_is_ATTRNOTSUPP()
    {
        var r = await CreateAsync(Args(NfsFileType4.Directory, "d", attrs: new FattrBuilder().Bool(A.Hidden, true).Build()));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Attrnotsupp));
    }

    [Test]
    public async Task Directory_is_created_with_its_attributes_and_becomes_the_current_filehandle()
    {
        var attrs = new FattrBuilder().Mode(0x1C0).Build();
        var r = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().Create(Args(NfsFileType4.Directory, "d", attrs: attrs)).GetFh().GetAttr(A.Type, A.Mode));
        var body = r.Last(NfsOp4.Create).Reader;
        var change = ChangeInfo4.Decode(body);
        var attrset = Bitmap4.Decode(body);
        Assert.That(change.After, Is.Not.EqualTo(change.Before));
        Assert.That(attrset, Is.EqualTo(attrs.Mask));
        Assert.That(r.FileHandle, Is.EqualTo(await Session.HandleAsync("d")));
        Assert.That(r.Attributes()[A.Type], Is.EqualTo(NfsFileType4.Directory));
        Assert.That(r.Attributes()[A.Mode], Is.EqualTo(0x1C0u));
    }

    [Test]
    public async Task Symlink_is_created_and_READLINK_returns_its_target()
    {
        var r = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().Create(Args(NfsFileType4.Symlink, "l", "some/where")).ReadLink().GetAttr(A.Type));
        Assert.That(r.Last(NfsOp4.Readlink).Reader.ReadString(4096), Is.EqualTo("some/where"));
        Assert.That(r.Attributes()[A.Type], Is.EqualTo(NfsFileType4.Symlink));
    }

    [TestCase(NfsFileType4.Fifo)]
    [TestCase(NfsFileType4.Socket)]
    [TestCase(NfsFileType4.CharacterDevice)]
    [TestCase(NfsFileType4.BlockDevice)]
    public async Task Special_file_is_created_with_its_type(NfsFileType4 type)
    {
        var r = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().Create(Args(type, "s")).GetAttr(A.Type, A.Rawdev));
        var attrs = r.Attributes();
        Assert.That(attrs[A.Type], Is.EqualTo(type));
        if (type is NfsFileType4.CharacterDevice or NfsFileType4.BlockDevice) Assert.That(attrs[A.Rawdev], Is.EqualTo(new SpecData4(1, 2)));
    }
}
