using System.Runtime.InteropServices;
using System.Text;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Tests;

[TestFixture]
public class XdrReaderTests
{
    // ---- primitives decoded from hand-written big-endian bytes ----

    [TestCase("00000000", 0u)]
    [TestCase("00000001", 1u)]
    [TestCase("12345678", 0x12345678u)]
    [TestCase("7FFFFFFF", 0x7FFFFFFFu)]
    [TestCase("80000000", 0x80000000u)]
    [TestCase("FFFFFFFF", uint.MaxValue)]
    public void ReadUInt32_IsBigEndian(string hex, uint expected)
    {
        var r = new XdrReader(Wire.Hex(hex));
        Assert.That(r.ReadUInt32(), Is.EqualTo(expected));
        Assert.That(r.Remaining, Is.Zero);
    }

    [TestCase("00000000", 0)]
    [TestCase("FFFFFFFF", -1)]
    [TestCase("7FFFFFFF", int.MaxValue)]
    [TestCase("80000000", int.MinValue)]
    [TestCase("FFFFFFFE", -2)]
    public void ReadInt32_IsTwosComplementBigEndian(string hex, int expected)
    {
        Assert.That(new XdrReader(Wire.Hex(hex)).ReadInt32(), Is.EqualTo(expected));
    }

    [TestCase("0000000000000000", 0ul)]
    [TestCase("0102030405060708", 0x0102030405060708ul)]
    [TestCase("00000001_00000000", 0x1_0000_0000ul)]
    [TestCase("FFFFFFFFFFFFFFFF", ulong.MaxValue)]
    public void ReadUInt64_IsBigEndianHighWordFirst(string hex, ulong expected)
    {
        Assert.That(new XdrReader(Wire.Hex(hex)).ReadUInt64(), Is.EqualTo(expected));
    }

    [TestCase("FFFFFFFFFFFFFFFF", -1L)]
    [TestCase("8000000000000000", long.MinValue)]
    [TestCase("7FFFFFFFFFFFFFFF", long.MaxValue)]
    [TestCase("FFFFFFFF_00000000", -0x1_0000_0000L)]
    public void ReadInt64_IsTwosComplementBigEndian(string hex, long expected)
    {
        Assert.That(new XdrReader(Wire.Hex(hex)).ReadInt64(), Is.EqualTo(expected));
    }

    // ---- round trips of every primitive ----

    [TestCase(0u)]
    [TestCase(1u)]
    [TestCase(0x7FFFFFFFu)]
    [TestCase(0x80000000u)]
    [TestCase(0xDEADBEEFu)]
    [TestCase(uint.MaxValue)]
    public void UInt32_RoundTrips(uint value)
    {
        var r = new XdrReader(Wire.Encode(w => w.WriteUInt32(value)));
        Assert.That(r.ReadUInt32(), Is.EqualTo(value));
        Assert.That(r.Remaining, Is.Zero);
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(-1)]
    [TestCase(int.MinValue)]
    [TestCase(int.MaxValue)]
    public void Int32_RoundTrips(int value)
    {
        var r = new XdrReader(Wire.Encode(w => w.WriteInt32(value)));
        Assert.That(r.ReadInt32(), Is.EqualTo(value));
        Assert.That(r.Remaining, Is.Zero);
    }

    [TestCase(0ul)]
    [TestCase(1ul)]
    [TestCase(0xFFFFFFFFul)]
    [TestCase(0x1_0000_0000ul)]
    [TestCase(0x8000000000000000ul)]
    [TestCase(ulong.MaxValue)]
    public void UInt64_RoundTrips(ulong value)
    {
        var r = new XdrReader(Wire.Encode(w => w.WriteUInt64(value)));
        Assert.That(r.ReadUInt64(), Is.EqualTo(value));
        Assert.That(r.Remaining, Is.Zero);
    }

