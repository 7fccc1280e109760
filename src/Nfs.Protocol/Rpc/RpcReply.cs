using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Rpc;

/// <summary>Encoders for every kind of RPC reply header (RFC 5531 section 9).</summary>
public static class RpcReply
{
    /// <summary>Writes an accepted reply header with status SUCCESS; the procedure's results follow.</summary>
    public static void WriteSuccess(XdrWriter writer, uint xid, in OpaqueAuth verifier = default)
        => WriteAccepted(writer, xid, RpcAcceptStatus.Success, verifier);

    /// <summary>Writes an accepted reply whose status has no further body (PROG_UNAVAIL, PROC_UNAVAIL, GARBAGE_ARGS, SYSTEM_ERR).</summary>
    public static void WriteAccepted(XdrWriter writer, uint xid, RpcAcceptStatus status, in OpaqueAuth verifier = default)
    {
        if (status == RpcAcceptStatus.ProgramMismatch) throw new ArgumentException("use WriteProgramMismatch", nameof(status));
        writer.WriteUInt32(xid);
        writer.WriteInt32((int)RpcMessageType.Reply);
        writer.WriteInt32((int)RpcReplyStatus.Accepted);
        verifier.Encode(writer);
        writer.WriteInt32((int)status);
    }

    /// <summary>Writes PROG_MISMATCH with the supported version range.</summary>
    public static void WriteProgramMismatch(XdrWriter writer, uint xid, uint low, uint high)
    {
        writer.WriteUInt32(xid);
        writer.WriteInt32((int)RpcMessageType.Reply);
        writer.WriteInt32((int)RpcReplyStatus.Accepted);
        OpaqueAuth.None.Encode(writer);
        writer.WriteInt32((int)RpcAcceptStatus.ProgramMismatch);
        writer.WriteUInt32(low);
        writer.WriteUInt32(high);
    }

    /// <summary>Writes a denied reply with RPC_MISMATCH (only RPC version 2 is supported).</summary>
    public static void WriteRpcMismatch(XdrWriter writer, uint xid)
    {
        writer.WriteUInt32(xid);
        writer.WriteInt32((int)RpcMessageType.Reply);
        writer.WriteInt32((int)RpcReplyStatus.Denied);
        writer.WriteInt32((int)RpcRejectStatus.RpcMismatch);
        writer.WriteUInt32(RpcCallHeader.SupportedRpcVersion);
        writer.WriteUInt32(RpcCallHeader.SupportedRpcVersion);
    }

    /// <summary>Writes a denied reply with AUTH_ERROR.</summary>
    public static void WriteAuthError(XdrWriter writer, uint xid, RpcAuthStatus status)
    {
        writer.WriteUInt32(xid);
        writer.WriteInt32((int)RpcMessageType.Reply);
        writer.WriteInt32((int)RpcReplyStatus.Denied);
        writer.WriteInt32((int)RpcRejectStatus.AuthError);
        writer.WriteInt32((int)status);
    }
}
