using Nfs.Core.Hosting;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Tests.Operations;

/// <summary>GETATTR (RFC 7530 section 16.7) and the values of the attributes.</summary>
public sealed class GetAttrTests : ServerTest
{
    protected override void Configure(NfsServerOptions options)
    {
        options.Nfs4.LeaseSeconds = 37;
        options.Nfs4.MaxReadSize = 65536;
        options.Nfs4.MaxWriteSize = 32768;
    }

    [TestCase(A.TimeAccessSet)]
    [TestCase(A.TimeModifySet)]
    public async Task Write_only_attribute_is_INVAL(int attr)
    {
        var r = await CompoundAsync(c => c.PutRootFh().GetAttr(A.Type, attr));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Inval));
    }

    [TestCase(1000)]
    [TestCase(95)]
    [TestCase(A.Acl)]
    [TestCase(A.Hidden)]
    [TestCase(A.TimeCreate)]
    public async Task Unsupported_attribute_is_left_out_of_an_OK_reply(int attr)
    {
        var r = await CompoundAsync(c => c.PutRootFh().Raw(NfsOp4.Getattr, w =>
        {
            // Encode the bitmap by hand so that bits beyond 95 can be sent.
            int words = attr / 32 + 1;
            w.WriteUInt32((uint)words);
            for (int i = 0; i < words; i++) w.WriteUInt32(i == attr / 32 ? 1u << (attr % 32) : 0);
        }));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok));
        var fattr = r.RawAttributes();
        Assert.That(fattr.Mask.IsEmpty, Is.True, fattr.Mask.ToString());
        Assert.That(fattr.Values.Length, Is.Zero);
    }

    [Test]
    public async Task Reply_mask_is_the_request_without_unsupported_attributes()
    {
        var r = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().GetAttr(A.Type, A.Acl, A.Size, A.Hidden, A.Mode));
        Assert.That(r.RawAttributes().Mask, Is.EqualTo(Bitmap4.Of(A.Type, A.Size, A.Mode)));
    }

    [Test]
    public async Task Empty_request_is_an_empty_fattr4()
    {
        var r = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().GetAttr(Bitmap4.Empty));
        Assert.That(r.RawAttributes().Mask.IsEmpty, Is.True);
    }

    [Test]
    public async Task Supported_attrs_lists_the_mandatory_attributes_and_not_acl()
    {
        var attrs = await Session.GetAttrsAsync(await Session.HandleAsync(""), A.SupportedAttrs);
        var supported = (Bitmap4)attrs[A.SupportedAttrs];
        // RFC 7530 section 5.6: the REQUIRED attributes.
        foreach (int bit in new[] { A.SupportedAttrs, A.Type, A.FhExpireType, A.Change, A.Size, A.LinkSupport, A.SymlinkSupport,
                     A.NamedAttr, A.Fsid, A.UniqueHandles, A.LeaseTime, A.RdattrError, A.Filehandle })
        {
            Assert.That(supported[bit], Is.True, $"attribute {bit}");
        }
        Assert.That(supported[A.Acl], Is.False);
        Assert.That(supported[A.TimeAccessSet] && supported[A.TimeModifySet], Is.True);
    }

    [Test]
    public async Task Every_supported_attribute_can_be_read_together()
    {
        var root = await Session.HandleAsync("");
        var supported = (Bitmap4)(await Session.GetAttrsAsync(root, A.SupportedAttrs))[A.SupportedAttrs];
        var readable = supported.Without(A.TimeAccessSet).Without(A.TimeModifySet);
        var r = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutFh(root).GetAttr(readable));
        Assert.That(r.RawAttributes().Mask, Is.EqualTo(readable));
        Assert.That(r.Attributes(), Has.Count.EqualTo(CountBits(readable)));
    }

    private static int CountBits(Bitmap4 b)
    {
        int n = 0;
        for (int bit = b.NextSetBit(0); bit >= 0; bit = b.NextSetBit(bit + 1)) n++;
        return n;
    }

    [Test]
    public async Task Server_wide_attributes_reflect_the_options()
    {
        var attrs = await Session.GetAttrsAsync(await Session.HandleAsync(""), A.LeaseTime, A.Maxread, A.Maxwrite, A.FhExpireType, A.Maxname, A.UniqueHandles, A.RdattrError);
        Assert.That(attrs[A.LeaseTime], Is.EqualTo(37u));
        Assert.That(attrs[A.Maxread], Is.EqualTo(65536UL));
        Assert.That(attrs[A.Maxwrite], Is.EqualTo(32768UL));
        Assert.That(attrs[A.FhExpireType], Is.EqualTo(0u)); // FH4_PERSISTENT
        Assert.That(attrs[A.Maxname], Is.EqualTo(255u));
        Assert.That(attrs[A.RdattrError], Is.EqualTo(NfsStat4.Ok));
    }

    [Test]
    public async Task File_attributes_follow_writes()
    {
        var file = await Session.OpenAsync("f");
        var before = await Session.GetAttrsAsync(file.Handle, A.Type, A.Size, A.Change, A.Numlinks, A.Owner, A.Filehandle, A.Fileid);
        await Session.WriteAsync(file.Handle, file.StateId, 0, new byte[1234]);
        var after = await Session.GetAttrsAsync(file.Handle, A.Size, A.Change, A.Fileid);
        Assert.That(before[A.Type], Is.EqualTo(NfsFileType4.Regular));
        Assert.That(before[A.Size], Is.EqualTo(0UL));
        Assert.That(after[A.Size], Is.EqualTo(1234UL));
        Assert.That(after[A.Change], Is.Not.EqualTo(before[A.Change]));
        Assert.That(after[A.Fileid], Is.EqualTo(before[A.Fileid]));
        Assert.That(before[A.Numlinks], Is.EqualTo(1u));
        Assert.That(before[A.Owner], Is.EqualTo("0"));
        Assert.That(before[A.Filehandle], Is.EqualTo(file.Handle));
    }

    [Test]
    public async Task Filesystem_statistics_are_returned_when_asked()
    {
        var attrs = await Session.GetAttrsAsync(await Session.HandleAsync(""), A.SpaceTotal, A.SpaceFree, A.SpaceAvail, A.FilesTotal, A.FilesFree, A.FilesAvail);
        Assert.That((ulong)attrs[A.SpaceTotal], Is.GreaterThan(0UL));
        Assert.That((ulong)attrs[A.SpaceFree], Is.LessThanOrEqualTo((ulong)attrs[A.SpaceTotal]));
        Assert.That((ulong)attrs[A.FilesFree], Is.LessThanOrEqualTo((ulong)attrs[A.FilesTotal]));
    }

    [Test]
    public async Task Owner_is_the_creating_user()
    {
        Session.Credential = Credentials.Sys(1000, 1001);
        var fh = await Session.CreateObjectAsync("mine", NfsFileType4.Directory);
        var attrs = await Session.GetAttrsAsync(fh, A.Owner, A.OwnerGroup);
        Assert.That(attrs[A.Owner], Is.EqualTo("1000"));
        Assert.That(attrs[A.OwnerGroup], Is.EqualTo("1001"));
    }
}