    [TestCase(0L)]
    [TestCase(-1L)]
    [TestCase(long.MinValue)]
    [TestCase(long.MaxValue)]
    [TestCase(-4294967296L)]
    public void Int64_RoundTrips(long value)
    {
        var r = new XdrReader(Wire.Encode(w => w.WriteInt64(value)));
        Assert.That(r.ReadInt64(), Is.EqualTo(value));
        Assert.That(r.Remaining, Is.Zero);
    }

    [TestCase(true, "00000001")]
    [TestCase(false, "00000000")]
    public void Bool_RoundTripsAsZeroOrOne(bool value, string hex)
    {
        var bytes = Wire.Encode(w => w.WriteBool(value));
        Assert.That(Convert.ToHexString(bytes), Is.EqualTo(hex));
        Assert.That(new XdrReader(bytes).ReadBool(), Is.EqualTo(value));
    }

    [TestCase(0)]
    [TestCase(7)]
    [TestCase(-1)]
    [TestCase(int.MinValue)]
    [TestCase(int.MaxValue)]
    public void Enum_RoundTripsAsSignedInt(int value)
    {
        var r = new XdrReader(Wire.Encode(w => w.WriteInt32(value)));
        Assert.That(r.ReadEnum(), Is.EqualTo(value));
        Assert.That(r.Position, Is.EqualTo(4));
    }

    [TestCase(2u)]
    [TestCase(0x100u)]
    [TestCase(0x01000000u)]
    [TestCase(0x80000000u)]
    [TestCase(uint.MaxValue)]
    public void ReadBool_RejectsValuesOtherThanZeroAndOne(uint raw)
    {
        var r = new XdrReader(Wire.Words(raw));
        Wire.ThrowsXdr(XdrErrorKind.BadValue, () => r.ReadBool());
    }

