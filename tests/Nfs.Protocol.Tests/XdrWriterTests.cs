using System.Text;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Tests;

[TestFixture]
public class XdrWriterTests
{
    [Test]
    public void Primitives_AreWrittenBigEndianInOrder()
    {
        var bytes = Wire.Encode(w =>
        {
            w.WriteUInt32(0x01020304);
            w.WriteInt32(-2);
            w.WriteUInt64(0x1112131415161718);
            w.WriteInt64(-1);
            w.WriteBool(true);
            w.WriteBool(false);
        });
        Assert.That(Convert.ToHexString(bytes), Is.EqualTo(
            "01020304" + "FFFFFFFE" + "1112131415161718" + "FFFFFFFFFFFFFFFF" + "00000001" + "00000000"));
    }

    [Test]
    public void WriteOpaque_WritesLengthDataAndPadding()
    {
        var bytes = Wire.Encode(w => w.WriteOpaque([0xAA, 0xBB, 0xCC, 0xDD, 0xEE]));
        Assert.That(Convert.ToHexString(bytes), Is.EqualTo("00000005" + "AABBCCDDEE000000"));
    }

    [Test]
    public void WriteString_WritesUtf8ByteLength()
    {
        var bytes = Wire.Encode(w => w.WriteString("hé"));
        Assert.That(Convert.ToHexString(bytes), Is.EqualTo("00000003" + "68C3A900"));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    [TestCase(6)]
    [TestCase(7)]
    public void Padding_IsZeroedEvenOverDirtyBuffer(int length)
    {
        using var w = new XdrWriter(64);
        // Dirty the (pooled, possibly reused) buffer, then roll back.
        for (int i = 0; i < 8; i++) w.WriteUInt32(uint.MaxValue);
        w.Truncate(0);

        w.WriteFixedOpaque(Enumerable.Repeat((byte)0x55, length).ToArray());
        int padded = XdrReader.Padded(length);
        Assert.That(w.Length, Is.EqualTo(padded));
        Assert.That(w.WrittenSpan[length..].ToArray(), Is.All.EqualTo((byte)0));

        w.Reset();
        for (int i = 0; i < 8; i++) w.WriteUInt32(uint.MaxValue);
        w.Reset();
        w.WriteOpaque(Enumerable.Repeat((byte)0x55, length).ToArray());
        Assert.That(w.Length, Is.EqualTo(4 + padded));
        Assert.That(w.WrittenSpan[(4 + length)..].ToArray(), Is.All.EqualTo((byte)0));

        w.Reset();
        for (int i = 0; i < 8; i++) w.WriteUInt32(uint.MaxValue);
        w.Reset();
        w.WriteString(new string('x', length));
        Assert.That(w.Length, Is.EqualTo(4 + padded));
        Assert.That(w.WrittenSpan[(4 + length)..].ToArray(), Is.All.EqualTo((byte)0));
    }

    [TestCase(0, 0)]
    [TestCase(1, 3)]
    [TestCase(2, 2)]
    [TestCase(3, 1)]
    [TestCase(4, 0)]
    [TestCase(5, 3)]
    [TestCase(127, 1)]
    public void WritePadding_WritesTheZerosThatRoundToFour(int dataLength, int expectedPad)
    {
        using var w = new XdrWriter(64);
        for (int i = 0; i < 4; i++) w.WriteUInt32(uint.MaxValue);
        w.Truncate(1);
        w.WritePadding(dataLength);
        Assert.That(w.Length, Is.EqualTo(1 + expectedPad));
        Assert.That(w.WrittenSpan[1..].ToArray(), Is.All.EqualTo((byte)0));
    }

    [Test]
    public void GrowsPastInitialCapacityAcrossManyWrites()
    {
        using var w = new XdrWriter(16); // below the minimum of 64
        const int count = 50_000;
        for (int i = 0; i < count; i++)
        {
            w.WriteUInt32((uint)i);
            if (i % 1000 == 0) w.WriteOpaque(Wire.Pattern(i % 7, i));
        }
        var r = new XdrReader(w.WrittenMemory);
        for (int i = 0; i < count; i++)
        {
            Assert.That(r.ReadUInt32(), Is.EqualTo((uint)i));
            if (i % 1000 == 0) Assert.That(r.ReadOpaque(10).ToArray(), Is.EqualTo(Wire.Pattern(i % 7, i)));
        }
        Assert.That(r.Remaining, Is.Zero);
    }

    [Test]
    public void GrowsForASingleWriteFarLargerThanCapacity()
    {
        using var w = new XdrWriter(64);
        w.WriteUInt32(42);
        var big = Wire.Pattern(1_000_003, 5);
        w.WriteOpaque(big);
        Assert.That(w.Length, Is.EqualTo(4 + 4 + 1_000_004));
        var r = new XdrReader(w.WrittenMemory);
        Assert.That(r.ReadUInt32(), Is.EqualTo(42u));
        Assert.That(r.ReadOpaque(int.MaxValue).ToArray(), Is.EqualTo(big));
    }

    [Test]
    public void ReserveAndPatch_FillInAValueLater()
    {
        using var w = new XdrWriter(64);
        w.WriteUInt32(1);
        int at = w.Reserve(4);
        Assert.That(at, Is.EqualTo(4));
        Assert.That(w.Length, Is.EqualTo(8));
        for (int i = 0; i < 1000; i++) w.WriteUInt32(7); // forces growth after the reservation
        w.PatchUInt32(at, 0xA1B2C3D4);
        var r = new XdrReader(w.WrittenMemory);
        Assert.That(r.ReadUInt32(), Is.EqualTo(1u));
        Assert.That(r.ReadUInt32(), Is.EqualTo(0xA1B2C3D4u));
        Assert.That(r.ReadUInt32(), Is.EqualTo(7u));
        Assert.That(w.Length, Is.EqualTo(8 + 4000));
    }

    [Test]
    public void Reserve_OfSeveralBytesAdvancesByThatMuch()
    {
        using var w = new XdrWriter(64);
        w.WriteUInt32(5);
        int at = w.Reserve(12);
        Assert.That(at, Is.EqualTo(4));
        Assert.That(w.Length, Is.EqualTo(16));
        w.PatchUInt32(at + 8, 3);
        Assert.That(Convert.ToHexString(w.WrittenSpan[12..]), Is.EqualTo("00000003"));
    }

    [TestCase(-1)]
    [TestCase(5)]   // would touch bytes past what was written
    [TestCase(8)]
    [TestCase(1000)]
    public void PatchUInt32_OutsideWrittenBytes_Throws(int offset)
    {
        using var w = new XdrWriter(4096);
        w.WriteUInt32(1);
        w.WriteUInt32(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => w.PatchUInt32(offset, 9));
        Assert.That(Convert.ToHexString(w.WrittenSpan), Is.EqualTo("0000000100000002"));
    }

    [Test]
    public void GetSpanAndAdvance_ProduceInPlace()
    {
        using var w = new XdrWriter(64);
        w.WriteUInt32(3);
        var span = w.GetSpan(10);
        Assert.That(span.Length, Is.EqualTo(10));
        Assert.That(w.Length, Is.EqualTo(4), "GetSpan does not advance");
        for (int i = 0; i < 10; i++) span[i] = (byte)(i + 1);
        w.Advance(6);
        w.WritePadding(6);
        Assert.That(Convert.ToHexString(w.WrittenSpan), Is.EqualTo("00000003" + "010203040506" + "0000"));
    }

    [Test]
    public void GetSpan_GrowsAndKeepsWhatWasWritten()
    {
        using var w = new XdrWriter(64);
        w.WriteUInt32(0xFEEDFACE);
        var span = w.GetSpan(100_000);
        Assert.That(span.Length, Is.EqualTo(100_000));
        span.Fill(0x42);
        w.Advance(100_000);
        Assert.That(w.Length, Is.EqualTo(100_004));
        Assert.That(Convert.ToHexString(w.WrittenSpan[..4]), Is.EqualTo("FEEDFACE"));
        Assert.That(w.WrittenSpan[4..].ToArray(), Is.All.EqualTo((byte)0x42));
    }

    [Test]
    public void GetMemoryAndAdvance_ProduceInPlace()
    {
        using var w = new XdrWriter(64);
        w.WriteUInt32(1);
        var mem = w.GetMemory(5000);
        Assert.That(mem.Length, Is.EqualTo(5000));
        Assert.That(w.Length, Is.EqualTo(4));
        mem.Span.Fill(9);
        w.Advance(5000);
        Assert.That(w.Length, Is.EqualTo(5004));
        Assert.That(w.WrittenSpan[0..4].ToArray(), Is.EqualTo(new byte[] { 0, 0, 0, 1 }));
        Assert.That(w.WrittenSpan[4..].ToArray(), Is.All.EqualTo((byte)9));
    }

    [Test]
    public void Advance_BeyondCapacityOrNegative_Throws()
    {
        using var w = new XdrWriter(64);
        w.GetSpan(8);
        Assert.Throws<ArgumentOutOfRangeException>(() => w.Advance(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => w.Advance(int.MaxValue));
        Assert.That(w.Length, Is.Zero);
        w.Advance(0);
        Assert.That(w.Length, Is.Zero);
    }

    [Test]
    public void Truncate_RollsBackAPartialResult()
    {
        using var w = new XdrWriter(64);
        w.WriteUInt32(1);
        int mark = w.Length;
        w.WriteUInt32(2);
        w.WriteString("partial");
        w.Truncate(mark);
        Assert.That(w.Length, Is.EqualTo(4));
        w.WriteUInt32(3);
        Assert.That(Convert.ToHexString(w.WrittenSpan), Is.EqualTo("0000000100000003"));
        w.Truncate(w.Length);
        Assert.That(w.Length, Is.EqualTo(8));
        w.Truncate(0);
        Assert.That(w.Length, Is.Zero);
    }

    [TestCase(-1)]
    [TestCase(9)]
    [TestCase(int.MaxValue)]
    public void Truncate_OutsideWritten_Throws(int length)
    {
        using var w = new XdrWriter(64);
        w.WriteUInt64(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => w.Truncate(length));
        Assert.That(w.Length, Is.EqualTo(8));
    }

    [Test]
    public void Reset_ForgetsWrittenBytes()
    {
        using var w = new XdrWriter(64);
        w.WriteUInt64(ulong.MaxValue);
        w.Reset();
        Assert.That(w.Length, Is.Zero);
        Assert.That(w.WrittenSpan.Length, Is.Zero);
        w.WriteUInt32(5);
        Assert.That(Convert.ToHexString(w.WrittenSpan), Is.EqualTo("00000005"));
        Assert.That(w.WrittenMemory.ToArray(), Is.EqualTo(w.WrittenSpan.ToArray()));
    }

    [TestCase(1_000, 'a')]
    [TestCase(100_000, 'a')]
    [TestCase(100_001, 'é')]
    [TestCase(33_333, '日')]
    public void WriteString_LongStringsRoundTrip(int chars, char c)
    {
        var value = new string(c, chars);
        using var w = new XdrWriter(64);
        w.WriteUInt32(1);
        w.WriteString(value);
        w.WriteUInt32(2);
        int utf8 = Encoding.UTF8.GetByteCount(value);
        Assert.That(w.Length, Is.EqualTo(4 + 4 + XdrReader.Padded(utf8) + 4));
        var r = new XdrReader(w.WrittenMemory);
        Assert.That(r.ReadUInt32(), Is.EqualTo(1u));
        Assert.That(r.ReadString(int.MaxValue), Is.EqualTo(value));
        Assert.That(r.ReadUInt32(), Is.EqualTo(2u));
    }

    [Test]
    public void WriteString_SurrogatePairsAndLoneSurrogatesProduceValidUtf8()
    {
        var bytes = Wire.Encode(w => { w.WriteString("😀"); w.WriteString("a\uD800b"); });
        var r = new XdrReader(bytes);
        Assert.That(r.ReadString(16), Is.EqualTo("😀"));
        // A lone surrogate cannot be encoded; it is replaced, so the wire stays valid UTF-8.
        Assert.That(r.ReadString(16), Is.EqualTo("a\uFFFDb"));
    }

    [Test]
    public void Dispose_TwiceIsSafe()
    {
        var w = new XdrWriter(64);
        w.WriteUInt32(1);
        w.Dispose();
        Assert.That(w.Length, Is.Zero);
        Assert.DoesNotThrow(() => w.Dispose());
        Assert.That(w.WrittenSpan.Length, Is.Zero);
    }

    [TestCase(-5)]
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(1 << 20)]
    public void Constructor_AcceptsAnyCapacity(int capacity)
    {
        using var w = new XdrWriter(capacity);
        w.WriteUInt64(3);
        Assert.That(w.Length, Is.EqualTo(8));
    }
}
