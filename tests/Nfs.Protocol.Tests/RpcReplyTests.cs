using Nfs.Protocol.Rpc;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Tests;

[TestFixture]
public class RpcReplyTests
{
    private static RpcReplyHeader DecodeAll(byte[] bytes)
    {
        var r = new XdrReader(bytes);
        var h = RpcReplyHeader.Decode(r);
        Assert.That(r.Remaining, Is.Zero, "the decoder consumes exactly the header");
        return h;
    }

    [Test]
    public void Success_DecodesFieldByField()
    {
        var h = DecodeAll(Wire.Encode(w => RpcReply.WriteSuccess(w, 0x11223344)));
        Assert.That(h.Xid, Is.EqualTo(0x11223344u));
        Assert.That(h.ReplyStatus, Is.EqualTo(RpcReplyStatus.Accepted));
        Assert.That(h.AcceptStatus, Is.EqualTo(RpcAcceptStatus.Success));
        Assert.That(h.Verifier.Flavor, Is.EqualTo(AuthFlavor.None));
        Assert.That(h.Verifier.Body.IsEmpty, Is.True);
        Assert.That(h.MismatchLow, Is.Zero);
        Assert.That(h.MismatchHigh, Is.Zero);
        Assert.That(h.IsSuccess, Is.True);
    }

    [Test]
    public void Success_MatchesRfc5531Layout()
    {
        // xid, mtype REPLY=1, reply_stat MSG_ACCEPTED=0, verf {AUTH_NONE, 0}, accept_stat SUCCESS=0
        var bytes = Wire.Encode(w => RpcReply.WriteSuccess(w, 0xCAFE));
        Assert.That(bytes, Is.EqualTo(Wire.Words(0xCAFE, 1, 0, 0, 0, 0)));
    }

    [Test]
    public void Success_WithVerifier_LeavesReaderAtResults()
    {
        var verf = new OpaqueAuth(AuthFlavor.Short, new byte[] { 9, 8, 7 });
        var bytes = Wire.Encode(w => { RpcReply.WriteSuccess(w, 5, verf); w.WriteUInt32(0); w.WriteUInt32(77); });
        Assert.That(bytes[..28], Is.EqualTo(Wire.Concat(Wire.Words(5, 1, 0, 2, 3), new byte[] { 9, 8, 7, 0 }, Wire.Words(0))));
        var r = new XdrReader(bytes);
        var h = RpcReplyHeader.Decode(r);
        Assert.That(h.IsSuccess, Is.True);
        Assert.That(h.Verifier.Flavor, Is.EqualTo(AuthFlavor.Short));
        Assert.That(h.Verifier.Body.ToArray(), Is.EqualTo(new byte[] { 9, 8, 7 }));
        Assert.That(r.ReadUInt32(), Is.Zero);
        Assert.That(r.ReadUInt32(), Is.EqualTo(77u));
    }

    [TestCase(RpcAcceptStatus.ProgramUnavailable, 1u)]
    [TestCase(RpcAcceptStatus.ProcedureUnavailable, 3u)]
    [TestCase(RpcAcceptStatus.GarbageArguments, 4u)]
    [TestCase(RpcAcceptStatus.SystemError, 5u)]
    public void AcceptedErrors_DecodeFieldByFieldAndHaveNoBody(RpcAcceptStatus status, uint wireValue)
    {
        var bytes = Wire.Encode(w => RpcReply.WriteAccepted(w, 42, status));
        Assert.That(bytes, Is.EqualTo(Wire.Words(42, 1, 0, 0, 0, wireValue)));
        var h = DecodeAll(bytes);
        Assert.That(h.Xid, Is.EqualTo(42u));
        Assert.That(h.ReplyStatus, Is.EqualTo(RpcReplyStatus.Accepted));
        Assert.That(h.AcceptStatus, Is.EqualTo(status));
        Assert.That(h.MismatchLow, Is.Zero);
        Assert.That(h.MismatchHigh, Is.Zero);
        Assert.That(h.IsSuccess, Is.False);
    }

    [Test]
    public void WriteAccepted_RefusesProgramMismatchWithoutItsRange()
    {
        using var w = new XdrWriter(64);
        Assert.Throws<ArgumentException>(() => RpcReply.WriteAccepted(w, 1, RpcAcceptStatus.ProgramMismatch));
        Assert.That(w.Length, Is.Zero);
    }

