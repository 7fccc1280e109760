using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Nfs3.Arguments;

/// <summary>Arguments that are just a filehandle (GETATTR, READLINK, FSSTAT, FSINFO, PATHCONF).</summary>
public readonly record struct HandleArgs3(NfsFileHandle Object)
{
    /// <summary>Decodes.</summary>
    public static HandleArgs3 Decode(XdrReader r) => new(Nfs3FileHandle.Decode(r));

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) => Nfs3FileHandle.Encode(w, Object);
}

/// <summary>SETATTR3args: the object, the attributes, and an optional ctime guard.</summary>
public readonly record struct SetAttrArgs3(NfsFileHandle Object, Sattr3 Attributes, NfsTime3? Guard)
{
    /// <summary>Decodes.</summary>
    public static SetAttrArgs3 Decode(XdrReader r)
    {
        var fh = Nfs3FileHandle.Decode(r);
        var attrs = Sattr3.Decode(r);
        NfsTime3? guard = r.ReadBool() ? NfsTime3.Decode(r) : null;
        return new SetAttrArgs3(fh, attrs, guard);
    }

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        Nfs3FileHandle.Encode(w, Object);
        Attributes.Encode(w);
        w.WriteBool(Guard.HasValue);
        Guard?.Encode(w);
    }
}

/// <summary>ACCESS3args.</summary>
public readonly record struct AccessArgs3(NfsFileHandle Object, Access3 Access)
{
    /// <summary>Decodes.</summary>
    public static AccessArgs3 Decode(XdrReader r) => new(Nfs3FileHandle.Decode(r), (Access3)r.ReadUInt32());

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        Nfs3FileHandle.Encode(w, Object);
        w.WriteUInt32((uint)Access);
    }
}
