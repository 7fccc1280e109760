using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Tests;

[TestFixture]
public class Nfs4OperationCodecTests
{
    private static readonly StateId4 Sid = new(0x01020304, 0x1112131415161718, 0x21222324);
    private static readonly byte[] SidBytes = Wire.Hex("01020304 1112131415161718 21222324");

    [Test]
    public void ComponentArgs_RoundTrips()
    {
        var d = CodecAssert.RoundTrip(w => ComponentArgs.Encode(w, "Ünïcode.txt"), ComponentArgs.Decode);
        Assert.That(System.Text.Encoding.UTF8.GetString(d.Span), Is.EqualTo("Ünïcode.txt"));
    }

    [Test]
    public void ComponentArgs_AboveOpaqueLimit_IsTooLong()
    {
        var bytes = Wire.Encode(w => w.WriteString(new string('a', 1025)));
        Wire.ThrowsXdr(XdrErrorKind.TooLong, () => ComponentArgs.Decode(new XdrReader(bytes)));
    }

    [Test]
    public void ComponentArgs_KeepsNonUtf8BytesForTheCallerToJudge()
    {
        var bytes = Wire.Encode(w => w.WriteOpaque([0xFF, 0xFE]));
        Assert.That(ComponentArgs.Decode(new XdrReader(bytes)).ToArray(), Is.EqualTo(new byte[] { 0xFF, 0xFE }));
    }

    [TestCase(Access4.None)]
    [TestCase(Access4.Read | Access4.Lookup | Access4.Modify | Access4.Extend | Access4.Delete | Access4.Execute)]
    [TestCase(Access4.XattrRead | Access4.XattrWrite | Access4.XattrList)]
    public void AccessArgsAndResult_RoundTrip(Access4 access)
    {
        var args = new AccessArgs(access);
        Assert.That(CodecAssert.RoundTrip(args.Encode, AccessArgs.Decode, out var bytes), Is.EqualTo(args));
        Assert.That(bytes, Is.EqualTo(Wire.Words((uint)access)));
        var res = new AccessResult(Access4.Read | Access4.Execute, access);
        Assert.That(CodecAssert.RoundTrip(res.Encode, AccessResult.Decode, out var resBytes), Is.EqualTo(res));
        Assert.That(resBytes, Is.EqualTo(Wire.Words(0x21, (uint)access)), "supported then access");
    }

    [Test]
    public void CloseArgs_RoundTripsSeqIdThenStateId()
    {
        var args = new CloseArgs(9, Sid);
        Assert.That(CodecAssert.RoundTrip(args.Encode, CloseArgs.Decode, out var bytes), Is.EqualTo(args));
        Assert.That(bytes, Is.EqualTo(Wire.Concat(Wire.Words(9), SidBytes)));
    }

    [TestCase(0ul, 0u)]
    [TestCase(ulong.MaxValue, uint.MaxValue)]
    public void CommitArgs_RoundTrips(ulong offset, uint count)
    {
        var args = new CommitArgs(offset, count);
        Assert.That(CodecAssert.RoundTrip(args.Encode, CommitArgs.Decode, out var bytes), Is.EqualTo(args));
        Assert.That(bytes, Has.Length.EqualTo(12));
    }

    [Test]
    public void GetAttrArgs_RoundTrips()
    {
        var args = new GetAttrArgs(Bitmap4.Of(Nfs4Attribute.Type, Nfs4Attribute.Change, Nfs4Attribute.TimeModify, Nfs4Attribute.SuppattrExclcreat));
        Assert.That(CodecAssert.RoundTrip(args.Encode, GetAttrArgs.Decode), Is.EqualTo(args));
    }

    [Test]
    public void OpenConfirmArgs_RoundTripsStateIdThenSeqId()
    {
        var args = new OpenConfirmArgs(Sid, 42);
        Assert.That(CodecAssert.RoundTrip(args.Encode, OpenConfirmArgs.Decode, out var bytes), Is.EqualTo(args));
        Assert.That(bytes, Is.EqualTo(Wire.Concat(SidBytes, Wire.Words(42))));
    }