    [TestCase(4u, 4u)]
    [TestCase(2u, 4u)]
    [TestCase(0u, uint.MaxValue)]
    public void ProgramMismatch_CarriesLowAndHigh(uint low, uint high)
    {
        var bytes = Wire.Encode(w => RpcReply.WriteProgramMismatch(w, 0xABCD, low, high));
        // xid, REPLY, MSG_ACCEPTED, verf AUTH_NONE, PROG_MISMATCH=2, low, high
        Assert.That(bytes, Is.EqualTo(Wire.Words(0xABCD, 1, 0, 0, 0, 2, low, high)));
        var h = DecodeAll(bytes);
        Assert.That(h.Xid, Is.EqualTo(0xABCDu));
        Assert.That(h.ReplyStatus, Is.EqualTo(RpcReplyStatus.Accepted));
        Assert.That(h.AcceptStatus, Is.EqualTo(RpcAcceptStatus.ProgramMismatch));
        Assert.That(h.MismatchLow, Is.EqualTo(low));
        Assert.That(h.MismatchHigh, Is.EqualTo(high));
        Assert.That(h.IsSuccess, Is.False);
    }

    [Test]
    public void RpcMismatch_IsDeniedWithVersionTwoRange()
    {
        var bytes = Wire.Encode(w => RpcReply.WriteRpcMismatch(w, 99));
        // xid, REPLY, MSG_DENIED=1, RPC_MISMATCH=0, low=2, high=2
        Assert.That(bytes, Is.EqualTo(Wire.Words(99, 1, 1, 0, 2, 2)));
        var h = DecodeAll(bytes);
        Assert.That(h.Xid, Is.EqualTo(99u));
        Assert.That(h.ReplyStatus, Is.EqualTo(RpcReplyStatus.Denied));
        Assert.That(h.RejectStatus, Is.EqualTo(RpcRejectStatus.RpcMismatch));
        Assert.That(h.MismatchLow, Is.EqualTo(2u));
        Assert.That(h.MismatchHigh, Is.EqualTo(2u));
        Assert.That(h.IsSuccess, Is.False);
    }

    [TestCase(RpcAuthStatus.BadCredential, 1u)]
    [TestCase(RpcAuthStatus.RejectedCredential, 2u)]
    [TestCase(RpcAuthStatus.BadVerifier, 3u)]
    [TestCase(RpcAuthStatus.RejectedVerifier, 4u)]
    [TestCase(RpcAuthStatus.TooWeak, 5u)]
    [TestCase(RpcAuthStatus.InvalidResponse, 6u)]
    [TestCase(RpcAuthStatus.Failed, 7u)]
    public void AuthError_IsDeniedWithAuthStat(RpcAuthStatus status, uint wireValue)
    {
        var bytes = Wire.Encode(w => RpcReply.WriteAuthError(w, 0x80000001, status));
        // xid, REPLY, MSG_DENIED, AUTH_ERROR=1, auth_stat
        Assert.That(bytes, Is.EqualTo(Wire.Words(0x80000001, 1, 1, 1, wireValue)));
        var h = DecodeAll(bytes);
        Assert.That(h.Xid, Is.EqualTo(0x80000001u));
        Assert.That(h.ReplyStatus, Is.EqualTo(RpcReplyStatus.Denied));
        Assert.That(h.RejectStatus, Is.EqualTo(RpcRejectStatus.AuthError));
        Assert.That(h.AuthStatus, Is.EqualTo(status));
        Assert.That(h.IsSuccess, Is.False);
    }

    [TestCase(0u)]
    [TestCase(2u)]
    public void ReplyHeaderDecode_RejectsNonReplyMessageType(uint mtype)
    {
        Wire.ThrowsXdr(XdrErrorKind.BadValue, () => RpcReplyHeader.Decode(new XdrReader(Wire.Words(1, mtype, 0, 0, 0, 0))));
    }

    [TestCase(2u)]
    [TestCase(uint.MaxValue)]
    public void ReplyHeaderDecode_RejectsUnknownReplyStat(uint stat)
    {
        Wire.ThrowsXdr(XdrErrorKind.BadValue, () => RpcReplyHeader.Decode(new XdrReader(Wire.Words(1, 1, stat, 0, 0, 0))));
    }

    [Test]
    public void ReplyHeaderDecode_Truncated_IsRejected()
    {
        var full = Wire.Encode(w => RpcReply.WriteProgramMismatch(w, 1, 2, 3));
        for (int n = 0; n < full.Length; n++)
        {
            var prefix = full[..n];
            Wire.ThrowsXdr(XdrErrorKind.Truncated, () => RpcReplyHeader.Decode(new XdrReader(prefix)));
        }
    }
}
