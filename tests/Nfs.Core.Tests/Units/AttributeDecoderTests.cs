using Moq;
using Nfs.Core.Fsal;
using Nfs.Core.Identity;
using Nfs.Core.Nfs4.Attributes;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Xdr;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Tests.Units;

/// <summary>Decoding of settable attributes (SETATTR, CREATE and OPEN createattrs).</summary>
public sealed class AttributeDecoderTests
{
    private readonly Mock<IIdMapper> _ids = new(MockBehavior.Strict);

    private NfsStat4 Decode(Fattr4 fattr, out FsalSetAttributes result, out Bitmap4 applied) =>
        AttributeDecoder.Decode(fattr, 0, _ids.Object, out result, out applied);

    [Test]
    public void Size()
    {
        var fattr = new FattrBuilder().Size(0x1_0000_0001).Build();
        Assert.That(Decode(fattr, out var r, out var applied), Is.EqualTo(NfsStat4.Ok));
        Assert.That(r.Set, Is.EqualTo(FsalAttrMask.Size));
        Assert.That(r.Size, Is.EqualTo(0x1_0000_0001UL));
        Assert.That(applied, Is.EqualTo(fattr.Mask));
    }

    [TestCase(0u)]
    [TestCase(0x1EDu)]
    [TestCase(0xFFFu)]
    public void Mode(uint mode)
    {
        Assert.That(Decode(new FattrBuilder().Mode(mode).Build(), out var r, out _), Is.EqualTo(NfsStat4.Ok));
        Assert.That(r.Set, Is.EqualTo(FsalAttrMask.Mode));
        Assert.That(r.Mode, Is.EqualTo(mode));
    }

    [Test]
    public void Owner_is_mapped_by_the_id_mapper()
    {
        uint uid = 1234;
        _ids.Setup(m => m.TryParseUser("alice@example.org", out uid)).Returns(true);
        Assert.That(Decode(new FattrBuilder().Owner("alice@example.org").Build(), out var r, out _), Is.EqualTo(NfsStat4.Ok));
        Assert.That(r.Set, Is.EqualTo(FsalAttrMask.Owner));
        Assert.That(r.Uid, Is.EqualTo(1234u));
    }

    [Test]
    public void Owner_group_is_mapped_by_the_id_mapper()
    {
        uint gid = 99;
        _ids.Setup(m => m.TryParseGroup("staff", out gid)).Returns(true);
        Assert.That(Decode(new FattrBuilder().OwnerGroup("staff").Build(), out var r, out _), Is.EqualTo(NfsStat4.Ok));
        Assert.That(r.Set, Is.EqualTo(FsalAttrMask.Group));
        Assert.That(r.Gid, Is.EqualTo(99u));
    }

    [Test]
    public void Unmappable_owner_is_BADOWNER()
    {
        uint none = 0;
        _ids.Setup(m => m.TryParseUser("ghost", out none)).Returns(false);
        _ids.Setup(m => m.TryParseGroup("ghosts", out none)).Returns(false);
        Assert.That(Decode(new FattrBuilder().Owner("ghost").Build(), out _, out _), Is.EqualTo(NfsStat4.Badowner));
        Assert.That(Decode(new FattrBuilder().OwnerGroup("ghosts").Build(), out _, out _), Is.EqualTo(NfsStat4.Badowner));
    }

    [Test]
    public void Empty_owner_or_group_is_INVAL_without_asking_the_mapper()
    {
        Assert.That(Decode(new FattrBuilder().Owner("").Build(), out _, out _), Is.EqualTo(NfsStat4.Inval));
        Assert.That(Decode(new FattrBuilder().OwnerGroup("").Build(), out _, out _), Is.EqualTo(NfsStat4.Inval));
        _ids.VerifyNoOtherCalls();
    }

    [Test]
    public void Owner_that_is_not_UTF8_is_refused_without_asking_the_mapper()
    {
        var status = Decode(new FattrBuilder().Owner(new byte[] { 0xC3, 0x28 }).Build(), out _, out _);
        Assert.That(status, Is.AnyOf(NfsStat4.Badowner, NfsStat4.Inval, NfsStat4.Badchar));
        _ids.VerifyNoOtherCalls();
    }

    [Test]
    public void Times_set_to_the_server_clock()
    {
        Assert.That(Decode(new FattrBuilder().AccessTimeServer().ModifyTimeServer().Build(), out var r, out _), Is.EqualTo(NfsStat4.Ok));
        Assert.That((r.AccessTimeHow, r.ModifyTimeHow), Is.EqualTo((FsalTimeSet.ServerTime, FsalTimeSet.ServerTime)));
        Assert.That(r.IsEmpty, Is.False);
    }

    [Test]
    public void Times_set_to_client_values()
    {
        Assert.That(Decode(new FattrBuilder().AccessTime(-5, 1).ModifyTime(1_700_000_000, 999_999_999).Build(), out var r, out _), Is.EqualTo(NfsStat4.Ok));
        Assert.That(r.AccessTimeHow, Is.EqualTo(FsalTimeSet.ClientTime));
        Assert.That(r.AccessTime, Is.EqualTo(new NfsTime4(-5, 1)));
        Assert.That(r.ModifyTimeHow, Is.EqualTo(FsalTimeSet.ClientTime));
        Assert.That(r.ModifyTime, Is.EqualTo(new NfsTime4(1_700_000_000, 999_999_999)));
    }