    [Test]
    public void OpenDowngradeArgs_RoundTrips()
    {
        var args = new OpenDowngradeArgs(Sid, 5, OpenShare4.AccessRead, OpenShare4.DenyNone);
        Assert.That(CodecAssert.RoundTrip(args.Encode, OpenDowngradeArgs.Decode, out var bytes), Is.EqualTo(args));
        Assert.That(bytes, Is.EqualTo(Wire.Concat(SidBytes, Wire.Words(5, 1, 0))));
    }

    [Test]
    public void ReadArgs_RoundTrips()
    {
        var args = new ReadArgs(StateId4.Bypass, 0x1_0000_0000, 65536);
        Assert.That(CodecAssert.RoundTrip(args.Encode, ReadArgs.Decode, out var bytes), Is.EqualTo(args));
        Assert.That(bytes[16..], Is.EqualTo(Wire.Words(1, 0, 65536)));
    }

    [TestCase(true, 0)]
    [TestCase(false, 1)]
    [TestCase(false, 5)]
    [TestCase(true, 8192)]
    public void ReadResult_DecodesHandEncodedReply(bool eof, int length)
    {
        var data = Wire.Pattern(length, 4);
        var bytes = Wire.Concat(Wire.Words(eof ? 1u : 0u, (uint)length), data, new byte[XdrReader.Padded(length) - length]);
        var r = new XdrReader(bytes);
        var d = ReadResult.Decode(r);
        Assert.That(d.Eof, Is.EqualTo(eof));
        Assert.That(d.Data.ToArray(), Is.EqualTo(data));
        Assert.That(r.Remaining, Is.Zero);
    }

    [Test]
    public void ReadResult_HugeLength_IsRejectedWithoutAllocating()
    {
        Wire.ThrowsXdr(XdrErrorKind.TooLong, () => ReadResult.Decode(new XdrReader(Wire.Words(1, 0xFFFFFFFF, 0))));
        Wire.ThrowsXdr(XdrErrorKind.Truncated, () => ReadResult.Decode(new XdrReader(Wire.Words(1, 0x7FFFFFFF, 0))));
    }

    [Test]
    public void RenameArgs_RoundTrips()
    {
        var args = new RenameArgs("old"u8.ToArray(), "new-name"u8.ToArray());
        var d = CodecAssert.RoundTrip(args.Encode, RenameArgs.Decode, out var bytes);
        CodecAssert.SameBytes(d.OldName, args.OldName, "old");
        CodecAssert.SameBytes(d.NewName, args.NewName, "new");
        Assert.That(bytes, Is.EqualTo(Wire.Concat(Wire.Words(3), "old\0"u8.ToArray(), Wire.Words(8), "new-name"u8.ToArray())));
    }

    [Test]
    public void SetAttrArgs_RoundTrips()
    {
        var args = new SetAttrArgs(Sid, new Fattr4(Bitmap4.Of(Nfs4Attribute.Size, Nfs4Attribute.Owner), Wire.Pattern(19)));
        var d = CodecAssert.RoundTrip(args.Encode, SetAttrArgs.Decode);
        Assert.That(d.StateId, Is.EqualTo(Sid));
        CodecAssert.SameFattr(d.Attributes, args.Attributes);
    }

    [Test]
    public void SetClientIdConfirmArgs_RoundTrips()
    {
        var args = new SetClientIdConfirmArgs(0xCAFEF00D12345678, new Verifier4(0x8877665544332211));
        Assert.That(CodecAssert.RoundTrip(args.Encode, SetClientIdConfirmArgs.Decode, out var bytes), Is.EqualTo(args));
        Assert.That(Convert.ToHexString(bytes), Is.EqualTo("CAFEF00D12345678" + "8877665544332211"));
    }

