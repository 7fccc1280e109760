using System.Text;
using Nfs.Protocol.Nlm;
using Nfs.Protocol.Nsm;
using Nfs.Protocol.Portmap;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Tests;

/// <summary>NLM version 4, NSM and port mapper codecs: wire layout, round trips and the bounds on what a client may send.</summary>
[TestFixture]
public class NlmCodecTests
{
    private static readonly Nlm4Lock Lock = new("client.example", new byte[] { 1, 0, 0, 1, 9, 9 }, Encoding.ASCII.GetBytes("1234@client"), 1234, 0x1_0000_0000, 100);

    private static void SameLock(Nlm4Lock actual, Nlm4Lock expected)
    {
        Assert.That(actual.CallerName, Is.EqualTo(expected.CallerName));
        CodecAssert.SameBytes(actual.FileHandle, expected.FileHandle, "fh");
        CodecAssert.SameBytes(actual.OwnerHandle, expected.OwnerHandle, "oh");
        Assert.That((actual.Svid, actual.Offset, actual.Length), Is.EqualTo((expected.Svid, expected.Offset, expected.Length)));
    }

    [Test]
    public void Lock_has_the_RFC_1813_layout()
    {
        var bytes = Wire.Encode(new Nlm4Lock("ab", new byte[] { 7 }, new byte[] { 8, 9 }, -1, 5, 0).Encode);
        Assert.That(bytes, Is.EqualTo(Wire.Concat(
            Wire.Words(2), Wire.Hex("61620000"),           // caller_name
            Wire.Words(1), Wire.Hex("07000000"),           // fh
            Wire.Words(2), Wire.Hex("08090000"),           // oh
            Wire.Words(0xFFFFFFFF),                        // svid
            Wire.Words(0, 5), Wire.Words(0, 0))));         // l_offset, l_len
    }

    [Test]
    public void LockArgs_round_trip()
    {
        var args = new Nlm4LockArgs(new byte[] { 0xC0, 0x0C }, Block: true, Exclusive: true, Lock, Reclaim: true, State: 17);
        var d = CodecAssert.RoundTrip(args.Encode, Nlm4LockArgs.Decode);
        CodecAssert.SameBytes(d.Cookie, args.Cookie, "cookie");
        Assert.That((d.Block, d.Exclusive, d.Reclaim, d.State), Is.EqualTo((true, true, true, 17)));
        SameLock(d.Lock, Lock);
    }

    [Test]
    public void TestArgs_CancelArgs_UnlockArgs_round_trip()
    {
        var t = CodecAssert.RoundTrip(new Nlm4TestArgs(new byte[] { 1 }, true, Lock).Encode, Nlm4TestArgs.Decode);
        Assert.That(t.Exclusive, Is.True);
        SameLock(t.Lock, Lock);
        var c = CodecAssert.RoundTrip(new Nlm4CancelArgs(new byte[] { 2 }, true, false, Lock).Encode, Nlm4CancelArgs.Decode);
        Assert.That((c.Block, c.Exclusive), Is.EqualTo((true, false)));
        SameLock(c.Lock, Lock);
        var u = CodecAssert.RoundTrip(new Nlm4UnlockArgs(new byte[] { 3 }, Lock).Encode, Nlm4UnlockArgs.Decode);
        CodecAssert.SameBytes(u.Cookie, new byte[] { 3 }, "cookie");
        SameLock(u.Lock, Lock);
    }

    [Test]
    public void ShareArgs_and_NotifyArgs_round_trip()
    {
        var share = new Nlm4Share("h", new byte[] { 4, 5 }, new byte[] { 6 }, Nlm4ShareMode.DenyWrite, Nlm4ShareAccess.Read);
        var s = CodecAssert.RoundTrip(new Nlm4ShareArgs(new byte[] { 9 }, share, true).Encode, Nlm4ShareArgs.Decode);
        Assert.That((s.Share.CallerName, s.Share.Mode, s.Share.Access, s.Reclaim), Is.EqualTo(("h", Nlm4ShareMode.DenyWrite, Nlm4ShareAccess.Read, true)));
        var n = CodecAssert.RoundTrip(new Nlm4NotifyArgs("rebooted", 5).Encode, Nlm4NotifyArgs.Decode);
        Assert.That(n, Is.EqualTo(new Nlm4NotifyArgs("rebooted", 5)));
    }

    [Test]
    public void Share_mode_outside_the_enumeration_is_refused()
    {
        var bytes = Wire.Encode(w => { w.WriteString("h"); w.WriteOpaque([1]); w.WriteOpaque([]); w.WriteUInt32(4); w.WriteUInt32(0); });
        Wire.ThrowsXdr(XdrErrorKind.BadValue, () => Nlm4Share.Decode(new XdrReader(bytes)));
    }

