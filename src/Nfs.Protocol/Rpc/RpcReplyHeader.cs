using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Rpc;

/// <summary>A decoded RPC reply header (used by clients and tests).</summary>
public readonly record struct RpcReplyHeader(
    uint Xid,
    RpcReplyStatus ReplyStatus,
    RpcAcceptStatus AcceptStatus,
    RpcRejectStatus RejectStatus,
    RpcAuthStatus AuthStatus,
    uint MismatchLow,
    uint MismatchHigh,
    OpaqueAuth Verifier)
{
    /// <summary>True when the call was accepted and executed.</summary>
    public bool IsSuccess => ReplyStatus == RpcReplyStatus.Accepted && AcceptStatus == RpcAcceptStatus.Success;

    /// <summary>Decodes a reply header; for SUCCESS the reader is left at the procedure's results.</summary>
    public static RpcReplyHeader Decode(XdrReader reader)
    {
        uint xid = reader.ReadUInt32();
        var type = (RpcMessageType)reader.ReadInt32();
        if (type != RpcMessageType.Reply) throw new XdrException(XdrErrorKind.BadValue, "not an RPC reply");
        var status = (RpcReplyStatus)reader.ReadInt32();
        if (status == RpcReplyStatus.Accepted)
        {
            var verf = OpaqueAuth.Decode(reader);
            var accept = (RpcAcceptStatus)reader.ReadInt32();
            uint low = 0, high = 0;
            if (accept == RpcAcceptStatus.ProgramMismatch)
            {
                low = reader.ReadUInt32();
                high = reader.ReadUInt32();
            }
            return new RpcReplyHeader(xid, status, accept, default, default, low, high, verf);
        }
        if (status != RpcReplyStatus.Denied) throw new XdrException(XdrErrorKind.BadValue, "bad reply_stat");
        var reject = (RpcRejectStatus)reader.ReadInt32();
        if (reject == RpcRejectStatus.RpcMismatch)
        {
            uint low = reader.ReadUInt32();
            uint high = reader.ReadUInt32();
            return new RpcReplyHeader(xid, status, default, reject, default, low, high, default);
        }
        var auth = (RpcAuthStatus)reader.ReadInt32();
        return new RpcReplyHeader(xid, status, default, reject, auth, 0, 0, default);
    }
}
