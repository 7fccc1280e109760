using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Rpc;

/// <summary>The header of an RPC call message, up to where the procedure's arguments begin.</summary>
public readonly record struct RpcCallHeader(
    uint Xid,
    uint RpcVersion,
    uint Program,
    uint Version,
    uint Procedure,
    OpaqueAuth Credential,
    OpaqueAuth Verifier)
{
    /// <summary>The only RPC protocol version (2).</summary>
    public const uint SupportedRpcVersion = 2;

    /// <summary>
    /// Decodes a call header. The message type must be CALL; an RPC version other than 2 is
    /// returned as is so the server can answer RPC_MISMATCH.
    /// </summary>
    public static RpcCallHeader Decode(XdrReader reader)
    {
        uint xid = reader.ReadUInt32();
        var type = (RpcMessageType)reader.ReadInt32();
        if (type != RpcMessageType.Call) throw new XdrException(XdrErrorKind.BadValue, $"RPC message type {(int)type} is not CALL");
        uint rpcvers = reader.ReadUInt32();
        uint prog = reader.ReadUInt32();
        uint vers = reader.ReadUInt32();
        uint proc = reader.ReadUInt32();
        var cred = OpaqueAuth.Decode(reader);
        var verf = OpaqueAuth.Decode(reader);
        return new RpcCallHeader(xid, rpcvers, prog, vers, proc, cred, verf);
    }

    /// <summary>Encodes this header (used by clients and tests).</summary>
    public void Encode(XdrWriter writer)
    {
        writer.WriteUInt32(Xid);
        writer.WriteInt32((int)RpcMessageType.Call);
        writer.WriteUInt32(RpcVersion);
        writer.WriteUInt32(Program);
        writer.WriteUInt32(Version);
        writer.WriteUInt32(Procedure);
        Credential.Encode(writer);
        Verifier.Encode(writer);
    }
}