    [Test]
    public void TestResult_carries_the_holder_only_when_denied()
    {
        var denied = new Nlm4TestResult(new byte[] { 1 }, Nlm4Stats.Denied, new Nlm4Holder(true, 42, new byte[] { 7, 7 }, 10, 20));
        var d = CodecAssert.RoundTrip(denied.Encode, Nlm4TestResult.Decode);
        Assert.That((d.Stat, d.Holder.Exclusive, d.Holder.Svid, d.Holder.Offset, d.Holder.Length), Is.EqualTo((Nlm4Stats.Denied, true, 42, 10UL, 20UL)));
        CodecAssert.SameBytes(d.Holder.OwnerHandle, new byte[] { 7, 7 }, "oh");

        var granted = Wire.Encode(new Nlm4TestResult(new byte[] { 1 }, Nlm4Stats.Granted, new Nlm4Holder(true, 1, new byte[] { 1 }, 1, 1)).Encode);
        Assert.That(granted, Is.EqualTo(Wire.Concat(Wire.Words(1), Wire.Hex("01000000"), Wire.Words(0))));
    }

    [Test]
    public void Result_and_ShareResult_round_trip()
    {
        var r = CodecAssert.RoundTrip(new Nlm4Result(new byte[] { 5 }, Nlm4Stats.Blocked).Encode, Nlm4Result.Decode);
        Assert.That(r.Stat, Is.EqualTo(Nlm4Stats.Blocked));
        var s = CodecAssert.RoundTrip(new Nlm4ShareResult(new byte[] { 5 }, Nlm4Stats.Denied, 0).Encode, Nlm4ShareResult.Decode);
        Assert.That((s.Stat, s.Sequence), Is.EqualTo((Nlm4Stats.Denied, 0)));
    }

    [Test]
    public void Caller_name_above_LM_MAXSTRLEN_is_too_long()
    {
        var bytes = Wire.Encode(new Nlm4Lock(new string('c', NlmConstants.MaxCallerName + 1), new byte[] { 1 }, default, 1, 0, 0).Encode, 2048);
        Wire.ThrowsXdr(XdrErrorKind.TooLong, () => Nlm4Lock.Decode(new XdrReader(bytes)));
        var ok = Wire.Encode(new Nlm4Lock(new string('c', NlmConstants.MaxCallerName), new byte[] { 1 }, default, 1, 0, 0).Encode, 2048);
        Assert.That(Nlm4Lock.Decode(new XdrReader(ok)).CallerName, Has.Length.EqualTo(NlmConstants.MaxCallerName));
    }

    [Test]
    public void Filehandle_above_64_bytes_is_too_long()
    {
        var bytes = Wire.Encode(new Nlm4Lock("h", new byte[65], default, 1, 0, 0).Encode);
        Wire.ThrowsXdr(XdrErrorKind.TooLong, () => Nlm4Lock.Decode(new XdrReader(bytes)));
    }

    [Test]
    public void Owner_handle_and_cookie_above_1024_bytes_are_too_long()
    {
        var oh = Wire.Encode(new Nlm4Lock("h", new byte[] { 1 }, new byte[1025], 1, 0, 0).Encode, 2048);
        Wire.ThrowsXdr(XdrErrorKind.TooLong, () => Nlm4Lock.Decode(new XdrReader(oh)));
        var cookie = Wire.Encode(new Nlm4UnlockArgs(new byte[1025], Lock).Encode, 2048);
        Wire.ThrowsXdr(XdrErrorKind.TooLong, () => Nlm4UnlockArgs.Decode(new XdrReader(cookie)));
    }

    [Test]
    public void Length_claiming_more_than_the_message_is_truncated_before_allocating()
    {
        var bytes = Wire.Words(1000); // a caller_name of 1000 bytes with none following
        Wire.ThrowsXdr(XdrErrorKind.Truncated, () => Nlm4Lock.Decode(new XdrReader(bytes)));
    }

    [Test]
    public void Sm_notify_argument_round_trips_and_bounds_the_name()
    {
        var d = CodecAssert.RoundTrip(new NsmStatusChange("server", 3).Encode, NsmStatusChange.Decode);
        Assert.That(d, Is.EqualTo(new NsmStatusChange("server", 3)));
        var bytes = Wire.Encode(new NsmStatusChange(new string('n', NsmConstants.MaxName + 1), 3).Encode, 2048);
        Wire.ThrowsXdr(XdrErrorKind.TooLong, () => NsmStatusChange.Decode(new XdrReader(bytes)));
    }

    [Test]
    public void Portmap_mapping_is_four_words()
    {
        var m = new PortmapMapping(NlmConstants.Program, 4, PortmapConstants.ProtocolTcp, 0);
        Assert.That(Wire.Encode(m.Encode), Is.EqualTo(Wire.Words(100021, 4, 6, 0)));
        Assert.That(CodecAssert.RoundTrip(m.Encode, PortmapMapping.Decode), Is.EqualTo(m));
    }
}