    [TestCase(StableHow4.Unstable, 0)]
    [TestCase(StableHow4.DataSync, 3)]
    [TestCase(StableHow4.FileSync, 4096)]
    public void WriteArgs_RoundTrips(StableHow4 stable, int length)
    {
        var args = new WriteArgs(Sid, 12345, stable, Wire.Pattern(length, 8));
        var d = CodecAssert.RoundTrip(args.Encode, r => WriteArgs.Decode(r, 1 << 20), out var bytes);
        Assert.That(d.StateId, Is.EqualTo(Sid));
        Assert.That(d.Offset, Is.EqualTo(12345ul));
        Assert.That(d.Stable, Is.EqualTo(stable));
        CodecAssert.SameBytes(d.Data, args.Data, "data");
        Assert.That(bytes[16..32], Is.EqualTo(Wire.Words(0, 12345, (uint)stable, (uint)length)));
    }

    [Test]
    public void WriteArgs_DataAboveMaximum_IsTooLong()
    {
        var bytes = Wire.Encode(new WriteArgs(Sid, 0, StableHow4.Unstable, new byte[1025]).Encode);
        Wire.ThrowsXdr(XdrErrorKind.TooLong, () => WriteArgs.Decode(new XdrReader(bytes), 1024));
        Assert.That(WriteArgs.Decode(new XdrReader(bytes), 1025).Data.Length, Is.EqualTo(1025));
    }

    [Test]
    public void WriteResult_RoundTrips()
    {
        var res = new WriteResult(4096, StableHow4.FileSync, new Verifier4(77));
        Assert.That(CodecAssert.RoundTrip(res.Encode, WriteResult.Decode, out var bytes), Is.EqualTo(res));
        Assert.That(bytes, Is.EqualTo(Wire.Words(4096, 2, 0, 77)));
    }

    [TestCase(NfsLockType4.Read)]
    [TestCase(NfsLockType4.WriteWait)]
    public void LockUArgs_RoundTrips(NfsLockType4 type)
    {
        var args = new LockUArgs(type, 3, Sid, 100, ulong.MaxValue);
        Assert.That(CodecAssert.RoundTrip(args.Encode, LockUArgs.Decode, out var bytes), Is.EqualTo(args));
        Assert.That(bytes, Is.EqualTo(Wire.Concat(Wire.Words((uint)type, 3), SidBytes, Wire.Words(0, 100, uint.MaxValue, uint.MaxValue))));
    }

    [Test]
    public void LockTArgs_RoundTrips()
    {
        var args = new LockTArgs(NfsLockType4.Write, 0, 10, new StateOwner4(5, "lock-owner"u8.ToArray()));
        var d = CodecAssert.RoundTrip(args.Encode, LockTArgs.Decode, out var bytes);
        Assert.That(d.LockType, Is.EqualTo(NfsLockType4.Write));
        Assert.That(d.Offset, Is.Zero);
        Assert.That(d.Length, Is.EqualTo(10ul));
        CodecAssert.SameOwner(d.Owner, args.Owner);
        Assert.That(bytes[..24], Is.EqualTo(Wire.Words(2, 0, 0, 0, 10, 0)));
    }

    [Test]
    public void LockDenied_RoundTrips()
    {
        var denied = new LockDenied(50, 25, NfsLockType4.ReadWait, new StateOwner4(9, "x"u8.ToArray()));
        var d = CodecAssert.RoundTrip(denied.Encode, LockDenied.Decode, out var bytes);
        Assert.That((d.Offset, d.Length, d.LockType), Is.EqualTo((50ul, 25ul, NfsLockType4.ReadWait)));
        CodecAssert.SameOwner(d.Owner, denied.Owner);
        Assert.That(bytes, Is.EqualTo(Wire.Concat(Wire.Words(0, 50, 0, 25, 3, 0, 9, 1), "x\0\0\0"u8.ToArray())));
    }

