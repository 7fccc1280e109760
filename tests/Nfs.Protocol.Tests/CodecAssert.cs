using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Tests;

/// <summary>Round-trip helpers for NFSv4 argument and result records.</summary>
internal static class CodecAssert
{
    /// <summary>
    /// Encodes, decodes, and checks that the decoder consumed exactly what the encoder wrote and that
    /// every strict prefix of the encoding is refused as truncated.
    /// </summary>
    public static T RoundTrip<T>(Action<XdrWriter> encode, Func<XdrReader, T> decode, out byte[] bytes)
    {
        bytes = Wire.Encode(encode);
        var r = new XdrReader(bytes);
        var decoded = decode(r);
        Assert.That(r.Remaining, Is.Zero, $"{typeof(T).Name}: decoder left {r.Remaining} of {bytes.Length} bytes");
        for (int n = 0; n < bytes.Length; n++)
        {
            var prefix = bytes[..n];
            Wire.ThrowsXdr(XdrErrorKind.Truncated, () => decode(new XdrReader(prefix)));
        }
        return decoded;
    }

    public static T RoundTrip<T>(Action<XdrWriter> encode, Func<XdrReader, T> decode) => RoundTrip(encode, decode, out _);

    public static void SameBytes(ReadOnlyMemory<byte> actual, ReadOnlyMemory<byte> expected, string what) =>
        Assert.That(actual.ToArray(), Is.EqualTo(expected.ToArray()), what);

    public static void SameOwner(StateOwner4 actual, StateOwner4 expected)
    {
        Assert.That(actual.ClientId, Is.EqualTo(expected.ClientId), "owner client id");
        SameBytes(actual.Owner, expected.Owner, "owner bytes");
    }

    public static void SameFattr(Fattr4 actual, Fattr4 expected)
    {
        Assert.That(actual.Mask, Is.EqualTo(expected.Mask), "fattr4 mask");
        SameBytes(actual.Values, expected.Values, "fattr4 values");
    }
}
