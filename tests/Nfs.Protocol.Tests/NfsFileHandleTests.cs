using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Tests;

[TestFixture]
public class NfsFileHandleTests
{
    [TestCase(1)]
    [TestCase(3)]
    [TestCase(16)]
    [TestCase(127)]
    [TestCase(128)]
    public void TryDecode_ValidLengths_RoundTrip(int length)
    {
        var data = Wire.Pattern(length, length);
        var bytes = Wire.Encode(w => { w.WriteOpaque(data); w.WriteUInt32(0x5EED); });
        var r = new XdrReader(bytes);
        Assert.That(NfsFileHandle.TryDecode(r, out var fh), Is.True);
        Assert.That(fh.IsSet, Is.True);
        Assert.That(fh.Length, Is.EqualTo(length));
        Assert.That(fh.Span.ToArray(), Is.EqualTo(data));
        Assert.That(r.ReadUInt32(), Is.EqualTo(0x5EEDu));
        Assert.That(Wire.Encode(fh.Encode), Is.EqualTo(bytes[..^4]));
    }

    [TestCase(0)]
    [TestCase(129)]
    [TestCase(200)]
    [TestCase(1024)]
    public void TryDecode_ZeroOrOverlongHandle_IsRefusedButConsumed(int length)
    {
        var bytes = Wire.Encode(w => { w.WriteOpaque(new byte[length]); w.WriteUInt32(0xAB); });
        var r = new XdrReader(bytes);
        Assert.That(NfsFileHandle.TryDecode(r, out var fh), Is.False);
        Assert.That(fh.IsSet, Is.False);
        Assert.That(fh.Length, Is.Zero);
        Assert.That(r.Position, Is.EqualTo(4 + XdrReader.Padded(length)));
        Assert.That(r.ReadUInt32(), Is.EqualTo(0xABu), "decoding continues after the refused handle");
    }

    [Test]
    public void TryDecode_AboveOpaqueLimit_IsBadXdr()
    {
        var bytes = Wire.Encode(w => w.WriteOpaque(new byte[1025]));
        Wire.ThrowsXdr(XdrErrorKind.TooLong, () => NfsFileHandle.TryDecode(new XdrReader(bytes), out _));
    }

    [Test]
    public void TryDecode_Truncated_IsBadXdr()
    {
        var bytes = Wire.Concat(Wire.Words(8), new byte[4]);
        Wire.ThrowsXdr(XdrErrorKind.Truncated, () => NfsFileHandle.TryDecode(new XdrReader(bytes), out _));
    }

    [TestCase(0)]
    [TestCase(129)]
    public void From_RefusesInvalidLengths(int length)
    {
        Assert.Throws<ArgumentException>(() => NfsFileHandle.From(new byte[length]));
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(129)]
    public void Prepare_RefusesInvalidLengths(int length)
    {
        var fh = new NfsFileHandle();
        Assert.Throws<ArgumentOutOfRangeException>(() => fh.Prepare(length));
        Assert.That(fh.IsSet, Is.False);
    }

    [Test]
    public void Prepare_SetsLengthAndGivesWritableBytes()
    {
        var fh = new NfsFileHandle();
        var span = fh.Prepare(4);
        span[0] = 0xDE; span[1] = 0xAD; span[2] = 0xBE; span[3] = 0xEF;
        Assert.That(fh.Length, Is.EqualTo(4));
        Assert.That(fh.ToString(), Is.EqualTo("DEADBEEF"));
        Assert.That(fh, Is.EqualTo(NfsFileHandle.From([0xDE, 0xAD, 0xBE, 0xEF])));
        fh.Clear();
        Assert.That(fh.IsSet, Is.False);
        Assert.That(fh, Is.EqualTo(default(NfsFileHandle)));
    }

    [Test]
    public void Equality_IsByContent()
    {
        var a = NfsFileHandle.From([1, 2, 3]);
        var b = NfsFileHandle.From([1, 2, 3]);
        Assert.That(a.Equals(b), Is.True);
        Assert.That(a.Equals((object)b), Is.True);
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));

        Assert.That(a.Equals(NfsFileHandle.From([1, 2, 4])), Is.False);
        Assert.That(a.Equals(NfsFileHandle.From([1, 2, 3, 0])), Is.False, "a longer handle with a zero byte differs");
        Assert.That(a.Equals(NfsFileHandle.From([1, 2])), Is.False);
        Assert.That(a.Equals(default), Is.False);
        Assert.That(a.Equals((object)"010203"), Is.False);
        Assert.That(default(NfsFileHandle).Equals(default), Is.True);
    }

    [Test]
    public void Equality_IgnoresStaleBytesBeyondLength()
    {
        var a = NfsFileHandle.From([9, 9, 9, 9, 9, 9]);
        var span = a.Prepare(2);
        span[0] = 1; span[1] = 2;
        var b = NfsFileHandle.From([1, 2]);
        Assert.That(a.Equals(b), Is.True);
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
    }

    [Test]
    public void HashSet_FindsEqualHandles()
    {
        var set = new HashSet<NfsFileHandle> { NfsFileHandle.From([1]), NfsFileHandle.From([1, 2]) };
        Assert.That(set.Contains(NfsFileHandle.From([1, 2])), Is.True);
        Assert.That(set.Contains(NfsFileHandle.From([2, 1])), Is.False);
        Assert.That(set.Add(NfsFileHandle.From([1])), Is.False);
    }

    [Test]
    public void IsAValueCopy()
    {
        var a = NfsFileHandle.From([1, 2, 3]);
        var copy = a;
        a.Prepare(3)[0] = 0x77;
        Assert.That(copy.Span.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
    }
}
