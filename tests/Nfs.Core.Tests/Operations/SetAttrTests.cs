using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Xdr;
using Nfs.TestClient;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Tests.Operations;

/// <summary>SETATTR (RFC 7530 section 16.32): attribute validation, stateid checks, attrsset.</summary>
public sealed class SetAttrTests : ServerTest
{
    private byte[] _file = null!;
    private byte[] _dir = null!;

    [SetUp]
    public async Task CreateObjectsAsync()
    {
        _file = await Session.CreateFileAsync("file", new byte[100]);
        _dir = await Session.MkdirAsync("dir");
    }

    private Task<CompoundReply> SetAsync(byte[] fh, Fattr4 attrs, StateId4 stateId = default) =>
        CompoundAsync(c => c.PutFh(fh).SetAttr(stateId, attrs));

    private static Bitmap4 AttrsSet(CompoundReply r)
    {
        var reader = r.Last(NfsOp4.Setattr).Reader;
        var set = Bitmap4.Decode(reader);
        Assert.That(reader.Remaining, Is.Zero);
        return set;
    }

    [TestCase(A.Archive)]
    [TestCase(A.Hidden)]
    [TestCase(A.System)]
    public async Task Unsupported_settable_attribute_is_ATTRNOTSUPP(int attr)
    {
        var r = await SetAsync(_file, new FattrBuilder().Bool(attr, true).Build());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Attrnotsupp), r.Describe());
        Assert.That(AttrsSet(r).IsEmpty, Is.True);
    }

    [Test]
    public async Task Unsupported_time_create_is_ATTRNOTSUPP()
    {
        var r = await SetAsync(_file, new FattrBuilder().Add(A.TimeCreate, w => new NfsTime4(1, 0).Encode(w)).Build());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Attrnotsupp));
    }

    [Test]
    public async Task Attribute_beyond_the_known_range_is_ATTRNOTSUPP()
    {
        var r = await CompoundAsync(c => c.PutFh(_file).Raw(NfsOp4.Setattr, w =>
        {
            default(StateId4).Encode(w);
            w.WriteUInt32(5);
            for (int i = 0; i < 4; i++) w.WriteUInt32(0);
            w.WriteUInt32(1); // attribute 128
            w.WriteOpaque(new byte[4]);
        }));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Attrnotsupp));
    }

    public static IEnumerable<TestCaseData> ReadOnlyAttributes()
    {
        TestCaseData Case(string name, FattrBuilder b) => new TestCaseData(b.Build()).SetArgDisplayNames(name);
        yield return Case("type", new FattrBuilder().Type(NfsFileType4.Regular));
        yield return Case("change", new FattrBuilder().UInt64(A.Change, 7));
        yield return Case("fileid", new FattrBuilder().UInt64(A.Fileid, 7));
        yield return Case("numlinks", new FattrBuilder().UInt32(A.Numlinks, 7));
        yield return Case("space_used", new FattrBuilder().UInt64(A.SpaceUsed, 7));
        yield return Case("lease_time", new FattrBuilder().UInt32(A.LeaseTime, 7));
        yield return Case("time_modify", new FattrBuilder().Add(A.TimeModify, w => new NfsTime4(1, 0).Encode(w)));
        yield return Case("fsid", new FattrBuilder().Add(A.Fsid, w => { w.WriteUInt64(1); w.WriteUInt64(2); }));
        yield return Case("mode then type", new FattrBuilder().Mode(0x1FF).Type(NfsFileType4.Regular));
    }

    [TestCaseSource(nameof(ReadOnlyAttributes))]
    public async Task Read_only_attribute_is_INVAL_and_nothing_is_set(Fattr4 attrs)
    {
        var r = await SetAsync(_file, attrs);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Inval), r.Describe());
        Assert.That(AttrsSet(r).IsEmpty, Is.True);
        var mode = (await Session.GetAttrsAsync(_file, A.Mode))[A.Mode];
        Assert.That(mode, Is.EqualTo(0x1A4u), "mode must not change when the SETATTR fails");
    }

    [TestCase("nosuchuser_zz_9@localdomain")]
    [TestCase("1000@otherdomain.example")]
    [TestCase("@localdomain")]
    public async Task Unmappable_owner_is_BADOWNER(string owner)
    {
        var r = await SetAsync(_file, new FattrBuilder().Owner(owner).Build());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Badowner), r.Describe());
    }

    [Test]
    public async Task Unmappable_owner_group_is_BADOWNER()
    {
        var r = await SetAsync(_file, new FattrBuilder().OwnerGroup("nosuchgroup_zz_9@localdomain").Build());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Badowner));
    }

    [Test]
    public async Task Empty_owner_is_INVAL()
    {
        var r = await SetAsync(_file, new FattrBuilder().Owner("").Build());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Inval));
    }

    [Test]
    public async Task Empty_owner_group_is_INVAL()
    {
        var r = await SetAsync(_file, new FattrBuilder().OwnerGroup("").Build());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Inval));
    }

    [Test]
    public async Task Owner_that_is_not_UTF8_is_refused()
    {
        var r = await SetAsync(_file, new FattrBuilder().Owner(new byte[] { 0xFF, 0x31 }).Build());
        Assert.That(r.Status, Is.AnyOf(NfsStat4.Badowner, NfsStat4.Inval, NfsStat4.Badchar));
    }

    [TestCase(0x1000u)]   // 010000
    [TestCase(0xFFFFu)]
    [TestCase(0xFFFFFFFFu)]
    public async Task Mode_above_07777_is_INVAL(uint mode)
    {
        var r = await SetAsync(_file, new FattrBuilder().Mode(mode).Build());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Inval));
    }

    [TestCase(1_000_000_000u)]
    [TestCase(uint.MaxValue)]
    public async Task Time_with_a_billion_nanoseconds_or_more_is_INVAL(uint nanoseconds)
    {
        var r1 = await SetAsync(_file, new FattrBuilder().ModifyTime(1, nanoseconds).Build());
        var r2 = await SetAsync(_file, new FattrBuilder().AccessTime(1, nanoseconds).Build());
        Assert.That(r1.Status, Is.EqualTo(NfsStat4.Inval));
        Assert.That(r2.Status, Is.EqualTo(NfsStat4.Inval));
    }

    [Test]
    public async Task Unknown_time_how_is_BADXDR()
    {
        var r = await SetAsync(_file, new FattrBuilder().Add(A.TimeModifySet, w => w.WriteInt32(2)).Build());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Badxdr));
    }

    [Test]
    public async Task Size_of_a_directory_is_ISDIR()
    {
        var r = await SetAsync(_dir, new FattrBuilder().Size(0).Build());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Isdir));
        Assert.That(AttrsSet(r).IsEmpty, Is.True);
    }

    [Test]
    public async Task Size_of_a_symlink_is_INVAL()
    {
        var link = await Session.SymlinkAsync("link", "file");
        var r = await SetAsync(link, new FattrBuilder().Size(0).Build());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Inval));
    }

    [Test]
    public async Task Values_with_trailing_bytes_are_BADXDR()
    {
        var r = await SetAsync(_file, new FattrBuilder().Mode(0x1ED).Build(trailing: [0, 0, 0, 0]));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Badxdr));
    }

    [Test]
    public async Task Values_shorter_than_the_mask_needs_are_BADXDR()
    {
        var r = await SetAsync(_file, FattrBuilder.Raw(Bitmap4.Of(A.Size, A.Mode), new byte[8]));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Badxdr));
    }

    [Test]
    public async Task Successful_SETATTR_returns_the_attributes_set_and_applies_them()
    {
        var attrs = new FattrBuilder().Size(10).Mode(0x1C0).Owner("1234").OwnerGroup("2345").ModifyTime(1_600_000_000, 5).Build();
        var r = await SetAsync(_file, attrs);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), r.Describe());
        Assert.That(AttrsSet(r), Is.EqualTo(attrs.Mask));
        var now = await Session.GetAttrsAsync(_file, A.Size, A.Mode, A.Owner, A.OwnerGroup, A.TimeModify);
        Assert.That(now[A.Size], Is.EqualTo(10UL));
        Assert.That(now[A.Mode], Is.EqualTo(0x1C0u));
        Assert.That(now[A.Owner], Is.EqualTo("1234"));
        Assert.That(now[A.OwnerGroup], Is.EqualTo("2345"));
        Assert.That(now[A.TimeModify], Is.EqualTo(new NfsTime4(1_600_000_000, 5)));
    }

    [Test]
    public async Task Owner_in_name_at_domain_form_with_a_numeric_name_is_accepted()
    {
        var r = await SetAsync(_file, new FattrBuilder().Owner("4321@localdomain").Build());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), r.Describe());
        Assert.That((await Session.GetAttrsAsync(_file, A.Owner))[A.Owner], Is.EqualTo("4321"));
    }

    [Test]
    public async Task Empty_mask_is_OK_with_an_empty_attrsset()
    {
        var r = await SetAsync(_file, new FattrBuilder().Build());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok));
        Assert.That(AttrsSet(r).IsEmpty, Is.True);
    }

    [Test]
    public async Task Times_set_to_server_time_are_accepted()
    {
        var r = await SetAsync(_file, new FattrBuilder().AccessTimeServer().ModifyTimeServer().Build());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok));
    }

    [Test]
    public async Task Change_of_mode_by_a_user_who_is_not_the_owner_is_PERM()
    {
        var r = await Session.CompoundAsync(c => c.PutFh(_file).SetAttr(default, new FattrBuilder().Mode(0x1FF).Build()), Credentials.Sys(1000));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Perm));
    }

    [Test]
    public async Task Size_with_the_stateid_of_a_read_only_open_is_OPENMODE()
    {
        var open = await Session.OpenAsync("file", create: false, access: OpenShare4.AccessRead);
        var r = await SetAsync(open.Handle, new FattrBuilder().Size(0).Build(), open.StateId);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Openmode));
    }

    [Test]
    public async Task Size_with_the_stateid_of_another_file_is_BAD_STATEID()
    {
        var other = await Session.OpenAsync("other");
        var r = await SetAsync(_file, new FattrBuilder().Size(0).Build(), other.StateId);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.BadStateid));
    }

    [Test]
    public async Task Size_with_an_open_stateid_for_writing_is_applied()
    {
        var open = await Session.OpenAsync("file", create: false);
        var r = await SetAsync(open.Handle, new FattrBuilder().Size(3).Build(), open.StateId);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), r.Describe());
        Assert.That((await Session.GetAttrsAsync(_file, A.Size))[A.Size], Is.EqualTo(3UL));
    }

    [Test]
    public async Task Size_with_the_anonymous_stateid_on_a_file_another_owner_opened_DENY_WRITE_is_refused()
    {
        await Session.OpenAsync("file", create: false, access: OpenShare4.AccessRead, deny: OpenShare4.DenyWrite);
        var r = await SetAsync(_file, new FattrBuilder().Size(0).Build());
        Assert.That(r.Status, Is.AnyOf(NfsStat4.Locked, NfsStat4.ShareDenied));
        Assert.That((await Session.GetAttrsAsync(_file, A.Size))[A.Size], Is.EqualTo(100UL));
    }
}
