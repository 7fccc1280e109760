using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Rpc;

/// <summary>An opaque_auth: a flavor and up to 400 bytes of body (a slice of the request, not a copy).</summary>
public readonly record struct OpaqueAuth(AuthFlavor Flavor, ReadOnlyMemory<byte> Body)
{
    /// <summary>The RFC 5531 limit on an authentication body.</summary>
    public const int MaxBodyLength = 400;

    /// <summary>AUTH_NONE with an empty body.</summary>
    public static OpaqueAuth None => default;

    /// <summary>Decodes an opaque_auth.</summary>
    public static OpaqueAuth Decode(XdrReader reader)
    {
        var flavor = (AuthFlavor)reader.ReadInt32();
        var body = reader.ReadOpaque(MaxBodyLength);
        return new OpaqueAuth(flavor, body);
    }

    /// <summary>Encodes this opaque_auth.</summary>
    public void Encode(XdrWriter writer)
    {
        writer.WriteInt32((int)Flavor);
        writer.WriteOpaque(Body.Span);
    }
}