    [Test]
    public void Every_settable_attribute_at_once_in_bit_order()
    {
        uint uid = 5, gid = 6;
        _ids.Setup(m => m.TryParseUser("5", out uid)).Returns(true);
        _ids.Setup(m => m.TryParseGroup("6", out gid)).Returns(true);
        var fattr = new FattrBuilder().Size(1).Mode(0x1A4).Owner("5").OwnerGroup("6").AccessTimeServer().ModifyTime(2, 3).Build();
        Assert.That(Decode(fattr, out var r, out var applied), Is.EqualTo(NfsStat4.Ok));
        Assert.That(r.Set, Is.EqualTo(FsalAttrMask.Size | FsalAttrMask.Mode | FsalAttrMask.Owner | FsalAttrMask.Group));
        Assert.That((r.Size, r.Mode, r.Uid, r.Gid), Is.EqualTo((1UL, 0x1A4u, 5u, 6u)));
        Assert.That(applied, Is.EqualTo(fattr.Mask));
    }

    [Test]
    public void Empty_mask_sets_nothing()
    {
        Assert.That(Decode(new FattrBuilder().Build(), out var r, out var applied), Is.EqualTo(NfsStat4.Ok));
        Assert.That(r.IsEmpty, Is.True);
        Assert.That(applied.IsEmpty, Is.True);
    }

    [Test]
    public void Trailing_bytes_are_BADXDR()
    {
        Assert.That(Decode(new FattrBuilder().Mode(0x1A4).Build(trailing: [0, 0, 0, 1]), out _, out _), Is.EqualTo(NfsStat4.Badxdr));
    }

    [TestCase(0)]
    [TestCase(4)]
    [TestCase(7)]
    public void Truncated_values_are_BADXDR(int length)
    {
        var fattr = FattrBuilder.Raw(Bitmap4.Of(A.Size), new byte[length]);
        Assert.That(Decode(fattr, out _, out _), Is.EqualTo(NfsStat4.Badxdr));
    }

    [Test]
    public void Unknown_time_how_is_BADXDR()
    {
        Assert.That(Decode(new FattrBuilder().Add(A.TimeAccessSet, w => w.WriteInt32(7)).Build(), out _, out _), Is.EqualTo(NfsStat4.Badxdr));
    }

    [TestCase(A.Acl)]
    [TestCase(A.Archive)]
    [TestCase(A.Hidden)]
    [TestCase(A.TimeCreate)]
    [TestCase(A.TimeBackup)]
    [TestCase(90)]
    public void Unsupported_attribute_is_ATTRNOTSUPP(int bit)
    {
        var fattr = FattrBuilder.Raw(Bitmap4.Of(bit), new byte[16]);
        Assert.That(Decode(fattr, out _, out _), Is.EqualTo(NfsStat4.Attrnotsupp));
    }

    [Test]
    public void Attribute_beyond_bit_95_is_ATTRNOTSUPP()
    {
        var fattr = FattrBuilder.Raw(new Bitmap4(0, 0, 0, HasBitsBeyondRange: true), []);
        Assert.That(Decode(fattr, out _, out _), Is.EqualTo(NfsStat4.Attrnotsupp));
    }

    [TestCase(A.SupportedAttrs)]
    [TestCase(A.Type)]
    [TestCase(A.Change)]
    [TestCase(A.Fsid)]
    [TestCase(A.Filehandle)]
    [TestCase(A.Fileid)]
    [TestCase(A.Numlinks)]
    [TestCase(A.SpaceUsed)]
    [TestCase(A.TimeAccess)]
    [TestCase(A.TimeModify)]
    [TestCase(A.TimeMetadata)]
    [TestCase(A.MountedOnFileid)]
    public void Read_only_attribute_is_INVAL(int bit)
    {
        var fattr = FattrBuilder.Raw(Bitmap4.Of(bit), new byte[32]);
        Assert.That(Decode(fattr, out _, out _), Is.EqualTo(NfsStat4.Inval));
    }

    [TestCase(0x1000u)]
    [TestCase(0xFFFFFFFFu)]
    public void Mode_above_07777_is_INVAL(uint mode)
    {
        Assert.That(Decode(new FattrBuilder().Mode(mode).Build(), out _, out _), Is.EqualTo(NfsStat4.Inval));
    }

    [Test]
    public void Nanoseconds_of_a_billion_or_more_are_INVAL()
    {
        Assert.That(Decode(new FattrBuilder().ModifyTime(0, 1_000_000_000).Build(), out _, out _), Is.EqualTo(NfsStat4.Inval));
        Assert.That(Decode(new FattrBuilder().AccessTime(0, uint.MaxValue).Build(), out _, out _), Is.EqualTo(NfsStat4.Inval));
    }

    [Test]
    public void Values_are_read_only_from_the_fattr4_values_not_beyond()
    {
        using var w = new XdrWriter(64);
        w.WriteUInt32(0x1A4);
        var values = w.WrittenSpan.ToArray();
        var fattr = new Fattr4(Bitmap4.Of(A.Mode, A.Size), values); // size is missing: must not read past the values
        Assert.That(Decode(fattr, out _, out _), Is.EqualTo(NfsStat4.Badxdr));
    }
}
