using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Tests;

[TestFixture]
public class OpenOperationCodecTests
{
    private static readonly StateOwner4 Owner = new(0x1122334455667788, "owner-A"u8.ToArray());
    private static readonly Fattr4 Attrs = new(Bitmap4.Of(Nfs4Attribute.Mode), Wire.Words(0x1ED));
    private static readonly StateId4 DelegSid = new(3, 0xA1A2A3A4A5A6A7A8, 0xB1B2B3B4);

    private static OpenArgs Base => new(
        7, OpenShare4.AccessBoth, OpenShare4.DenyWrite, Owner,
        OpenType4.NoCreate, CreateMode4.Unchecked, default, default,
        OpenClaimType4.Null, "file.txt"u8.ToArray(), OpenDelegationType4.None, default);

    private static void AssertSame(OpenArgs actual, OpenArgs expected)
    {
        Assert.That(actual.SeqId, Is.EqualTo(expected.SeqId));
        Assert.That(actual.ShareAccess, Is.EqualTo(expected.ShareAccess));
        Assert.That(actual.ShareDeny, Is.EqualTo(expected.ShareDeny));
        CodecAssert.SameOwner(actual.Owner, expected.Owner);
        Assert.That(actual.OpenType, Is.EqualTo(expected.OpenType));
        Assert.That(actual.CreateMode, Is.EqualTo(expected.CreateMode));
        CodecAssert.SameFattr(actual.CreateAttributes, expected.CreateAttributes);
        Assert.That(actual.CreateVerifier, Is.EqualTo(expected.CreateVerifier));
        Assert.That(actual.Claim, Is.EqualTo(expected.Claim));
        CodecAssert.SameBytes(actual.Name, expected.Name, "name");
        Assert.That(actual.DelegateType, Is.EqualTo(expected.DelegateType));
        Assert.That(actual.DelegateStateId, Is.EqualTo(expected.DelegateStateId));
    }

