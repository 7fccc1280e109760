using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Nfs3;

/// <summary>fattr3: the fixed attribute record of NFSv3 (84 bytes on the wire).</summary>
public readonly record struct Fattr3(
    FileType3 Type, uint Mode, uint NumLinks, uint Uid, uint Gid, ulong Size, ulong Used, SpecData4 RawDevice,
    ulong Fsid, ulong FileId, NfsTime3 AccessTime, NfsTime3 ModifyTime, NfsTime3 ChangeTime)
{
    /// <summary>Bytes of an encoded fattr3.</summary>
    public const int EncodedSize = 84;

    /// <summary>Decodes.</summary>
    public static Fattr3 Decode(XdrReader r) => new(
        (FileType3)r.ReadUInt32(), r.ReadUInt32(), r.ReadUInt32(), r.ReadUInt32(), r.ReadUInt32(), r.ReadUInt64(), r.ReadUInt64(),
        SpecData4.Decode(r), r.ReadUInt64(), r.ReadUInt64(), NfsTime3.Decode(r), NfsTime3.Decode(r), NfsTime3.Decode(r));

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteUInt32((uint)Type);
        w.WriteUInt32(Mode);
        w.WriteUInt32(NumLinks);
        w.WriteUInt32(Uid);
        w.WriteUInt32(Gid);
        w.WriteUInt64(Size);
        w.WriteUInt64(Used);
        RawDevice.Encode(w);
        w.WriteUInt64(Fsid);
        w.WriteUInt64(FileId);
        AccessTime.Encode(w);
        ModifyTime.Encode(w);
        ChangeTime.Encode(w);
    }

    /// <summary>Encodes a post_op_attr: the attributes when present, a false discriminant otherwise.</summary>
    public static void EncodePostOp(XdrWriter w, in Fattr3? attributes)
    {
        w.WriteBool(attributes.HasValue);
        attributes?.Encode(w);
    }

    /// <summary>Decodes a post_op_attr.</summary>
    public static Fattr3? DecodePostOp(XdrReader r) => r.ReadBool() ? Decode(r) : null;
}
