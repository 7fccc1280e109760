using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Tests;

[TestFixture]
public class StateId4Tests
{
    [Test]
    public void Anonymous_IsAllZeros()
    {
        var s = StateId4.Anonymous;
        Assert.That(Wire.Encode(s.Encode), Is.EqualTo(new byte[16]));
        Assert.That(s.IsOtherZero, Is.True);
        Assert.That(s.IsOtherAllOnes, Is.False);
        Assert.That(s.IsSpecial, Is.True);
    }

    [Test]
    public void Bypass_IsAllOnes()
    {
        var s = StateId4.Bypass;
        Assert.That(Wire.Encode(s.Encode), Is.EqualTo(Enumerable.Repeat((byte)0xFF, 16).ToArray()));
        Assert.That(s.IsOtherAllOnes, Is.True);
        Assert.That(s.IsOtherZero, Is.False);
        Assert.That(s.IsSpecial, Is.True);
    }

    [Test]
    public void Current_IsSeqIdOneOtherZero()
    {
        Assert.That(Wire.Encode(StateId4.Current.Encode), Is.EqualTo(Wire.Words(1, 0, 0, 0)));
        Assert.That(StateId4.Current.IsSpecial, Is.True);
    }

    [Test]
    public void Invalid_IsSeqIdAllOnesOtherZero()
    {
        Assert.That(Wire.Encode(StateId4.Invalid.Encode), Is.EqualTo(Wire.Words(uint.MaxValue, 0, 0, 0)));
        Assert.That(StateId4.Invalid.IsSpecial, Is.True);
    }

    [Test]
    public void SpecialStateIds_AreDistinct()
    {
        var all = new[] { StateId4.Anonymous, StateId4.Bypass, StateId4.Current, StateId4.Invalid };
        Assert.That(all.Distinct().Count(), Is.EqualTo(4));
    }

    [TestCase(0u, 0ul, 1u)]
    [TestCase(0u, 1ul, 0u)]
    [TestCase(1u, ulong.MaxValue, 0xFFFFFFFEu)]
    [TestCase(1u, 0xFFFFFFFFFFFFFFFEul, uint.MaxValue)]
    [TestCase(7u, 0x0102030405060708ul, 0x090A0B0Cu)]
    public void OrdinaryStateIds_AreNotSpecial(uint seq, ulong hi, uint lo)
    {
        var s = new StateId4(seq, hi, lo);
        Assert.That(s.IsSpecial, Is.False);
        Assert.That(s.IsOtherZero, Is.False);
        Assert.That(s.IsOtherAllOnes, Is.False);
    }

    [Test]
    public void Decode_HandEncoded_SeqIdThenTwelveOtherBytes()
    {
        var bytes = Wire.Hex("00000005 0102030405060708 090A0B0C");
        var r = new XdrReader(bytes);
        var s = StateId4.Decode(r);
        Assert.That(s, Is.EqualTo(new StateId4(5, 0x0102030405060708, 0x090A0B0C)));
        Assert.That(r.Remaining, Is.Zero);
        var other = new byte[12];
        s.WriteOther(other);
        Assert.That(Convert.ToHexString(other), Is.EqualTo("0102030405060708090A0B0C"));
        Assert.That(Wire.Encode(s.Encode), Is.EqualTo(bytes));
    }

    [TestCase(0)]
    [TestCase(4)]
    [TestCase(12)]
    [TestCase(15)]
    public void Decode_Truncated_IsRejected(int length)
    {
        Wire.ThrowsXdr(XdrErrorKind.Truncated, () => StateId4.Decode(new XdrReader(new byte[length])));
    }

    [Test]
    public void SameOtherAndWithSeqId()
    {
        var a = new StateId4(1, 0xAA, 0xBB);
        var b = a.WithSeqId(2);
        Assert.That(b.SeqId, Is.EqualTo(2u));
        Assert.That(b.SameOther(a), Is.True);
        Assert.That(b, Is.Not.EqualTo(a));
        Assert.That(a.SameOther(new StateId4(1, 0xAA, 0xBC)), Is.False);
        Assert.That(a.SameOther(new StateId4(1, 0xAB, 0xBB)), Is.False);
        Assert.That(a.ToString(), Is.EqualTo("[1:00000000000000aa000000bb]"));
    }
}
