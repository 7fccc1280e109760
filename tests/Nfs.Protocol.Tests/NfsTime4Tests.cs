using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Tests;

[TestFixture]
public class NfsTime4Tests
{
    [TestCase(0L, 0u, 0L)]
    [TestCase(1L, 5u, 1_000_000_005L)]
    [TestCase(1_700_000_000L, 123_456_789u, 1_700_000_000_123_456_789L)]
    [TestCase(-1L, 999_999_999u, -1L)]
    [TestCase(-1L, 0u, -1_000_000_000L)]
    [TestCase(-2L, 500_000_000u, -1_500_000_000L)]
    [TestCase(9_223_372_035L, 999_999_999u, 9_223_372_035_999_999_999L)]
    [TestCase(-9_223_372_035L, 0u, -9_223_372_035_000_000_000L)]
    public void ToUnixNanoseconds_Converts(long seconds, uint ns, long expected)
    {
        Assert.That(new NfsTime4(seconds, ns).ToUnixNanoseconds(), Is.EqualTo(expected));
    }

    [TestCase(long.MaxValue)]
    [TestCase(9_223_372_037L)]
    [TestCase(1L << 40)]
    public void ToUnixNanoseconds_SaturatesHigh(long seconds)
    {
        Assert.That(new NfsTime4(seconds, 0).ToUnixNanoseconds(), Is.EqualTo(long.MaxValue));
    }

    [TestCase(long.MinValue)]
    [TestCase(-9_223_372_038L)]
    [TestCase(-(1L << 40))]
    public void ToUnixNanoseconds_SaturatesLow(long seconds)
    {
        Assert.That(new NfsTime4(seconds, 999_999_999).ToUnixNanoseconds(), Is.EqualTo(long.MinValue));
    }

    [TestCase(0L, 0L, 0u)]
    [TestCase(1L, 0L, 1u)]
    [TestCase(999_999_999L, 0L, 999_999_999u)]
    [TestCase(1_000_000_000L, 1L, 0u)]
    [TestCase(-1L, -1L, 999_999_999u)]
    [TestCase(-999_999_999L, -1L, 1u)]
    [TestCase(-1_000_000_000L, -1L, 0u)]
    [TestCase(-1_000_000_001L, -2L, 999_999_999u)]
    [TestCase(long.MaxValue, 9_223_372_036L, 854_775_807u)]
    [TestCase(long.MinValue, -9_223_372_037L, 145_224_192u)]
    public void FromUnixNanoseconds_KeepsNanosecondsNonNegative(long total, long seconds, uint ns)
    {
        var t = NfsTime4.FromUnixNanoseconds(total);
        Assert.That(t, Is.EqualTo(new NfsTime4(seconds, ns)));
        Assert.That(t.IsValid, Is.True);
    }

    [TestCase(0L)]
    [TestCase(1L)]
    [TestCase(-1L)]
    [TestCase(-123_456_789_012L)]
    [TestCase(1_700_000_000_123_456_789L)]
    [TestCase(-1_700_000_000_123_456_789L)]
    [TestCase(long.MinValue)]
    [TestCase(long.MaxValue)]
    public void NanosecondsRoundTrip(long total)
    {
        Assert.That(NfsTime4.FromUnixNanoseconds(total).ToUnixNanoseconds(), Is.EqualTo(total));
    }

    [TestCase(0u, true)]
    [TestCase(999_999_999u, true)]
    [TestCase(1_000_000_000u, false)]
    [TestCase(uint.MaxValue, false)]
    public void IsValid_ChecksNanosecondRange(uint ns, bool valid)
    {
        Assert.That(new NfsTime4(0, ns).IsValid, Is.EqualTo(valid));
    }

    [TestCase(0L, 0u, "0000000000000000" + "00000000")]
    [TestCase(1L, 2u, "0000000000000001" + "00000002")]
    [TestCase(-1L, 999_999_999u, "FFFFFFFFFFFFFFFF" + "3B9AC9FF")]
    [TestCase(long.MinValue, uint.MaxValue, "8000000000000000" + "FFFFFFFF")]
    public void WireFormat_IsInt64SecondsThenUInt32Nanoseconds(long seconds, uint ns, string hex)
    {
        var t = new NfsTime4(seconds, ns);
        var bytes = Wire.Encode(t.Encode);
        Assert.That(Convert.ToHexString(bytes), Is.EqualTo(hex));
        var r = new XdrReader(bytes);
        Assert.That(NfsTime4.Decode(r), Is.EqualTo(t));
        Assert.That(r.Remaining, Is.Zero);
    }

    [Test]
    public void Decode_Truncated_IsRejected()
    {
        Wire.ThrowsXdr(XdrErrorKind.Truncated, () => NfsTime4.Decode(new XdrReader(new byte[11])));
    }
}
