using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Nfs4;

/// <summary>sessionid4: 16 opaque bytes, held as two integers.</summary>
public readonly record struct SessionId4(ulong High, ulong Low)
{
    /// <summary>Decodes a sessionid4.</summary>
    public static SessionId4 Decode(XdrReader r) => new(r.ReadUInt64(), r.ReadUInt64());

    /// <summary>Encodes this sessionid4.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteUInt64(High);
        w.WriteUInt64(Low);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{High:x16}{Low:x16}";
}
