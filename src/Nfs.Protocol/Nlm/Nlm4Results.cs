using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Nlm;

/// <summary>
/// nlm4_res: the result of LOCK, CANCEL, UNLOCK and GRANTED, and the argument of their *_RES
/// calls (LOCK_RES, CANCEL_RES, UNLOCK_RES, GRANTED_RES).
/// </summary>
public readonly record struct Nlm4Result(ReadOnlyMemory<byte> Cookie, Nlm4Stats Stat)
{
    /// <summary>Decodes.</summary>
    public static Nlm4Result Decode(XdrReader r) => new(r.ReadOpaque(NlmConstants.MaxNetObj), (Nlm4Stats)r.ReadInt32());

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteOpaque(Cookie.Span);
        w.WriteInt32((int)Stat);
    }
}

/// <summary>nlm4_testres: the result of TEST and the argument of TEST_RES; the holder only with <see cref="Nlm4Stats.Denied"/>.</summary>
public readonly record struct Nlm4TestResult(ReadOnlyMemory<byte> Cookie, Nlm4Stats Stat, Nlm4Holder Holder)
{
    /// <summary>Decodes.</summary>
    public static Nlm4TestResult Decode(XdrReader r)
    {
        var cookie = r.ReadOpaque(NlmConstants.MaxNetObj);
        var stat = (Nlm4Stats)r.ReadInt32();
        return new Nlm4TestResult(cookie, stat, stat == Nlm4Stats.Denied ? Nlm4Holder.Decode(r) : default);
    }

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteOpaque(Cookie.Span);
        w.WriteInt32((int)Stat);
        if (Stat == Nlm4Stats.Denied) Holder.Encode(w);
    }
}

/// <summary>nlm4_shareres: the result of SHARE and UNSHARE (the sequence field is unused and 0).</summary>
public readonly record struct Nlm4ShareResult(ReadOnlyMemory<byte> Cookie, Nlm4Stats Stat, int Sequence)
{
    /// <summary>Decodes.</summary>
    public static Nlm4ShareResult Decode(XdrReader r) => new(r.ReadOpaque(NlmConstants.MaxNetObj), (Nlm4Stats)r.ReadInt32(), r.ReadInt32());

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteOpaque(Cookie.Span);
        w.WriteInt32((int)Stat);
        w.WriteInt32(Sequence);
    }
}
