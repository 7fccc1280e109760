using System.Text;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Tests.Operations;

/// <summary>LOOKUP and LOOKUPP (RFC 7530 sections 16.13 and 16.14, name rules of section 12.7).</summary>
public sealed class LookupTests : ServerTest
{
    private byte[] _dir = null!;
    private byte[] _file = null!;

    [SetUp]
    public async Task CreateTreeAsync()
    {
        _dir = await Session.MkdirAsync("dir");
        await Session.MkdirAsync("dir/sub");
        _file = await Session.CreateFileAsync("dir/file");
        await Session.SymlinkAsync("link", "dir");
        await Session.CreateObjectAsync("fifo", NfsFileType4.Fifo);
    }

    [Test]
    public async Task LOOKUP_finds_the_object_CREATE_made()
    {
        var r = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().Lookup("dir").Lookup("file").GetFh());
        Assert.That(r.FileHandle, Is.EqualTo(_file));
    }

    [Test]
    public async Task LOOKUP_of_a_missing_name_is_NOENT()
    {
        var r = await CompoundAsync(c => c.PutRootFh().Lookup("dir").Lookup("missing"));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Noent));
    }

    public static IEnumerable<TestCaseData> BadNames()
    {
        yield return new TestCaseData(Array.Empty<byte>(), NfsStat4.Inval).SetArgDisplayNames("empty");
        yield return new TestCaseData(Encoding.UTF8.GetBytes(new string('a', 256)), NfsStat4.Nametoolong).SetArgDisplayNames("256 bytes");
        yield return new TestCaseData(Encoding.UTF8.GetBytes(new string('é', 128)), NfsStat4.Nametoolong).SetArgDisplayNames("128 two-byte characters");
        yield return new TestCaseData(new byte[] { 0xFF, 0x41 }, NfsStat4.Inval).SetArgDisplayNames("0xFF");
        yield return new TestCaseData(new byte[] { 0x41, 0xC3 }, NfsStat4.Inval).SetArgDisplayNames("truncated sequence");
        yield return new TestCaseData(new byte[] { 0xC0, 0xAE }, NfsStat4.Inval).SetArgDisplayNames("overlong '.'");
        yield return new TestCaseData(new byte[] { 0xED, 0xB0, 0x80 }, NfsStat4.Inval).SetArgDisplayNames("lone surrogate");
        yield return new TestCaseData("."u8.ToArray(), NfsStat4.Badname).SetArgDisplayNames("dot");
        yield return new TestCaseData(".."u8.ToArray(), NfsStat4.Badname).SetArgDisplayNames("dotdot");
        yield return new TestCaseData("a/b"u8.ToArray(), NfsStat4.Badname).SetArgDisplayNames("slash");
        yield return new TestCaseData("/"u8.ToArray(), NfsStat4.Badname).SetArgDisplayNames("only slash");
    }

    [TestCaseSource(nameof(BadNames))]
    public async Task LOOKUP_of_an_invalid_name_is_refused(byte[] name, NfsStat4 expected)
    {
        var r = await CompoundAsync(c => c.PutRootFh().Lookup("dir").Lookup(name));
        Assert.That(r.Status, Is.EqualTo(expected), r.Describe());
    }

    [Test]
    public async Task LOOKUP_of_a_name_with_NUL_is_BADNAME_or_BADCHAR()
    {
        var r = await CompoundAsync(c => c.PutRootFh().Lookup("dir").Lookup("a\0b"u8.ToArray()));
        Assert.That(r.Status, Is.AnyOf(NfsStat4.Badname, NfsStat4.Badchar), r.Describe());
    }

    [Test]
    public async Task LOOKUP_of_a_255_byte_name_is_looked_up()
    {
        var r = await CompoundAsync(c => c.PutRootFh().Lookup(new string('a', 255)));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Noent));
    }

    [TestCase("dir/file", NfsStat4.Notdir)]
    [TestCase("fifo", NfsStat4.Notdir)]
    [TestCase("link", NfsStat4.Symlink)]
    public async Task LOOKUP_from_a_non_directory_is_refused(string from, NfsStat4 expected)
    {
        var fh = await Session.HandleAsync(from);
        var r = await CompoundAsync(c => c.PutFh(fh).Lookup("x"));
        Assert.That(r.Status, Is.EqualTo(expected));
    }

    [Test]
    public async Task LOOKUP_in_a_directory_without_search_permission_is_ACCESS()
    {
        await Session.CreateObjectAsync("private", NfsFileType4.Directory, attrs: new FattrBuilder().Mode(0x1C0).Build()); // 0700 root
        await Session.CreateFileAsync("private/secret");
        var user = Credentials.Sys(1000);
        var r = await Session.CompoundAsync(c => c.PutRootFh().Lookup("private").Lookup("secret"), user);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Access), r.Describe());
    }

    [Test]
    public async Task LOOKUPP_at_the_root_is_NOENT()
    {
        var r = await CompoundAsync(c => c.PutRootFh().LookupP());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Noent));
    }

    [Test]
    public async Task LOOKUPP_of_a_file_is_NOTDIR()
    {
        var r = await CompoundAsync(c => c.PutFh(_file).LookupP());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Notdir));
    }

    [Test]
    public async Task LOOKUPP_of_a_symlink_is_NOTDIR_or_SYMLINK()
    {
        var link = await Session.HandleAsync("link");
        var r = await CompoundAsync(c => c.PutFh(link).LookupP());
        Assert.That(r.Status, Is.AnyOf(NfsStat4.Notdir, NfsStat4.Symlink));
    }

    [Test]
    public async Task LOOKUPP_goes_to_the_parent()
    {
        var root = await Session.HandleAsync("");
        var r = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().Lookup("dir").Lookup("sub").LookupP().GetFh().LookupP().GetFh());
        var handles = r.Results.Where(x => x.Op == NfsOp4.Getfh).Select(x => x.Reader.ReadOpaque(128).ToArray()).ToList();
        Assert.That(handles[0], Is.EqualTo(_dir));
        Assert.That(handles[1], Is.EqualTo(root));
    }

    [Test]
    public async Task LOOKUP_through_a_multi_byte_UTF8_name()
    {
        await Session.MkdirAsync("répertoire");
        var r = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().Lookup("répertoire").GetAttr(A.Type));
        Assert.That(r.Attributes()[A.Type], Is.EqualTo(NfsFileType4.Directory));
    }
}
