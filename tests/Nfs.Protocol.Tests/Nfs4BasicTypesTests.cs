using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Tests;

[TestFixture]
public class Fattr4Tests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(4)]
    [TestCase(7)]
    [TestCase(65536)]
    public void RoundTrips(int valuesLength)
    {
        var values = Wire.Pattern(valuesLength, 11);
        var f = new Fattr4(Bitmap4.Of(Nfs4Attribute.Size, Nfs4Attribute.Mode), values);
        var bytes = Wire.Encode(w => { f.Encode(w); w.WriteUInt32(0xEE); });
        var r = new XdrReader(bytes);
        var d = Fattr4.Decode(r);
        Assert.That(d.Mask, Is.EqualTo(f.Mask));
        Assert.That(d.Values.ToArray(), Is.EqualTo(values));
        Assert.That(r.ReadUInt32(), Is.EqualTo(0xEEu));
    }

    [Test]
    public void WireFormat_IsBitmapThenOpaqueValues()
    {
        // size (bit 4) = 0x1000, mode (bit 33) = 0644
        var values = Wire.Concat(Wire.Words(0, 0x1000), Wire.Words(0x1A4));
        var bytes = Wire.Concat(Wire.Words(2, 1u << 4, 1u << 1, (uint)values.Length), values);
        var d = Fattr4.Decode(new XdrReader(bytes));
        Assert.That(d.Mask[Nfs4Attribute.Size], Is.True);
        Assert.That(d.Mask[Nfs4Attribute.Mode], Is.True);
        Assert.That(d.Values.ToArray(), Is.EqualTo(values));
        Assert.That(Wire.Encode(d.Encode), Is.EqualTo(bytes));
    }

    [Test]
    public void Decode_ValuesAboveLimit_IsTooLong()
    {
        var bytes = Wire.Concat(Wire.Words(1, 1, Fattr4.MaxValuesLength + 1), new byte[Fattr4.MaxValuesLength + 4]);
        Wire.ThrowsXdr(XdrErrorKind.TooLong, () => Fattr4.Decode(new XdrReader(bytes)));
    }

    [Test]
    public void Decode_TooManyBitmapWords_IsTooLong()
    {
        var words = new uint[2 + Nfs4Constants.MaxBitmapWords + 1];
        words[0] = (uint)Nfs4Constants.MaxBitmapWords + 1;
        var bytes = Wire.Concat(Wire.Words(words));
        Wire.ThrowsXdr(XdrErrorKind.TooLong, () => Fattr4.Decode(new XdrReader(bytes)));
    }
}

[TestFixture]
public class Nfs4BasicTypesTests
{
    [Test]
    public void Verifier4_IsEightBytes()
    {
        var v = new Verifier4(0x0102030405060708);
        Assert.That(Convert.ToHexString(Wire.Encode(v.Encode)), Is.EqualTo("0102030405060708"));
        Assert.That(Verifier4.Decode(new XdrReader(Wire.Encode(v.Encode))), Is.EqualTo(v));
    }

    [Test]
    public void StateOwner4_RoundTrips()
    {
        var o = new StateOwner4(0xAABBCCDDEEFF0011, "open-owner-1"u8.ToArray());
        var bytes = Wire.Encode(o.Encode);
        Assert.That(bytes, Is.EqualTo(Wire.Concat(Wire.Hex("AABBCCDDEEFF0011"), Wire.Words(12), "open-owner-1"u8.ToArray())));
        var d = StateOwner4.Decode(new XdrReader(bytes));
        Assert.That(d.ClientId, Is.EqualTo(o.ClientId));
        Assert.That(d.Owner.ToArray(), Is.EqualTo(o.Owner.ToArray()));
    }

    [Test]
    public void StateOwner4_OwnerAboveOpaqueLimit_IsTooLong()
    {
        var bytes = Wire.Concat(Wire.Words(0, 0, 1025), new byte[1028]);
        Wire.ThrowsXdr(XdrErrorKind.TooLong, () => StateOwner4.Decode(new XdrReader(bytes)));
    }

    [Test]
    public void NetAddr4_RoundTrips()
    {
        var a = new NetAddr4("tcp6", "fe80::1.8.1");
        var r = new XdrReader(Wire.Encode(a.Encode));
        Assert.That(NetAddr4.Decode(r), Is.EqualTo(a));
        Assert.That(r.Remaining, Is.Zero);
    }

    [Test]
    public void SpecData4_RoundTrips()
    {
        var s = new SpecData4(8, 0xFFFFFFFF);
        var bytes = Wire.Encode(s.Encode);
        Assert.That(bytes, Is.EqualTo(Wire.Words(8, 0xFFFFFFFF)));
        Assert.That(SpecData4.Decode(new XdrReader(bytes)), Is.EqualTo(s));
    }

    [TestCase(true, 0ul, ulong.MaxValue)]
    [TestCase(false, 5ul, 6ul)]
    public void ChangeInfo4_RoundTrips(bool atomic, ulong before, ulong after)
    {
        var c = new ChangeInfo4(atomic, before, after);
        var bytes = Wire.Encode(c.Encode);
        Assert.That(bytes, Has.Length.EqualTo(20));
        Assert.That(new XdrReader(bytes).ReadBool(), Is.EqualTo(atomic));
        Assert.That(ChangeInfo4.Decode(new XdrReader(bytes)), Is.EqualTo(c));
    }

    [Test]
    public void ChangeInfo4_BadBool_IsRejected()
    {
        Wire.ThrowsXdr(XdrErrorKind.BadValue, () => ChangeInfo4.Decode(new XdrReader(Wire.Words(2, 0, 0, 0, 0))));
    }
}
