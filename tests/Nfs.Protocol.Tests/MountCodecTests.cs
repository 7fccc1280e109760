using Nfs.Protocol.Mount;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Rpc;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Tests;

public class MountCodecTests
{
    [Test]
    public void MountResultCarriesHandleAndFlavors()
    {
        var ok = new MountResult3(MountStat3.Ok, NfsFileHandle.From(Wire.Pattern(12)), [AuthFlavor.Sys, AuthFlavor.None]);
        var decoded = CodecAssert.RoundTrip(ok.Encode, MountResult3.Decode);
        Assert.That(decoded.Handle, Is.EqualTo(ok.Handle));
        Assert.That(decoded.Flavors, Is.EqualTo(ok.Flavors));
        var error = CodecAssert.RoundTrip(new MountResult3(MountStat3.Acces, default, []).Encode, MountResult3.Decode, out var bytes);
        Assert.That(error.Status, Is.EqualTo(MountStat3.Acces));
        Assert.That(bytes, Is.EqualTo(Wire.Words(13)));
    }

    [Test]
    public void MountListRoundTrips()
    {
        var entries = new List<MountEntry> { new("10.0.0.1", "/a"), new("10.0.0.2", "/b/c") };
        var decoded = CodecAssert.RoundTrip(w => MountLists.EncodeMounts(w, entries), MountLists.DecodeMounts);
        Assert.That(decoded, Is.EqualTo(entries));
        Assert.That(Wire.Encode(w => MountLists.EncodeMounts(w, [])), Is.EqualTo(Wire.Words(0)));
    }

    [Test]
    public void ExportListRoundTripsWithGroups()
    {
        var entries = new List<ExportEntry> { new("/", []), new("/data", ["10.0.0.0/8", "127.0.0.1/32"]) };
        var decoded = CodecAssert.RoundTrip(w => MountLists.EncodeExports(w, entries), MountLists.DecodeExports);
        Assert.That(decoded.Select(e => e.Directory), Is.EqualTo(entries.Select(e => e.Directory)));
        Assert.That(decoded[1].Groups, Is.EqualTo(entries[1].Groups));
        Assert.That(decoded[0].Groups, Is.Empty);
    }

    [Test]
    public void PathsLongerThanMntPathLenAreRefused()
    {
        var bytes = Wire.Concat(Wire.Words(1), Wire.Encode(w => w.WriteString("h")), Wire.Encode(w => w.WriteString(new string('a', MountConstants.MaxPathLength + 1))));
        Wire.ThrowsXdr(XdrErrorKind.TooLong, () => MountLists.DecodeMounts(new XdrReader(bytes)));
    }
}