    [Test]
    public void LockArgs_NewLockOwnerArm_RoundTrips()
    {
        var owner = new StateOwner4(0xABCDEF, "lo"u8.ToArray());
        var args = new LockArgs(NfsLockType4.Write, false, 0, ulong.MaxValue, true, 4, Sid, 0, owner, default);
        var d = CodecAssert.RoundTrip(args.Encode, LockArgs.Decode, out var bytes);
        Assert.That(d.LockType, Is.EqualTo(NfsLockType4.Write));
        Assert.That(d.Reclaim, Is.False);
        Assert.That(d.Offset, Is.Zero);
        Assert.That(d.Length, Is.EqualTo(ulong.MaxValue));
        Assert.That(d.NewLockOwner, Is.True);
        Assert.That(d.OpenSeqId, Is.EqualTo(4u));
        Assert.That(d.OpenStateId, Is.EqualTo(Sid));
        Assert.That(d.LockSeqId, Is.Zero);
        CodecAssert.SameOwner(d.LockOwner, owner);
        Assert.That(d.LockStateId, Is.EqualTo(default(StateId4)));
        // locktype, reclaim, offset, length, new_lock_owner=TRUE, open_seqid, open_stateid, lock_seqid, lock_owner4
        Assert.That(bytes, Is.EqualTo(Wire.Concat(
            Wire.Words(2, 0, 0, 0, uint.MaxValue, uint.MaxValue, 1, 4), SidBytes, Wire.Words(0, 0, 0xABCDEF, 2), "lo\0\0"u8.ToArray())));
    }

    [Test]
    public void LockArgs_ExistingLockOwnerArm_RoundTrips()
    {
        var args = new LockArgs(NfsLockType4.ReadWait, true, 512, 1024, false, 0, default, 8, default, Sid);
        var d = CodecAssert.RoundTrip(args.Encode, LockArgs.Decode, out var bytes);
        Assert.That(d.LockType, Is.EqualTo(NfsLockType4.ReadWait));
        Assert.That(d.Reclaim, Is.True);
        Assert.That((d.Offset, d.Length), Is.EqualTo((512ul, 1024ul)));
        Assert.That(d.NewLockOwner, Is.False);
        Assert.That(d.LockStateId, Is.EqualTo(Sid));
        Assert.That(d.LockSeqId, Is.EqualTo(8u));
        Assert.That(d.OpenSeqId, Is.Zero);
        Assert.That(d.OpenStateId, Is.EqualTo(default(StateId4)));
        // ..., new_lock_owner=FALSE, lock_stateid, lock_seqid
        Assert.That(bytes, Is.EqualTo(Wire.Concat(Wire.Words(3, 1, 0, 512, 0, 1024, 0), SidBytes, Wire.Words(8))));
    }

    [TestCase(2u)]
    [TestCase(0xFFFFFFFFu)]
    public void LockArgs_BadNewLockOwnerBool_IsRejected(uint raw)
    {
        var bytes = Wire.Concat(Wire.Words(1, 0, 0, 0, 0, 0, raw), new byte[40]);
        Wire.ThrowsXdr(XdrErrorKind.BadValue, () => LockArgs.Decode(new XdrReader(bytes)));
    }

    [Test]
    public void SetClientIdArgs_RoundTrips()
    {
        var args = new SetClientIdArgs(new Verifier4(0x1234), "Linux NFSv4.0 host/1.2.3.4"u8.ToArray(), 0x40000000,
            new NetAddr4("tcp", "10.0.0.1.3.232"), 1);
        var d = CodecAssert.RoundTrip(args.Encode, SetClientIdArgs.Decode);
        Assert.That(d.Verifier, Is.EqualTo(args.Verifier));
        CodecAssert.SameBytes(d.Id, args.Id, "id");
        Assert.That(d.CallbackProgram, Is.EqualTo(0x40000000u));
        Assert.That(d.CallbackAddress, Is.EqualTo(args.CallbackAddress));
        Assert.That(d.CallbackIdent, Is.EqualTo(1u));
    }

    [Test]
    public void SetClientIdArgs_IdAboveOpaqueLimit_IsTooLong()
    {
        var bytes = Wire.Encode(new SetClientIdArgs(default, new byte[1025], 0, new NetAddr4("tcp", "a"), 0).Encode);
        Wire.ThrowsXdr(XdrErrorKind.TooLong, () => SetClientIdArgs.Decode(new XdrReader(bytes)));
    }

