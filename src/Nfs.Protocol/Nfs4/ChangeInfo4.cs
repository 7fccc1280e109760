using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Nfs4;

/// <summary>change_info4: a directory's change attribute before and after an operation.</summary>
public readonly record struct ChangeInfo4(bool Atomic, ulong Before, ulong After)
{
    /// <summary>Encodes this change_info4.</summary>
    public void Encode(XdrWriter writer)
    {
        writer.WriteBool(Atomic);
        writer.WriteUInt64(Before);
        writer.WriteUInt64(After);
    }

    /// <summary>Decodes a change_info4.</summary>
    public static ChangeInfo4 Decode(XdrReader reader) => new(reader.ReadBool(), reader.ReadUInt64(), reader.ReadUInt64());
}
