using Nfs.Protocol.Rpc;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Tests;

[TestFixture]
public class RpcCallHeaderTests
{
    private static readonly AuthSysParameters SampleCred = new()
    {
        Stamp = 0x12345678, MachineName = "client.example", Uid = 1000, Gid = 100, Gids = [4, 24, 27],
    };

    [Test]
    public void EncodeDecode_RoundTripsEveryField()
    {
        var verifier = new OpaqueAuth(AuthFlavor.Short, new byte[] { 1, 2, 3, 4, 5 });
        var header = new RpcCallHeader(0xDEADBEEF, 2, 100003, 4, 1, SampleCred.ToOpaqueAuth(), verifier);
        var bytes = Wire.Encode(w => { header.Encode(w); w.WriteUInt32(0xA5A5A5A5); });

        var r = new XdrReader(bytes);
        var decoded = RpcCallHeader.Decode(r);
        Assert.That(decoded.Xid, Is.EqualTo(0xDEADBEEFu));
        Assert.That(decoded.RpcVersion, Is.EqualTo(2u));
        Assert.That(decoded.Program, Is.EqualTo(100003u));
        Assert.That(decoded.Version, Is.EqualTo(4u));
        Assert.That(decoded.Procedure, Is.EqualTo(1u));
        Assert.That(decoded.Credential.Flavor, Is.EqualTo(AuthFlavor.Sys));
        Assert.That(decoded.Credential.Body.ToArray(), Is.EqualTo(header.Credential.Body.ToArray()));
        Assert.That(decoded.Verifier.Flavor, Is.EqualTo(AuthFlavor.Short));
        Assert.That(decoded.Verifier.Body.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3, 4, 5 }));
        Assert.That(r.ReadUInt32(), Is.EqualTo(0xA5A5A5A5u), "the reader is left at the procedure's arguments");

        var sys = AuthSysParameters.Decode(decoded.Credential.Body);
        Assert.That(sys.MachineName, Is.EqualTo("client.example"));
        Assert.That(sys.Gids, Is.EqualTo(new uint[] { 4, 24, 27 }));
    }

    [Test]
    public void Encode_MatchesRfc5531Layout()
    {
        var header = new RpcCallHeader(7, 2, 100003, 4, 0, OpaqueAuth.None, OpaqueAuth.None);
        var bytes = Wire.Encode(header.Encode);
        // xid, mtype CALL=0, rpcvers, prog, vers, proc, cred {flavor, len}, verf {flavor, len}
        Assert.That(bytes, Is.EqualTo(Wire.Words(7, 0, 2, 100003, 4, 0, 0, 0, 0, 0)));
    }

    [Test]
    public void Decode_HandEncodedCallWithAuthSys()
    {
        var body = Wire.Concat(Wire.Words(1, 3), "abc"u8.ToArray(), new byte[1], Wire.Words(0, 0, 0));
        var bytes = Wire.Concat(Wire.Words(0x01020304, 0, 2, 100003, 4, 1, 1, (uint)body.Length), body, Wire.Words(0, 0));
        var r = new XdrReader(bytes);
        var h = RpcCallHeader.Decode(r);
        Assert.That(h.Xid, Is.EqualTo(0x01020304u));
        Assert.That(h.Credential.Flavor, Is.EqualTo(AuthFlavor.Sys));
        Assert.That(h.Credential.Body.ToArray(), Is.EqualTo(body));
        Assert.That(h.Verifier.Flavor, Is.EqualTo(AuthFlavor.None));
        Assert.That(h.Verifier.Body.IsEmpty, Is.True);
        Assert.That(r.Remaining, Is.Zero);
        var sys = AuthSysParameters.Decode(h.Credential.Body);
        Assert.That(sys.Stamp, Is.EqualTo(1u));
        Assert.That(sys.MachineName, Is.EqualTo("abc"));
        Assert.That(sys.Uid, Is.Zero);
        Assert.That(sys.Gids, Is.Empty);
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(-1)]
    public void Decode_NonCallMessageType_IsRejected(int mtype)
    {
        var bytes = Wire.Words(1, (uint)mtype, 2, 100003, 4, 0, 0, 0, 0, 0);
        Wire.ThrowsXdr(XdrErrorKind.BadValue, () => RpcCallHeader.Decode(new XdrReader(bytes)));
    }

    [TestCase(0u)]
    [TestCase(1u)]
    [TestCase(3u)]
    [TestCase(uint.MaxValue)]
    public void Decode_OtherRpcVersions_AreReturnedForRpcMismatch(uint rpcvers)
    {
        var bytes = Wire.Words(9, 0, rpcvers, 100003, 4, 0, 0, 0, 0, 0);
        Assert.That(RpcCallHeader.Decode(new XdrReader(bytes)).RpcVersion, Is.EqualTo(rpcvers));
    }

    [TestCase(401)]
    [TestCase(404)]
    [TestCase(1000)]
    public void Decode_CredentialBodyLongerThan400_IsRejected(int length)
    {
        var bytes = Wire.Concat(Wire.Words(1, 0, 2, 100003, 4, 1, 1, (uint)length), new byte[XdrReader.Padded(length)], Wire.Words(0, 0));
        Wire.ThrowsXdr(XdrErrorKind.TooLong, () => RpcCallHeader.Decode(new XdrReader(bytes)));
    }

    [Test]
    public void Decode_VerifierBodyLongerThan400_IsRejected()
    {
        var bytes = Wire.Concat(Wire.Words(1, 0, 2, 100003, 4, 1, 0, 0, 1, 401), new byte[404]);
        Wire.ThrowsXdr(XdrErrorKind.TooLong, () => RpcCallHeader.Decode(new XdrReader(bytes)));
    }

    [Test]
    public void Decode_CredentialBodyOfExactly400_IsAccepted()
    {
        var bytes = Wire.Concat(Wire.Words(1, 0, 2, 100003, 4, 1, 6, 400), new byte[400], Wire.Words(0, 0));
        var h = RpcCallHeader.Decode(new XdrReader(bytes));
        Assert.That(h.Credential.Flavor, Is.EqualTo(AuthFlavor.RpcSecGss));
        Assert.That(h.Credential.Body.Length, Is.EqualTo(400));
    }

    [Test]
    public void Decode_TruncatedAnywhere_IsRejected()
    {
        var full = Wire.Encode(new RpcCallHeader(1, 2, 3, 4, 5, SampleCred.ToOpaqueAuth(), OpaqueAuth.None).Encode);
        for (int n = 0; n < full.Length; n++)
        {
            var prefix = full[..n];
            Wire.ThrowsXdr(XdrErrorKind.Truncated, () => RpcCallHeader.Decode(new XdrReader(prefix)));
        }
    }
}

[TestFixture]
public class OpaqueAuthTests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(400)]
    public void RoundTrips(int length)
    {
        var body = Wire.Pattern(length, 3);
        var bytes = Wire.Encode(new OpaqueAuth(AuthFlavor.Dh, body).Encode);
        Assert.That(bytes, Has.Length.EqualTo(8 + XdrReader.Padded(length)));
        var r = new XdrReader(bytes);
        var decoded = OpaqueAuth.Decode(r);
        Assert.That(decoded.Flavor, Is.EqualTo(AuthFlavor.Dh));
        Assert.That(decoded.Body.ToArray(), Is.EqualTo(body));
        Assert.That(r.Remaining, Is.Zero);
    }

    [Test]
    public void None_IsFlavorZeroWithEmptyBody()
    {
        Assert.That(OpaqueAuth.None.Flavor, Is.EqualTo(AuthFlavor.None));
        Assert.That(OpaqueAuth.None.Body.IsEmpty, Is.True);
        Assert.That(Wire.Encode(OpaqueAuth.None.Encode), Is.EqualTo(Wire.Words(0, 0)));
    }
}
