using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs3.Arguments;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Tests;

public class Nfs3CodecTests
{
    private static readonly NfsFileHandle Fh = NfsFileHandle.From(Wire.Pattern(20, 3));

    private static Fattr3 SampleAttributes => new(FileType3.Regular, 0x1A4, 2, 1000, 100, 12345, 16384, new SpecData4(8, 1), 7, 99,
        new NfsTime3(1, 2), new NfsTime3(3, 4), new NfsTime3(5, 6));

    [Test]
    public void Fattr3IsEightyFourBytesAndRoundTrips()
    {
        var a = CodecAssert.RoundTrip(SampleAttributes.Encode, Fattr3.Decode, out var bytes);
        Assert.That(bytes, Has.Length.EqualTo(Fattr3.EncodedSize));
        Assert.That(a, Is.EqualTo(SampleAttributes));
    }

    [Test]
    public void PostOpAttributesAreOptional()
    {
        Assert.That(CodecAssert.RoundTrip(w => Fattr3.EncodePostOp(w, null), Fattr3.DecodePostOp, out var absent), Is.Null);
        Assert.That(absent, Is.EqualTo(Wire.Words(0)));
        Assert.That(CodecAssert.RoundTrip(w => Fattr3.EncodePostOp(w, SampleAttributes), Fattr3.DecodePostOp), Is.EqualTo(SampleAttributes));
    }

    [Test]
    public void WccDataRoundTripsWithAndWithoutEachSide()
    {
        var before = new WccAttr(10, new NfsTime3(1, 1), new NfsTime3(2, 2));
        foreach (var wcc in new[] { WccData.None, new WccData(before, null), new WccData(null, SampleAttributes), new WccData(before, SampleAttributes) })
        {
            Assert.That(CodecAssert.RoundTrip(wcc.Encode, WccData.Decode), Is.EqualTo(wcc));
        }
        Assert.That(Wire.Encode(WccData.None.Encode), Is.EqualTo(Wire.Words(0, 0)));
    }

    [Test]
    public void Sattr3RoundTripsEveryField()
    {
        var full = new Sattr3(0x1ED, 1, 2, 3, TimeHow3.ClientTime, new NfsTime3(4, 5), TimeHow3.ServerTime, default);
        Assert.That(CodecAssert.RoundTrip(full.Encode, Sattr3.Decode), Is.EqualTo(full));
        Assert.That(CodecAssert.RoundTrip(Sattr3.Empty.Encode, Sattr3.Decode, out var bytes), Is.EqualTo(Sattr3.Empty));
        Assert.That(bytes, Is.EqualTo(Wire.Words(0, 0, 0, 0, 0, 0)));
    }

    [Test]
    public void Sattr3RefusesAnUnknownTimeHow()
    {
        var bytes = Wire.Words(0, 0, 0, 0, 3, 0);
        Wire.ThrowsXdr(XdrErrorKind.BadValue, () => Sattr3.Decode(new XdrReader(bytes)));
    }

    [Test]
    public void HandlesAreBoundedToSixtyFourBytes()
    {
        var max = NfsFileHandle.From(Wire.Pattern(64));
        Assert.That(CodecAssert.RoundTrip(w => Nfs3FileHandle.Encode(w, max), Nfs3FileHandle.Decode), Is.EqualTo(max));
        var tooLong = Wire.Encode(w => w.WriteOpaque(Wire.Pattern(65)));
        Wire.ThrowsXdr(XdrErrorKind.TooLong, () => Nfs3FileHandle.Decode(new XdrReader(tooLong)));
        Assert.Throws<ArgumentException>(() => Wire.Encode(w => Nfs3FileHandle.Encode(w, NfsFileHandle.From(Wire.Pattern(65)))));
    }

    [Test]
    public void AHugeLengthIsRefusedBeforeAllocating()
    {
        // WRITE data is bounded only by the record: a length beyond what arrived is refused.
        var bytes = Wire.Concat(Wire.Encode(w => Nfs3FileHandle.Encode(w, Fh)), Wire.Words(0, 0, 16, 0, 0x7FFFFFFF), new byte[16]);
        Wire.ThrowsXdr(XdrErrorKind.Truncated, () => WriteArgs3.Decode(new XdrReader(bytes)));
        var name = Wire.Concat(Wire.Encode(w => Nfs3FileHandle.Encode(w, Fh)), Wire.Words(Nfs3Constants.MaxDecodedNameLength + 1));
        Wire.ThrowsXdr(XdrErrorKind.TooLong, () => DirOpArgs3.Decode(new XdrReader(name)));
    }

    [Test]
    public void AnEmptyHandleDecodesUnset()
    {
        Assert.That(Nfs3FileHandle.Decode(new XdrReader(Wire.Words(0))).IsSet, Is.False);
        Assert.That(CodecAssert.RoundTrip(w => Nfs3FileHandle.EncodePostOp(w, default), Nfs3FileHandle.DecodePostOp).IsSet, Is.False);
    }

