using Nfs.Protocol.Rpc;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Tests;

[TestFixture]
public class AuthSysTests
{
    private static byte[] Body(uint stamp, byte[] machine, uint uid, uint gid, params uint[] gids) =>
        Wire.Concat(Wire.Words(stamp, (uint)machine.Length), machine, new byte[XdrReader.Padded(machine.Length) - machine.Length],
            Wire.Words(uid, gid, (uint)gids.Length), Wire.Words(gids));

    [TestCase("", 0)]
    [TestCase("h", 1)]
    [TestCase("host", 3)]
    [TestCase("hôte-ü", 16)]
    [TestCase("nfs-client-7", 0)]
    public void RoundTrips(string machine, int groupCount)
    {
        var p = new AuthSysParameters
        {
            Stamp = 0xFEDCBA98, MachineName = machine, Uid = 65534, Gid = uint.MaxValue,
            Gids = Enumerable.Range(100, groupCount).Select(i => (uint)i).ToArray(),
        };
        var bytes = Wire.Encode(p.Encode);
        var d = AuthSysParameters.Decode(bytes);
        Assert.That(d.Stamp, Is.EqualTo(p.Stamp));
        Assert.That(d.MachineName, Is.EqualTo(machine));
        Assert.That(d.Uid, Is.EqualTo(65534u));
        Assert.That(d.Gid, Is.EqualTo(uint.MaxValue));
        Assert.That(d.Gids, Is.EqualTo(p.Gids));
    }

    [Test]
    public void Encode_MatchesAppendixALayout()
    {
        var p = new AuthSysParameters { Stamp = 1, MachineName = "abcde", Uid = 1000, Gid = 1001, Gids = [10, 20] };
        Assert.That(Wire.Encode(p.Encode), Is.EqualTo(Body(1, "abcde"u8.ToArray(), 1000, 1001, 10, 20)));
        Assert.That(Convert.ToHexString(Wire.Encode(p.Encode)),
            Is.EqualTo("00000001" + "00000005" + "6162636465000000" + "000003E8" + "000003E9" + "00000002" + "0000000A" + "00000014"));
    }

    [Test]
    public void ToOpaqueAuth_IsFlavorSysWithTheEncodedBody()
    {
        var p = new AuthSysParameters { Stamp = 5, MachineName = "m", Uid = 0, Gid = 0, Gids = [1] };
        var auth = p.ToOpaqueAuth();
        Assert.That(auth.Flavor, Is.EqualTo(AuthFlavor.Sys));
        Assert.That(auth.Body.ToArray(), Is.EqualTo(Body(5, "m"u8.ToArray(), 0, 0, 1)));
    }

    [Test]
    public void MachineNameOf255Bytes_IsAccepted()
    {
        var name = new string('n', 255);
        var d = AuthSysParameters.Decode(Body(0, System.Text.Encoding.ASCII.GetBytes(name), 0, 0));
        Assert.That(d.MachineName, Is.EqualTo(name));
    }

    [TestCase(256)]
    [TestCase(400)]
    public void MachineNameLongerThan255_IsRejected(int length)
    {
        var body = Body(0, Enumerable.Repeat((byte)'n', length).ToArray(), 0, 0);
        Wire.ThrowsXdr(XdrErrorKind.TooLong, () => AuthSysParameters.Decode(body));
    }

    [Test]
    public void MachineNameLengthOfFFFFFFFF_IsRejected()
    {
        Wire.ThrowsXdr(XdrErrorKind.TooLong, () => AuthSysParameters.Decode(Wire.Words(0, uint.MaxValue, 0, 0, 0)));
    }

    [Test]
    public void SixteenGroups_AreAccepted()
    {
        var gids = Enumerable.Range(1, 16).Select(i => (uint)i).ToArray();
        Assert.That(AuthSysParameters.Decode(Body(0, [], 0, 0, gids)).Gids, Is.EqualTo(gids));
    }

    [TestCase(17)]
    [TestCase(100)]
    public void MoreThan16Groups_AreRejected(int count)
    {
        var gids = Enumerable.Range(1, count).Select(i => (uint)i).ToArray();
        Wire.ThrowsXdr(XdrErrorKind.TooLong, () => AuthSysParameters.Decode(Body(0, [], 0, 0, gids)));
    }

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(8)]
    public void TrailingBytes_AreRejected(int extra)
    {
        var body = Wire.Concat(Body(1, "x"u8.ToArray(), 2, 3, 4), new byte[extra]);
        Wire.ThrowsXdr(XdrErrorKind.BadValue, () => AuthSysParameters.Decode(body));
    }

    [Test]
    public void TruncatedBody_IsRejectedAtEveryLength()
    {
        var full = Body(1, "hostname"u8.ToArray(), 2, 3, 4, 5, 6);
        Assert.That(AuthSysParameters.Decode(full).Gids, Has.Length.EqualTo(3));
        for (int n = 0; n < full.Length; n++)
        {
            var prefix = full[..n];
            Wire.ThrowsXdr(XdrErrorKind.Truncated, () => AuthSysParameters.Decode(prefix));
        }
    }

    [Test]
    public void InvalidUtf8MachineName_IsRejected()
    {
        Wire.ThrowsXdr(XdrErrorKind.BadValue, () => AuthSysParameters.Decode(Body(0, [0xC3, 0x28], 0, 0)));
    }
}
