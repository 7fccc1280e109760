using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Tests;

[TestFixture]
public class Bitmap4Tests
{
    [TestCase(0, 1u, 0u, 0u)]
    [TestCase(1, 2u, 0u, 0u)]
    [TestCase(31, 0x80000000u, 0u, 0u)]
    [TestCase(32, 0u, 1u, 0u)]
    [TestCase(33, 0u, 2u, 0u)]
    [TestCase(63, 0u, 0x80000000u, 0u)]
    [TestCase(64, 0u, 0u, 1u)]
    [TestCase(95, 0u, 0u, 0x80000000u)]
    public void With_SetsTheBitInTheRightWord(int bit, uint w0, uint w1, uint w2)
    {
        var b = Bitmap4.Empty.With(bit);
        Assert.That((b.Word0, b.Word1, b.Word2), Is.EqualTo((w0, w1, w2)));
        Assert.That(b[bit], Is.True);
        for (int other = 0; other < Bitmap4.Capacity; other++)
            if (other != bit) Assert.That(b[other], Is.False, $"bit {other}");
        Assert.That(b.IsEmpty, Is.False);
    }

    [TestCase(96)]
    [TestCase(1000)]
    public void With_BeyondCapacity_Throws(int bit)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Bitmap4.Empty.With(bit));
    }

    [TestCase(-1)]
    [TestCase(-32)]
    [TestCase(96)]
    [TestCase(int.MaxValue)]
    public void Indexer_OutOfRangeBits_AreFalse(int bit)
    {
        var all = new Bitmap4(uint.MaxValue, uint.MaxValue, uint.MaxValue, true);
        Assert.That(all[bit], Is.False);
    }

    [TestCase(0)]
    [TestCase(31)]
    [TestCase(32)]
    [TestCase(63)]
    [TestCase(64)]
    [TestCase(95)]
    public void Without_ClearsOnlyThatBit(int bit)
    {
        var all = new Bitmap4(uint.MaxValue, uint.MaxValue, uint.MaxValue);
        var b = all.Without(bit);
        Assert.That(b[bit], Is.False);
        for (int other = 0; other < Bitmap4.Capacity; other++)
            if (other != bit) Assert.That(b[other], Is.True, $"bit {other}");
        Assert.That(Bitmap4.Empty.Without(bit), Is.EqualTo(Bitmap4.Empty));
    }

    [Test]
    public void Without_BeyondCapacity_IsANoOp()
    {
        var b = Bitmap4.Of(1, 40, 90);
        Assert.That(b.Without(96), Is.EqualTo(b));
        Assert.That(b.Without(500), Is.EqualTo(b));
    }

    [Test]
    public void Of_SetsEveryListedBit()
    {
        var b = Bitmap4.Of(Nfs4Attribute.Type, Nfs4Attribute.Size, Nfs4Attribute.Mode, Nfs4Attribute.SuppattrExclcreat);
        Assert.That(b.Word0, Is.EqualTo((1u << 1) | (1u << 4)));
        Assert.That(b.Word1, Is.EqualTo(1u << 1));
        Assert.That(b.Word2, Is.EqualTo(1u << 11));
        Assert.That(Bitmap4.Of(), Is.EqualTo(Bitmap4.Empty));
    }

    [TestCase(0, 3)]
    [TestCase(3, 3)]
    [TestCase(4, 31)]
    [TestCase(31, 31)]
    [TestCase(32, 32)]
    [TestCase(33, 40)]
    [TestCase(41, 64)]
    [TestCase(64, 64)]
    [TestCase(65, 95)]
    [TestCase(95, 95)]
    [TestCase(96, -1)]
    [TestCase(200, -1)]
    public void NextSetBit_FindsTheLowestSetBitAtOrAfterStart(int start, int expected)
    {
        var b = Bitmap4.Of(3, 31, 32, 40, 64, 95);
        Assert.That(b.NextSetBit(start), Is.EqualTo(expected));
    }

    [Test]
    public void NextSetBit_OnEmptyBitmap_IsMinusOne()
    {
        Assert.That(Bitmap4.Empty.NextSetBit(0), Is.EqualTo(-1));
        Assert.That(new Bitmap4(0, 0, 0, true).NextSetBit(0), Is.EqualTo(-1));
    }

    [Test]
    public void NextSetBit_EnumeratesEverySetBitInOrder()
    {
        var bits = new[] { 0, 1, 2, 30, 31, 32, 33, 62, 63, 64, 65, 94, 95 };
        var b = Bitmap4.Of(bits);
        var found = new List<int>();
        for (int i = b.NextSetBit(0); i >= 0; i = b.NextSetBit(i + 1)) found.Add(i);
        Assert.That(found, Is.EqualTo(bits));
    }

    [TestCase(new int[0], new uint[] { 0 })]
    [TestCase(new[] { 0 }, new uint[] { 1, 1 })]
    [TestCase(new[] { 31 }, new uint[] { 1, 0x80000000 })]
    [TestCase(new[] { 32 }, new uint[] { 2, 0, 1 })]
    [TestCase(new[] { 1, 33 }, new uint[] { 2, 2, 2 })]
    [TestCase(new[] { 64 }, new uint[] { 3, 0, 0, 1 })]
    [TestCase(new[] { 95 }, new uint[] { 3, 0, 0, 0x80000000 })]
    [TestCase(new[] { 0, 95 }, new uint[] { 3, 1, 0, 0x80000000 })]
    public void Encode_UsesTheFewestWords(int[] bits, uint[] words)
    {
        var b = Bitmap4.Of(bits);
        Assert.That(Wire.Encode(b.Encode), Is.EqualTo(Wire.Words(words)));
        var r = new XdrReader(Wire.Words(words));
        Assert.That(Bitmap4.Decode(r), Is.EqualTo(b));
        Assert.That(r.Remaining, Is.Zero);
    }

    [Test]
    public void Encode_DoesNotWriteBitsBeyondRange()
    {
        Assert.That(Wire.Encode(new Bitmap4(4, 0, 0, true).Encode), Is.EqualTo(Wire.Words(1, 4)));
    }

    [TestCase(new uint[] { 4, 1, 2, 3, 0 }, false)]
    [TestCase(new uint[] { 4, 1, 2, 3, 1 }, true)]
    [TestCase(new uint[] { 5, 0, 0, 0, 0, 0 }, false)]
    [TestCase(new uint[] { 8, 0, 0, 0, 0, 0, 0, 0, 0 }, false)]
    [TestCase(new uint[] { 8, 0, 0, 0, 0, 0, 0, 0, 0x80000000 }, true)]
    [TestCase(new uint[] { 6, 0, 0, 0, 0, 7, 0 }, true)]
    public void Decode_WordsBeyondThree_SetHasBitsBeyondRangeOnlyWhenNonZero(uint[] words, bool beyond)
    {
        var r = new XdrReader(Wire.Words(words));
        var b = Bitmap4.Decode(r);
        Assert.That(b.HasBitsBeyondRange, Is.EqualTo(beyond));
        Assert.That(b.Word0, Is.EqualTo(words[1]));
        Assert.That(b.Word1, Is.EqualTo(words[2]));
        Assert.That(b.Word2, Is.EqualTo(words[3]));
        Assert.That(r.Remaining, Is.Zero, "all words are consumed");
    }

    [TestCase((uint)Nfs4Constants.MaxBitmapWords + 1)]
    [TestCase(100u)]
    [TestCase(0xFFFFFFFFu)]
    public void Decode_MoreThanMaxWords_IsRejected(uint count)
    {
        var words = new uint[1 + Nfs4Constants.MaxBitmapWords + 1];
        words[0] = count;
        Wire.ThrowsXdr(XdrErrorKind.TooLong, () => Bitmap4.Decode(new XdrReader(Wire.Words(words))));
    }

    [TestCase(new uint[] { 1 })]
    [TestCase(new uint[] { 3, 1, 2 })]
    public void Decode_CountLargerThanData_IsTruncated(uint[] words)
    {
        Wire.ThrowsXdr(XdrErrorKind.Truncated, () => Bitmap4.Decode(new XdrReader(Wire.Words(words))));
    }

    [Test]
    public void IsEmpty_ConsidersBitsBeyondRange()
    {
        Assert.That(Bitmap4.Empty.IsEmpty, Is.True);
        Assert.That(new Bitmap4(0, 0, 0, true).IsEmpty, Is.False);
        Assert.That(new Bitmap4(0, 0, 1).IsEmpty, Is.False);
    }

    [Test]
    public void SetOperations()
    {
        var a = Bitmap4.Of(1, 2, 40, 70);
        var b = Bitmap4.Of(2, 40, 80);
        Assert.That(a.Intersect(b), Is.EqualTo(Bitmap4.Of(2, 40)));
        Assert.That(a.Union(b), Is.EqualTo(Bitmap4.Of(1, 2, 40, 70, 80)));
        Assert.That(a.Except(b), Is.EqualTo(Bitmap4.Of(1, 70)));
        Assert.That(Bitmap4.Of(2, 40).IsSubsetOf(a), Is.True);
        Assert.That(b.IsSubsetOf(a), Is.False);
        Assert.That(Bitmap4.Empty.IsSubsetOf(a), Is.True);
        Assert.That(new Bitmap4(0, 0, 0, true).IsSubsetOf(a), Is.False, "unknown bits are never a subset");
        Assert.That(a.Union(new Bitmap4(0, 0, 0, true)).HasBitsBeyondRange, Is.True);
    }

    [Test]
    public void ToString_ListsBits()
    {
        Assert.That(Bitmap4.Of(0, 33, 95).ToString(), Is.EqualTo("{0,33,95}"));
        Assert.That(new Bitmap4(1, 0, 0, true).ToString(), Is.EqualTo("{0,...}"));
        Assert.That(Bitmap4.Empty.ToString(), Is.EqualTo("{}"));
    }
}
