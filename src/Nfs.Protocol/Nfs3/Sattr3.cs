using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Nfs3;

/// <summary>sattr3: the attributes SETATTR and the create procedures set; null fields are left alone.</summary>
public readonly record struct Sattr3(
    uint? Mode = null, uint? Uid = null, uint? Gid = null, ulong? Size = null,
    TimeHow3 AccessTimeHow = TimeHow3.DontChange, NfsTime3 AccessTime = default,
    TimeHow3 ModifyTimeHow = TimeHow3.DontChange, NfsTime3 ModifyTime = default)
{
    /// <summary>Nothing to set.</summary>
    public static Sattr3 Empty => default;

    /// <summary>Decodes; a time_how outside the three defined values is an XDR error.</summary>
    public static Sattr3 Decode(XdrReader r)
    {
        uint? mode = r.ReadBool() ? r.ReadUInt32() : null;
        uint? uid = r.ReadBool() ? r.ReadUInt32() : null;
        uint? gid = r.ReadBool() ? r.ReadUInt32() : null;
        ulong? size = r.ReadBool() ? r.ReadUInt64() : null;
        var atimeHow = ReadHow(r);
        var atime = atimeHow == TimeHow3.ClientTime ? NfsTime3.Decode(r) : default;
        var mtimeHow = ReadHow(r);
        var mtime = mtimeHow == TimeHow3.ClientTime ? NfsTime3.Decode(r) : default;
        return new Sattr3(mode, uid, gid, size, atimeHow, atime, mtimeHow, mtime);
    }

    private static TimeHow3 ReadHow(XdrReader r)
    {
        uint how = r.ReadUInt32();
        if (how > (uint)TimeHow3.ClientTime) throw new XdrException(XdrErrorKind.BadValue, $"time_how {how}");
        return (TimeHow3)how;
    }

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteBool(Mode.HasValue);
        if (Mode is { } m) w.WriteUInt32(m);
        w.WriteBool(Uid.HasValue);
        if (Uid is { } u) w.WriteUInt32(u);
        w.WriteBool(Gid.HasValue);
        if (Gid is { } g) w.WriteUInt32(g);
        w.WriteBool(Size.HasValue);
        if (Size is { } s) w.WriteUInt64(s);
        w.WriteUInt32((uint)AccessTimeHow);
        if (AccessTimeHow == TimeHow3.ClientTime) AccessTime.Encode(w);
        w.WriteUInt32((uint)ModifyTimeHow);
        if (ModifyTimeHow == TimeHow3.ClientTime) ModifyTime.Encode(w);
    }
}