    [Test]
    public void ReadDirArgs_RoundTrips()
    {
        var args = new ReadDirArgs(3, new Verifier4(0xFEED), 4096, 32768, Bitmap4.Of(Nfs4Attribute.Type, Nfs4Attribute.Fileid));
        Assert.That(CodecAssert.RoundTrip(args.Encode, ReadDirArgs.Decode, out var bytes), Is.EqualTo(args));
        Assert.That(bytes, Is.EqualTo(Wire.Words(0, 3, 0, 0xFEED, 4096, 32768, 1, (1u << 1) | (1u << 20))));
    }

    private static byte[] Entry(ulong cookie, string name, uint[] mask, byte[] values)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(name);
        return Wire.Concat(
            Wire.Words(1),                                                   // value follows
            Wire.Words((uint)(cookie >> 32), (uint)cookie),
            Wire.Words((uint)utf8.Length), utf8, new byte[XdrReader.Padded(utf8.Length) - utf8.Length],
            Wire.Words((uint)mask.Length), Wire.Words(mask),
            Wire.Words((uint)values.Length), values, new byte[XdrReader.Padded(values.Length) - values.Length]);
    }

    [Test]
    public void ReadDirResult_DecodesHandEncodedEntryList()
    {
        var bytes = Wire.Concat(
            Wire.Hex("0102030405060708"),                                     // cookieverf
            Entry(3, "a", [2], Wire.Words(2)),                                // type = NF4DIR
            Entry(0x1_0000_0004, "fichier-é", [1u << 1, 1u << 1], Wire.Words(1, 0x1A4)),
            Entry(5, "empty-attrs", [], []),
            Wire.Words(0),                                                    // no more entries
            Wire.Words(1));                                                   // eof
        var r = new XdrReader(bytes);
        var d = ReadDirResult.Decode(r);
        Assert.That(r.Remaining, Is.Zero);
        Assert.That(d.CookieVerifier, Is.EqualTo(new Verifier4(0x0102030405060708)));
        Assert.That(d.Eof, Is.True);
        Assert.That(d.Entries, Has.Count.EqualTo(3));
        Assert.That(d.Entries.Select(e => e.Cookie), Is.EqualTo(new ulong[] { 3, 0x1_0000_0004, 5 }));
        Assert.That(d.Entries.Select(e => e.Name), Is.EqualTo(new[] { "a", "fichier-é", "empty-attrs" }));
        Assert.That(d.Entries[0].Attributes.Mask, Is.EqualTo(Bitmap4.Of(Nfs4Attribute.Type)));
        Assert.That(d.Entries[0].Attributes.Values.ToArray(), Is.EqualTo(Wire.Words(2)));
        Assert.That(d.Entries[1].Attributes.Mask, Is.EqualTo(Bitmap4.Of(Nfs4Attribute.Type, Nfs4Attribute.Mode)));
        Assert.That(d.Entries[1].Attributes.Values.ToArray(), Is.EqualTo(Wire.Words(1, 0x1A4)));
        Assert.That(d.Entries[2].Attributes.Mask.IsEmpty, Is.True);
        Assert.That(d.Entries[2].Attributes.Values.IsEmpty, Is.True);
    }

    [Test]
    public void ReadDirResult_DecodesEmptyDirectory()
    {
        var r = new XdrReader(Wire.Words(0, 9, 0, 0));
        var d = ReadDirResult.Decode(r);
        Assert.That(d.CookieVerifier, Is.EqualTo(new Verifier4(9)));
        Assert.That(d.Entries, Is.Empty);
        Assert.That(d.Eof, Is.False);
        Assert.That(r.Remaining, Is.Zero);
    }

    [Test]
    public void ReadDirResult_Malformed_IsRejected()
    {
        var good = Wire.Concat(Wire.Words(0, 0), Entry(1, "x", [1], Wire.Words(1)), Wire.Words(0, 1));
        for (int n = 0; n < good.Length; n++)
        {
            var prefix = good[..n];
            Wire.ThrowsXdr(XdrErrorKind.Truncated, () => ReadDirResult.Decode(new XdrReader(prefix)));
        }
        var badFollow = Wire.Concat(Wire.Words(0, 0, 2));
        Wire.ThrowsXdr(XdrErrorKind.BadValue, () => ReadDirResult.Decode(new XdrReader(badFollow)));
        var badName = Wire.Concat(Wire.Words(0, 0, 1, 0, 1, 1), new byte[] { 0xFF, 0, 0, 0 }, Wire.Words(0, 0, 0, 1));
        Wire.ThrowsXdr(XdrErrorKind.BadValue, () => ReadDirResult.Decode(new XdrReader(badName)));
    }

    private static void AssertSame(CreateArgs actual, CreateArgs expected)
    {
        Assert.That(actual.Type, Is.EqualTo(expected.Type));
        Assert.That(actual.LinkTarget, Is.EqualTo(expected.LinkTarget));
        Assert.That(actual.Device, Is.EqualTo(expected.Device));
        CodecAssert.SameBytes(actual.Name, expected.Name, "name");
        CodecAssert.SameFattr(actual.Attributes, expected.Attributes);
    }

    private static readonly Fattr4 ModeAttrs = new(Bitmap4.Of(Nfs4Attribute.Mode), Wire.Words(0x1ED));

    [TestCase("target")]
    [TestCase("../../some/where/ünï")]
    [TestCase("")]
    public void CreateArgs_Symlink_RoundTrips(string target)
    {
        var args = new CreateArgs(NfsFileType4.Symlink, target, default, "link"u8.ToArray(), ModeAttrs);
        AssertSame(CodecAssert.RoundTrip(args.Encode, CreateArgs.Decode), args);
    }

    [Test]
    public void CreateArgs_Symlink_MatchesRfcLayout()
    {
        var args = new CreateArgs(NfsFileType4.Symlink, "t", default, "ln"u8.ToArray(), new Fattr4(Bitmap4.Empty, ReadOnlyMemory<byte>.Empty));
        var expected = Wire.Concat(Wire.Words(5, 1), "t\0\0\0"u8.ToArray(), Wire.Words(2), "ln\0\0"u8.ToArray(), Wire.Words(0, 0));
        Assert.That(Wire.Encode(args.Encode), Is.EqualTo(expected));
    }

    [TestCase(NfsFileType4.BlockDevice)]
    [TestCase(NfsFileType4.CharacterDevice)]
    public void CreateArgs_Device_RoundTrips(NfsFileType4 type)
    {
        var args = new CreateArgs(type, "", new SpecData4(8, 1), "sda1"u8.ToArray(), ModeAttrs);
        AssertSame(CodecAssert.RoundTrip(args.Encode, CreateArgs.Decode, out var bytes), args);
        Assert.That(bytes[..20], Is.EqualTo(Wire.Words((uint)type, 8, 1, 4, 0x73646131)));
    }

    [TestCase(NfsFileType4.Directory)]
    [TestCase(NfsFileType4.Socket)]
    [TestCase(NfsFileType4.Fifo)]
    public void CreateArgs_TypesWithVoidArm_RoundTrip(NfsFileType4 type)
    {
        var args = new CreateArgs(type, "", default, "subdir"u8.ToArray(), ModeAttrs);
        AssertSame(CodecAssert.RoundTrip(args.Encode, CreateArgs.Decode, out var bytes), args);
        Assert.That(bytes[..8], Is.EqualTo(Wire.Words((uint)type, 6)), "no body between the type and the name");
    }

    [Test]
    public void CreateArgs_SymlinkTargetAboveMaxPath_IsTooLong()
    {
        var bytes = Wire.Encode(new CreateArgs(NfsFileType4.Symlink, new string('x', Nfs4Constants.MaxPathLength + 1), default, "l"u8.ToArray(), default).Encode);
        Wire.ThrowsXdr(XdrErrorKind.TooLong, () => CreateArgs.Decode(new XdrReader(bytes)));
    }
}