    private static OpenArgs WithCreate(OpenArgs a, CreateMode4 mode) => mode switch
    {
        CreateMode4.Unchecked or CreateMode4.Guarded => a with { OpenType = OpenType4.Create, CreateMode = mode, CreateAttributes = Attrs },
        CreateMode4.Exclusive => a with { OpenType = OpenType4.Create, CreateMode = mode, CreateVerifier = new Verifier4(0xFEEDFACECAFEBEEF) },
        CreateMode4.Exclusive41 => a with { OpenType = OpenType4.Create, CreateMode = mode, CreateVerifier = new Verifier4(0x0102030405060708), CreateAttributes = Attrs },
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    private static OpenArgs WithClaim(OpenArgs a, OpenClaimType4 claim) => claim switch
    {
        OpenClaimType4.Null or OpenClaimType4.DelegatePrevious => a with { Claim = claim, Name = System.Text.Encoding.UTF8.GetBytes($"name-{(int)claim}") },
        OpenClaimType4.Previous => a with { Claim = claim, Name = default, DelegateType = OpenDelegationType4.Write },
        OpenClaimType4.DelegateCurrent => a with { Claim = claim, Name = "cur.dat"u8.ToArray(), DelegateStateId = DelegSid },
        OpenClaimType4.Fh or OpenClaimType4.DelegPrevFh => a with { Claim = claim, Name = default },
        OpenClaimType4.DelegCurFh => a with { Claim = claim, Name = default, DelegateStateId = DelegSid },
        _ => throw new ArgumentOutOfRangeException(nameof(claim)),
    };

    [TestCase(CreateMode4.Unchecked)]
    [TestCase(CreateMode4.Guarded)]
    [TestCase(CreateMode4.Exclusive)]
    [TestCase(CreateMode4.Exclusive41)]
    public void OpenArgs_EveryCreateMode_RoundTrips(CreateMode4 mode)
    {
        var args = WithCreate(Base, mode);
        AssertSame(CodecAssert.RoundTrip(args.Encode, OpenArgs.Decode), args);
    }

    [TestCase(OpenClaimType4.Null)]
    [TestCase(OpenClaimType4.Previous)]
    [TestCase(OpenClaimType4.DelegateCurrent)]
    [TestCase(OpenClaimType4.DelegatePrevious)]
    [TestCase(OpenClaimType4.Fh)]
    [TestCase(OpenClaimType4.DelegCurFh)]
    [TestCase(OpenClaimType4.DelegPrevFh)]
    public void OpenArgs_EveryClaimType_RoundTrips(OpenClaimType4 claim)
    {
        var args = WithClaim(Base, claim);
        AssertSame(CodecAssert.RoundTrip(args.Encode, OpenArgs.Decode), args);
    }

    [Test]
    public void OpenArgs_EveryCreateModeWithEveryClaim_RoundTrips()
    {
        foreach (var mode in Enum.GetValues<CreateMode4>())
            foreach (var claim in Enum.GetValues<OpenClaimType4>())
            {
                var args = WithClaim(WithCreate(Base, mode), claim);
                var bytes = Wire.Encode(args.Encode);
                var r = new XdrReader(bytes);
                AssertSame(OpenArgs.Decode(r), args);
                Assert.That(r.Remaining, Is.Zero, $"{mode}/{claim}");
            }
    }

    [Test]
    public void OpenArgs_GuardedCreateClaimNull_MatchesRfcLayout()
    {
        var args = WithCreate(Base, CreateMode4.Guarded) with { Name = "ab"u8.ToArray() };
        var expected = Wire.Concat(
            Wire.Words(7, 3, 2),                                   // seqid, share_access BOTH, share_deny WRITE
            Wire.Words(0x11223344, 0x55667788, 7), "owner-A"u8.ToArray(), new byte[1], // open_owner4
            Wire.Words(1, 1),                                      // OPEN4_CREATE, GUARDED4
            Wire.Words(2, 0, 2, 4, 0x1ED),                         // fattr4 {bitmap [0, 1<<1], opaque<4>}
            Wire.Words(0, 2), "ab"u8.ToArray(), new byte[2]);      // CLAIM_NULL, component4
        Assert.That(Wire.Encode(args.Encode), Is.EqualTo(expected));
        AssertSame(OpenArgs.Decode(new XdrReader(expected)), args);
    }

    [Test]
    public void OpenArgs_Exclusive41DelegCurFh_MatchesRfcLayout()
    {
        var args = WithClaim(WithCreate(Base, CreateMode4.Exclusive41), OpenClaimType4.DelegCurFh);
        var expected = Wire.Concat(
            Wire.Words(7, 3, 2),
            Wire.Words(0x11223344, 0x55667788, 7), "owner-A"u8.ToArray(), new byte[1],
            Wire.Words(1, 3),                                      // OPEN4_CREATE, EXCLUSIVE4_1
            Wire.Hex("0102030405060708"),                          // cva_verf
            Wire.Words(2, 0, 2, 4, 0x1ED),                         // cva_attrs
            Wire.Words(5),                                         // CLAIM_DELEG_CUR_FH
            Wire.Words(3), Wire.Hex("A1A2A3A4A5A6A7A8B1B2B3B4"));   // oc_delegate_stateid
        Assert.That(Wire.Encode(args.Encode), Is.EqualTo(expected));
    }

    [TestCase(2)]
    [TestCase(-1)]
    [TestCase(int.MaxValue)]
    public void OpenArgs_UnknownOpenType_IsRejected(int openType)
    {
        var bytes = Wire.Concat(Wire.Words(1, 1, 0, 0, 0, 0), Wire.Words((uint)openType, 0, 0, 0, 0, 0, 0, 0));
        Wire.ThrowsXdr(XdrErrorKind.BadValue, () => OpenArgs.Decode(new XdrReader(bytes)));
    }

    [TestCase(4)]
    [TestCase(-1)]
    [TestCase(100)]
    public void OpenArgs_UnknownCreateMode_IsRejected(int mode)
    {
        var bytes = Wire.Concat(Wire.Words(1, 1, 0, 0, 0, 0), Wire.Words(1, (uint)mode, 0, 0, 0, 0, 0, 0, 0));
        Wire.ThrowsXdr(XdrErrorKind.BadValue, () => OpenArgs.Decode(new XdrReader(bytes)));
    }

    [TestCase(7)]
    [TestCase(-1)]
    [TestCase(1000)]
    public void OpenArgs_UnknownClaimType_IsRejected(int claim)
    {
        var bytes = Wire.Concat(Wire.Words(1, 1, 0, 0, 0, 0), Wire.Words(0, (uint)claim, 0, 0, 0, 0, 0, 0, 0));
        Wire.ThrowsXdr(XdrErrorKind.BadValue, () => OpenArgs.Decode(new XdrReader(bytes)));
    }

    // ---- OPEN4resok ----

    private static readonly StateId4 OpenSid = new(1, 0x0000000100000002, 0x00000003);
    private static readonly ChangeInfo4 Cinfo = new(true, 10, 11);

    private static byte[] ResOkPrefix(uint delegationType) => Wire.Concat(
        Wire.Words(1, 1, 2, 3),                 // stateid4
        Wire.Words(1, 0, 10, 0, 11),            // change_info4 {atomic, before, after}
        Wire.Words(0x6),                        // rflags CONFIRM|LOCKTYPE_POSIX
        Wire.Words(2, 0, 1),                    // attrset: bit 32
        Wire.Words(delegationType));

    private static byte[] Ace(string who) => Wire.Concat(
        Wire.Words(0, 0, 0x1F, (uint)who.Length), System.Text.Encoding.UTF8.GetBytes(who), new byte[XdrReader.Padded(who.Length) - who.Length]);

    private static void AssertResOk(OpenResult d)
    {
        Assert.That(d.StateId, Is.EqualTo(OpenSid));
        Assert.That(d.ChangeInfo, Is.EqualTo(Cinfo));
        Assert.That(d.Flags, Is.EqualTo(OpenResultFlags4.Confirm | OpenResultFlags4.LockTypePosix));
        Assert.That(d.AttrSet, Is.EqualTo(Bitmap4.Of(32)));
    }

    private static OpenResult DecodeAll(byte[] bytes)
    {
        var withMarker = Wire.Concat(bytes, Wire.Words(0xC0FFEE));
        var r = new XdrReader(withMarker);
        var d = OpenResult.Decode(r);
        Assert.That(r.ReadUInt32(), Is.EqualTo(0xC0FFEEu), "the delegation body is consumed exactly");
        Assert.That(r.Remaining, Is.Zero);
        return d;
    }

    [Test]
    public void OpenResult_EncodeDecode_RoundTripsWithDelegationNone()
    {
        var res = new OpenResult(OpenSid, Cinfo, OpenResultFlags4.Confirm | OpenResultFlags4.LockTypePosix, Bitmap4.Of(32), OpenDelegationType4.None, default);
        var d = CodecAssert.RoundTrip(res.Encode, OpenResult.Decode, out var bytes);
        Assert.That(d, Is.EqualTo(res));
        Assert.That(bytes, Is.EqualTo(ResOkPrefix(0)));
    }

    [TestCase(OpenDelegationType4.Read)]
    [TestCase(OpenDelegationType4.Write)]
    public void OpenResult_EncodeDecode_RoundTripsGrantedDelegation(OpenDelegationType4 type)
    {
        var res = new OpenResult(OpenSid, Cinfo, OpenResultFlags4.None, Bitmap4.Empty, type, DelegSid);
        var d = DecodeAll(Wire.Encode(res.Encode));
        Assert.That(d.Delegation, Is.EqualTo(type));
        Assert.That(d.DelegationStateId, Is.EqualTo(DelegSid));
    }

    [Test]
    public void OpenResult_Encode_WriteDelegationCarriesSpaceLimit()
    {
        var res = new OpenResult(OpenSid, Cinfo, OpenResultFlags4.None, Bitmap4.Empty, OpenDelegationType4.Write, DelegSid, SpaceLimit: 4096);
        var r = new XdrReader(Wire.Encode(res.Encode));
        StateId4.Decode(r); ChangeInfo4.Decode(r); r.ReadUInt32(); Bitmap4.Decode(r);
        Assert.That(r.ReadInt32(), Is.EqualTo((int)OpenDelegationType4.Write));
        Assert.That(StateId4.Decode(r), Is.EqualTo(DelegSid));
        Assert.That(r.ReadBool(), Is.False, "recall");
        Assert.That(r.ReadInt32(), Is.EqualTo(1), "NFS_LIMIT_SIZE");
        Assert.That(r.ReadUInt64(), Is.EqualTo(4096UL));
    }

    [TestCase("OWNER@")]
    [TestCase("EVERYONE@")]
    [TestCase("")]
    public void OpenResult_DecodesReadDelegation(string who)
    {
        var bytes = Wire.Concat(ResOkPrefix(1),
            Wire.Words(3), Wire.Hex("A1A2A3A4A5A6A7A8B1B2B3B4"),  // stateid
            Wire.Words(0),                                        // recall = false
            Ace(who));                                            // permissions
        var d = DecodeAll(bytes);
        AssertResOk(d);
        Assert.That(d.Delegation, Is.EqualTo(OpenDelegationType4.Read));
        Assert.That(d.DelegationStateId, Is.EqualTo(DelegSid));
    }

    [Test]
    public void OpenResult_DecodesWriteDelegationLimitedBySize()
    {
        var bytes = Wire.Concat(ResOkPrefix(2),
            Wire.Words(3), Wire.Hex("A1A2A3A4A5A6A7A8B1B2B3B4"),
            Wire.Words(1),                                        // recall = true
            Wire.Words(1, 0x00000001, 0x00000000),                // NFS_LIMIT_SIZE, filesize
            Ace("OWNER@"));
        var d = DecodeAll(bytes);
        AssertResOk(d);
        Assert.That(d.Delegation, Is.EqualTo(OpenDelegationType4.Write));
        Assert.That(d.DelegationStateId, Is.EqualTo(DelegSid));
    }

    [Test]
    public void OpenResult_DecodesWriteDelegationLimitedByBlocks()
    {
        var bytes = Wire.Concat(ResOkPrefix(2),
            Wire.Words(3), Wire.Hex("A1A2A3A4A5A6A7A8B1B2B3B4"),
            Wire.Words(0),
            Wire.Words(2, 100, 4096),                             // NFS_LIMIT_BLOCKS, num_blocks, bytes_per_block
            Ace("GROUP@"));
        var d = DecodeAll(bytes);
        AssertResOk(d);
        Assert.That(d.Delegation, Is.EqualTo(OpenDelegationType4.Write));
        Assert.That(d.DelegationStateId, Is.EqualTo(DelegSid));
    }

    // why_no_delegation4 (RFC 8881 section 18.16.2): WND4_CONTENTION = 1 and WND4_RESOURCE = 2 carry a bool.
    [TestCase(0u, false)]                    // WND4_NOT_WANTED
    [TestCase(1u, true)]
    [TestCase(2u, true)]                     // WND4_RESOURCE
    [TestCase(3u, false)]
    [TestCase(4u, false)]                    // WND4_WRITE_DELEG_NOT_SUPP_FTYPE
    [TestCase(5u, false)]
    [TestCase(6u, false)]
    [TestCase(7u, false)]                    // WND4_CANCELLED
    [TestCase(8u, false)]                    // WND4_IS_DIR
    public void OpenResult_DecodesNoneExtDelegation(uint why, bool hasBool)
    {
        var bytes = Wire.Concat(ResOkPrefix(3), Wire.Words(why), hasBool ? Wire.Words(1) : []);
        var d = DecodeAll(bytes);
        AssertResOk(d);
        Assert.That(d.Delegation, Is.EqualTo(OpenDelegationType4.NoneExt));
        Assert.That(d.DelegationStateId, Is.EqualTo(default(StateId4)));
    }

    [Test]
    public void OpenResult_DelegationAceWhoAboveOpaqueLimit_IsRejected()
    {
        var bytes = Wire.Concat(ResOkPrefix(1), Wire.Words(3), new byte[12], Wire.Words(0), Wire.Words(0, 0, 0, 1025), new byte[1028]);
        Wire.ThrowsXdr(XdrErrorKind.TooLong, () => OpenResult.Decode(new XdrReader(bytes)));
    }

    [Test]
    public void OpenResult_TruncatedDelegationBody_IsRejected()
    {
        var full = Wire.Concat(ResOkPrefix(2), Wire.Words(3), new byte[12], Wire.Words(0), Wire.Words(2, 100, 4096), Ace("OWNER@"));
        for (int n = ResOkPrefix(2).Length; n < full.Length; n++)
        {
            var prefix = full[..n];
            Wire.ThrowsXdr(XdrErrorKind.Truncated, () => OpenResult.Decode(new XdrReader(prefix)));
        }
    }
}