    // ---- truncated primitives at each byte boundary ----

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Truncated32BitPrimitives_Throw(int available)
    {
        var data = new byte[available];
        foreach (var read in new Action<XdrReader>[] { r => r.ReadUInt32(), r => r.ReadInt32(), r => r.ReadBool(), r => r.ReadEnum() })
        {
            var r = new XdrReader(data);
            Wire.ThrowsXdr(XdrErrorKind.Truncated, () => read(r));
            Assert.That(r.Position, Is.Zero, "a failed read must not advance");
        }
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    [TestCase(7)]
    public void Truncated64BitPrimitives_Throw(int available)
    {
        var data = new byte[available];
        var r1 = new XdrReader(data);
        Wire.ThrowsXdr(XdrErrorKind.Truncated, () => r1.ReadUInt64());
        var r2 = new XdrReader(data);
        Wire.ThrowsXdr(XdrErrorKind.Truncated, () => r2.ReadInt64());
        Assert.That(r1.Position, Is.Zero);
        Assert.That(r2.Position, Is.Zero);
    }

    [Test]
    public void ReadingPastTheEndAfterGoodValues_Throws()
    {
        var r = new XdrReader(Wire.Words(1, 2, 3));
        Assert.That(r.ReadUInt32(), Is.EqualTo(1u));
        Assert.That(r.ReadUInt64(), Is.EqualTo(0x0000_0002_0000_0003ul));
        Wire.ThrowsXdr(XdrErrorKind.Truncated, () => r.ReadUInt32());
    }

    // ---- opaque / fixed opaque / string with every padding remainder ----

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    [TestCase(6)]
    [TestCase(7)]
    [TestCase(8)]
    [TestCase(1023)]
    public void Opaque_RoundTripsWithZeroPadding(int length)
    {
        var data = Wire.Pattern(length, length + 1);
        var bytes = Wire.Encode(w => { w.WriteOpaque(data); w.WriteUInt32(0xCAFEBABE); });
        int padded = (length + 3) / 4 * 4;
        Assert.That(bytes, Has.Length.EqualTo(4 + padded + 4));
        Assert.That(bytes.AsSpan(4 + length, padded - length).ToArray(), Is.All.EqualTo((byte)0), "padding bytes");

        var r = new XdrReader(bytes);
        var read = r.ReadOpaque(length);
        Assert.That(read.ToArray(), Is.EqualTo(data));
        Assert.That(r.Position, Is.EqualTo(4 + padded));
        Assert.That(r.ReadUInt32(), Is.EqualTo(0xCAFEBABEu), "the next item starts after the padding");
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    [TestCase(6)]
    [TestCase(7)]
    public void FixedOpaque_RoundTripsWithZeroPadding(int length)
    {
        var data = Wire.Pattern(length, 99);
        var bytes = Wire.Encode(w => { w.WriteFixedOpaque(data); w.WriteUInt32(7); });
        int padded = XdrReader.Padded(length);
        Assert.That(bytes, Has.Length.EqualTo(padded + 4), "no length prefix, padded to four");
        Assert.That(bytes.AsSpan(length, padded - length).ToArray(), Is.All.EqualTo((byte)0));

        var r = new XdrReader(bytes);
        Assert.That(r.ReadFixedOpaque(length).ToArray(), Is.EqualTo(data));
        Assert.That(r.ReadUInt32(), Is.EqualTo(7u));

        var r2 = new XdrReader(bytes);
        var dest = new byte[length];
        r2.ReadFixedOpaque(dest);
        Assert.That(dest, Is.EqualTo(data));
        Assert.That(r2.Position, Is.EqualTo(padded));
    }

    [Test]
    public void ReadOpaque_ReturnsASliceOfTheInputWithoutCopying()
    {
        var bytes = Wire.Encode(w => { w.WriteUInt32(1); w.WriteOpaque([1, 2, 3, 4, 5]); });
        var r = new XdrReader(bytes);
        r.ReadUInt32();
        var slice = r.ReadOpaque(100);
        Assert.That(MemoryMarshal.TryGetArray(slice, out var segment), Is.True);
        Assert.That(segment.Array, Is.SameAs(bytes));
        Assert.That(segment.Offset, Is.EqualTo(8));
        Assert.That(segment.Count, Is.EqualTo(5));
    }

    [TestCase("")]
    [TestCase("a")]
    [TestCase("ab")]
    [TestCase("abc")]
    [TestCase("abcd")]
    [TestCase("abcde")]
    [TestCase("é")]                 // 2 bytes
    [TestCase("日")]                // 3 bytes
    [TestCase("😀")]                // 4 bytes (surrogate pair)
    [TestCase("naïve café 日本語 😀")]
    [TestCase("\0embedded nul")]
    public void String_RoundTripsAsUtf8(string value)
    {
        var bytes = Wire.Encode(w => { w.WriteString(value); w.WriteUInt32(0x11223344); });
        var utf8 = Encoding.UTF8.GetBytes(value);
        int padded = XdrReader.Padded(utf8.Length);
        Assert.That(new XdrReader(bytes).ReadUInt32(), Is.EqualTo((uint)utf8.Length), "length prefix is the UTF-8 byte count");
        Assert.That(bytes.AsSpan(4, utf8.Length).ToArray(), Is.EqualTo(utf8));
        Assert.That(bytes.AsSpan(4 + utf8.Length, padded - utf8.Length).ToArray(), Is.All.EqualTo((byte)0));

        var r = new XdrReader(bytes);
        Assert.That(r.ReadString(255), Is.EqualTo(value));
        Assert.That(r.ReadUInt32(), Is.EqualTo(0x11223344u));
    }

    [TestCase("80")]              // lone continuation byte
    [TestCase("C0AF")]            // overlong encoding of '/'
    [TestCase("E08080")]          // overlong 3-byte
    [TestCase("E697")]            // truncated 3-byte sequence
    [TestCase("EDA080")]          // UTF-16 surrogate D800
    [TestCase("F4908080")]        // above U+10FFFF
    [TestCase("FF")]
    [TestCase("61FE62")]
    public void ReadString_RejectsInvalidUtf8(string hex)
    {
        var raw = Wire.Hex(hex);
        var r = new XdrReader(Wire.Encode(w => w.WriteOpaque(raw)));
        Wire.ThrowsXdr(XdrErrorKind.BadValue, () => r.ReadString(255));
    }

    [Test]
    public void ReadString_EnforcesMaximumInBytesNotChars()
    {
        // "ééé" is 3 chars but 6 bytes.
        var bytes = Wire.Encode(w => w.WriteString("ééé"));
        Wire.ThrowsXdr(XdrErrorKind.TooLong, () => new XdrReader(bytes).ReadString(5));
        Assert.That(new XdrReader(bytes).ReadString(6), Is.EqualTo("ééé"));
    }

    // ---- malformed lengths ----

    [TestCase(1u, 0)]
    [TestCase(4u, 3)]
    [TestCase(5u, 4)]
    [TestCase(100u, 96)]
    public void ReadOpaque_LengthBeyondRemaining_IsTruncated(uint length, int available)
    {
        var r = new XdrReader(Wire.Concat(Wire.Words(length), new byte[available]));
        Wire.ThrowsXdr(XdrErrorKind.Truncated, () => r.ReadOpaque(1024));
    }

    [TestCase(5u, 4)]
    [TestCase(1025u, 1024)]
    [TestCase(401u, 400)]
    [TestCase(1u, 0)]
    public void ReadOpaque_LengthAboveMaximum_IsTooLong(uint length, int max)
    {
        // Enough data is present so that only the maximum can be the reason.
        var r = new XdrReader(Wire.Concat(Wire.Words(length), new byte[XdrReader.Padded((int)length)]));
        Wire.ThrowsXdr(XdrErrorKind.TooLong, () => r.ReadOpaque(max));
    }

    [TestCase(0xFFFFFFFFu, 1024)]
    [TestCase(0x80000000u, 1024)]
    [TestCase(0xFFFFFFFFu, int.MaxValue)]
    [TestCase(0x80000000u, int.MaxValue)]
    [TestCase(0xFFFFFFFCu, int.MaxValue)]
    public void ReadOpaque_HugeLengths_AreTooLongWithoutAllocating(uint length, int max)
    {
        var data = Wire.Concat(Wire.Words(length), new byte[16]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<XdrException>(() => new XdrReader(data).ReadOpaque(max))!;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(ex.Kind, Is.EqualTo(XdrErrorKind.TooLong));
        Assert.That(allocated, Is.LessThan(256 * 1024), "a hostile length must not cause a large allocation");
    }

    [TestCase(0x7FFFFFFFu)]
    [TestCase(0x7FFFFFFCu)]
    [TestCase(0x10000000u)]
    public void ReadOpaque_HugeLengthWithinMaximum_IsTruncatedWithoutAllocating(uint length)
    {
        var data = Wire.Concat(Wire.Words(length), new byte[16]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<XdrException>(() => new XdrReader(data).ReadOpaque(int.MaxValue))!;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(ex.Kind, Is.EqualTo(XdrErrorKind.Truncated));
        Assert.That(allocated, Is.LessThan(256 * 1024));
    }

    [TestCase(0xFFFFFFFFu)]
    [TestCase(0x80000000u)]
    public void ReadString_HugeLengths_AreTooLongWithoutAllocating(uint length)
    {
        var data = Wire.Concat(Wire.Words(length), new byte[8]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Wire.ThrowsXdr(XdrErrorKind.TooLong, () => new XdrReader(data).ReadString(int.MaxValue));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(256 * 1024));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(5)]
    [TestCase(6)]
    [TestCase(7)]
    public void ReadOpaque_MissingPaddingAtEnd_IsTruncated(int length)
    {
        // The data bytes are there but the buffer ends before the padding does.
        var r = new XdrReader(Wire.Concat(Wire.Words((uint)length), new byte[length]));
        Wire.ThrowsXdr(XdrErrorKind.Truncated, () => r.ReadOpaque(100));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void ReadString_MissingPaddingAtEnd_IsTruncated(int length)
    {
        var r = new XdrReader(Wire.Concat(Wire.Words((uint)length), "abc"u8[..length].ToArray()));
        Wire.ThrowsXdr(XdrErrorKind.Truncated, () => r.ReadString(100));
    }

    [TestCase(1, 1)]
    [TestCase(2, 3)]
    [TestCase(3, 3)]
    [TestCase(5, 7)]
    [TestCase(4, 3)]
    public void ReadFixedOpaque_DataOrPaddingMissing_IsTruncated(int length, int available)
    {
        var r = new XdrReader(new byte[available]);
        Wire.ThrowsXdr(XdrErrorKind.Truncated, () => r.ReadFixedOpaque(length));
        Assert.That(r.Position, Is.Zero);
    }

    [TestCase(int.MaxValue)]
    [TestCase(int.MaxValue - 1)]
    [TestCase(int.MaxValue - 2)]
    [TestCase(int.MaxValue - 3)]
    public void ReadFixedOpaque_LengthNearIntMax_IsTruncatedNotOverflow(int length)
    {
        var r = new XdrReader(new byte[8]);
        Wire.ThrowsXdr(XdrErrorKind.Truncated, () => r.ReadFixedOpaque(length));
    }

    [Test]
    public void ReadFixedOpaque_NegativeLength_IsAnArgumentError()
    {
        var r = new XdrReader(new byte[8]);
        Assert.Throws<ArgumentOutOfRangeException>(() => r.ReadFixedOpaque(-1));
        Assert.That(r.Position, Is.Zero);
    }

    [Test]
    public void ReadOpaque_NegativeMaximum_IsAnArgumentErrorNotUnbounded()
    {
        var r = new XdrReader(Wire.Concat(Wire.Words(4), new byte[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => r.ReadOpaque(-1));
    }

    // ---- array lengths ----

    [TestCase(0u, 10, 4, 0)]
    [TestCase(3u, 10, 4, 12)]
    [TestCase(10u, 10, 4, 40)]
    [TestCase(5u, 5, 8, 40)]
    [TestCase(12u, 100, 1, 12)]
    [TestCase(12u, 100, 0, 12)]      // a zero element size counts as one byte
    public void ReadArrayLength_AcceptsCountsThatFit(uint count, int maxCount, int minElementSize, int available)
    {
        var r = new XdrReader(Wire.Concat(Wire.Words(count), new byte[available]));
        Assert.That(r.ReadArrayLength(maxCount, minElementSize), Is.EqualTo((int)count));
        Assert.That(r.Position, Is.EqualTo(4));
    }

    [TestCase(11u, 10)]
    [TestCase(17u, 16)]
    [TestCase(0xFFFFFFFFu, int.MaxValue)]
    [TestCase(0x80000000u, int.MaxValue)]
    [TestCase(1u, 0)]
    public void ReadArrayLength_AboveMaxCount_IsTooLong(uint count, int maxCount)
    {
        var r = new XdrReader(Wire.Concat(Wire.Words(count), new byte[1024]));
        Wire.ThrowsXdr(XdrErrorKind.TooLong, () => r.ReadArrayLength(maxCount));
    }

    [TestCase(3u, 4, 11)]
    [TestCase(2u, 8, 15)]
    [TestCase(1u, 4, 0)]
    [TestCase(0x40000000u, 4, 64)]   // 4 GiB of elements: the product must not overflow
    [TestCase(0x7FFFFFFFu, 8, 64)]
    [TestCase(5u, 1, 4)]
    public void ReadArrayLength_MoreThanRemainingCanHold_IsTruncated(uint count, int minElementSize, int available)
    {
        var r = new XdrReader(Wire.Concat(Wire.Words(count), new byte[available]));
        Wire.ThrowsXdr(XdrErrorKind.Truncated, () => r.ReadArrayLength(int.MaxValue, minElementSize));
    }

    [Test]
    public void ReadArrayLength_DefaultElementSizeIsFour()
    {
        Wire.ThrowsXdr(XdrErrorKind.Truncated, () => new XdrReader(Wire.Concat(Wire.Words(2), new byte[7])).ReadArrayLength(10));
        Assert.That(new XdrReader(Wire.Concat(Wire.Words(2), new byte[8])).ReadArrayLength(10), Is.EqualTo(2));
    }

    // ---- position, skip, reset ----

    [Test]
    public void Position_CanMoveAnywhereWithinTheBufferIncludingTheEnd()
    {
        var r = new XdrReader(Wire.Words(10, 20, 30));
        r.Position = 8;
        Assert.That(r.Remaining, Is.EqualTo(4));
        Assert.That(r.ReadUInt32(), Is.EqualTo(30u));
        r.Position = 4;
        Assert.That(r.ReadUInt32(), Is.EqualTo(20u));
        r.Position = 12;
        Assert.That(r.Remaining, Is.Zero);
        r.Position = 0;
        Assert.That(r.ReadUInt32(), Is.EqualTo(10u));
    }

    [TestCase(-1)]
    [TestCase(13)]
    [TestCase(int.MaxValue)]
    [TestCase(int.MinValue)]
    public void Position_OutsideTheBuffer_Throws(int position)
    {
        var r = new XdrReader(new byte[12]);
        r.Position = 4;
        Assert.Throws<ArgumentOutOfRangeException>(() => r.Position = position);
        Assert.That(r.Position, Is.EqualTo(4));
    }

    [TestCase(0, 12)]
    [TestCase(1, 11)]
    [TestCase(4, 8)]
    [TestCase(12, 0)]
    public void Skip_AdvancesByCount(int count, int remaining)
    {
        var r = new XdrReader(new byte[12]);
        r.Skip(count);
        Assert.That(r.Position, Is.EqualTo(count));
        Assert.That(r.Remaining, Is.EqualTo(remaining));
    }

    [TestCase(13)]
    [TestCase(int.MaxValue)]
    public void Skip_PastTheEnd_IsTruncated(int count)
    {
        var r = new XdrReader(new byte[12]);
        r.Skip(4);
        Wire.ThrowsXdr(XdrErrorKind.Truncated, () => r.Skip(count));
        Assert.That(r.Position, Is.EqualTo(4));
    }

    [Test]
    public void Skip_Negative_Throws()
    {
        var r = new XdrReader(new byte[12]);
        r.Skip(4);
        Assert.Throws<ArgumentOutOfRangeException>(() => r.Skip(-1));
        Assert.That(r.Position, Is.EqualTo(4));
    }

    [Test]
    public void Reset_RestartsOverANewBuffer()
    {
        var r = new XdrReader();
        Assert.That(r.Remaining, Is.Zero);
        Wire.ThrowsXdr(XdrErrorKind.Truncated, () => r.ReadUInt32());

        r.Reset(Wire.Words(1, 2));
        Assert.That(r.ReadUInt32(), Is.EqualTo(1u));
        r.Reset(Wire.Words(9));
        Assert.That(r.Position, Is.Zero);
        Assert.That(r.Buffer.Length, Is.EqualTo(4));
        Assert.That(r.ReadUInt32(), Is.EqualTo(9u));
        Assert.That(r.Remaining, Is.Zero);
    }

    [TestCase(0, 0)]
    [TestCase(1, 4)]
    [TestCase(2, 4)]
    [TestCase(3, 4)]
    [TestCase(4, 4)]
    [TestCase(5, 8)]
    [TestCase(128, 128)]
    [TestCase(129, 132)]
    public void Padded_RoundsUpToFour(int length, int expected)
    {
        Assert.That(XdrReader.Padded(length), Is.EqualTo(expected));
    }

    [Test]
    public void XdrException_CarriesItsKind()
    {
        var ex = new XdrException(XdrErrorKind.BadValue, "nope");
        Assert.That(ex.Kind, Is.EqualTo(XdrErrorKind.BadValue));
        Assert.That(ex.Message, Is.EqualTo("nope"));
    }
}
