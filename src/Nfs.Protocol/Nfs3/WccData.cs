using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Nfs3;

/// <summary>wcc_attr: the attributes before an operation that tell a client whether its cache was current.</summary>
public readonly record struct WccAttr(ulong Size, NfsTime3 ModifyTime, NfsTime3 ChangeTime)
{
    /// <summary>Decodes.</summary>
    public static WccAttr Decode(XdrReader r) => new(r.ReadUInt64(), NfsTime3.Decode(r), NfsTime3.Decode(r));

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteUInt64(Size);
        ModifyTime.Encode(w);
        ChangeTime.Encode(w);
    }

    /// <summary>The wcc_attr part of full attributes.</summary>
    public static WccAttr From(in Fattr3 attributes) => new(attributes.Size, attributes.ModifyTime, attributes.ChangeTime);
}

/// <summary>wcc_data: pre-operation attributes (pre_op_attr) and post-operation attributes (post_op_attr), each optional.</summary>
public readonly record struct WccData(WccAttr? Before, Fattr3? After)
{
    /// <summary>Neither side known.</summary>
    public static WccData None => default;

    /// <summary>Decodes.</summary>
    public static WccData Decode(XdrReader r)
    {
        WccAttr? before = r.ReadBool() ? WccAttr.Decode(r) : null;
        return new WccData(before, Fattr3.DecodePostOp(r));
    }

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteBool(Before.HasValue);
        Before?.Encode(w);
        Fattr3.EncodePostOp(w, After);
    }
}