    [Test]
    public void ArgumentsRoundTrip()
    {
        var where = new DirOpArgs3(Fh, "name");
        Assert.Multiple(() =>
        {
            Check(new HandleArgs3(Fh), a => a.Encode, HandleArgs3.Decode, (x, y) => x.Object.Equals(y.Object));
            Check(new SetAttrArgs3(Fh, new Sattr3(Size: 5), new NfsTime3(9, 8)), a => a.Encode, SetAttrArgs3.Decode, (x, y) => x == y);
            Check(new SetAttrArgs3(Fh, Sattr3.Empty, null), a => a.Encode, SetAttrArgs3.Decode, (x, y) => x == y);
            Check(new AccessArgs3(Fh, Access3.Read | Access3.Lookup), a => a.Encode, AccessArgs3.Decode, (x, y) => x == y);
            Check(new ReadArgs3(Fh, 1L << 40, 65536), a => a.Encode, ReadArgs3.Decode, (x, y) => x == y);
            Check(new CommitArgs3(Fh, 7, 9), a => a.Encode, CommitArgs3.Decode, (x, y) => x == y);
            Check(new WriteArgs3(Fh, 3, 5, StableHow3.DataSync, Wire.Pattern(5)), a => a.Encode, WriteArgs3.Decode,
                (x, y) => x.File.Equals(y.File) && x.Offset == y.Offset && x.Count == y.Count && x.Stable == y.Stable && x.Data.Span.SequenceEqual(y.Data.Span));
            Check(where, a => a.Encode, DirOpArgs3.Decode, SameWhere);
            Check(new CreateArgs3(where, CreateMode3.Guarded, new Sattr3(Mode: 0x180), 0), a => a.Encode, CreateArgs3.Decode,
                (x, y) => SameWhere(x.Where, y.Where) && x.Mode == y.Mode && x.Attributes == y.Attributes);
            Check(new CreateArgs3(where, CreateMode3.Exclusive, Sattr3.Empty, 0x0102030405060708), a => a.Encode, CreateArgs3.Decode,
                (x, y) => SameWhere(x.Where, y.Where) && x.Mode == y.Mode && x.Verifier == y.Verifier);
            Check(new MkdirArgs3(where, new Sattr3(Mode: 0x1ED)), a => a.Encode, MkdirArgs3.Decode, (x, y) => SameWhere(x.Where, y.Where) && x.Attributes == y.Attributes);
            Check(new SymlinkArgs3(where, Sattr3.Empty, "target"u8.ToArray()), a => a.Encode, SymlinkArgs3.Decode,
                (x, y) => SameWhere(x.Where, y.Where) && x.Target.Span.SequenceEqual(y.Target.Span));
            Check(new MknodArgs3(where, FileType3.CharacterDevice, new Sattr3(Mode: 0x1B6), new SpecData4(1, 3)), a => a.Encode, MknodArgs3.Decode,
                (x, y) => SameWhere(x.Where, y.Where) && x.Type == y.Type && x.Attributes == y.Attributes && x.Device == y.Device);
            Check(new MknodArgs3(where, FileType3.Fifo, Sattr3.Empty, default), a => a.Encode, MknodArgs3.Decode, (x, y) => x.Type == y.Type);
            Check(new MknodArgs3(where, FileType3.Regular, Sattr3.Empty, default), a => a.Encode, MknodArgs3.Decode, (x, y) => x.Type == y.Type);
            Check(new RenameArgs3(where, new DirOpArgs3(Fh, "other")), a => a.Encode, RenameArgs3.Decode, (x, y) => SameWhere(x.From, y.From) && SameWhere(x.To, y.To));
            Check(new LinkArgs3(Fh, where), a => a.Encode, LinkArgs3.Decode, (x, y) => x.File.Equals(y.File) && SameWhere(x.Link, y.Link));
            Check(new ReadDirArgs3(Fh, 5, 6, 7), a => a.Encode, ReadDirArgs3.Decode, (x, y) => x == y);
            Check(new ReadDirPlusArgs3(Fh, 5, 6, 7, 8), a => a.Encode, ReadDirPlusArgs3.Decode, (x, y) => x == y);
        });
    }

    [Test]
    public void UnknownUnionDiscriminantsAreXdrErrors()
    {
        var where = Wire.Encode(new DirOpArgs3(Fh, "n").Encode);
        Wire.ThrowsXdr(XdrErrorKind.BadValue, () => CreateArgs3.Decode(new XdrReader(Wire.Concat(where, Wire.Words(3)))));
        Wire.ThrowsXdr(XdrErrorKind.BadValue, () => MknodArgs3.Decode(new XdrReader(Wire.Concat(where, Wire.Words(8)))));
        var write = Wire.Concat(Wire.Encode(w => Nfs3FileHandle.Encode(w, Fh)), Wire.Words(0, 0, 0, 3, 0));
        Wire.ThrowsXdr(XdrErrorKind.BadValue, () => WriteArgs3.Decode(new XdrReader(write)));
    }

    [Test]
    public void TimesOutsideNfstime3AreClamped()
    {
        Assert.That(NfsTime3.From(new NfsTime4(-5, 10)), Is.EqualTo(new NfsTime3(0, 0)));
        Assert.That(NfsTime3.From(new NfsTime4(1L << 40, 10)), Is.EqualTo(new NfsTime3(uint.MaxValue, 999_999_999)));
        Assert.That(NfsTime3.From(new NfsTime4(100, 7)).ToNfsTime4(), Is.EqualTo(new NfsTime4(100, 7)));
    }

    private static bool SameWhere(DirOpArgs3 x, DirOpArgs3 y) => x.Directory.Equals(y.Directory) && x.Name.Span.SequenceEqual(y.Name.Span);

    private static void Check<T>(T value, Func<T, Action<XdrWriter>> encode, Func<XdrReader, T> decode, Func<T, T, bool> same)
    {
        var decoded = CodecAssert.RoundTrip(encode(value), decode);
        Assert.That(same(value, decoded), Is.True, $"{typeof(T).Name} round trip: {value} became {decoded}");
    }
}
