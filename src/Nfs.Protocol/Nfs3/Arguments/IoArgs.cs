using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Nfs3.Arguments;

/// <summary>READ3args.</summary>
public readonly record struct ReadArgs3(NfsFileHandle File, ulong Offset, uint Count)
{
    /// <summary>Decodes.</summary>
    public static ReadArgs3 Decode(XdrReader r) => new(Nfs3FileHandle.Decode(r), r.ReadUInt64(), r.ReadUInt32());

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        Nfs3FileHandle.Encode(w, File);
        w.WriteUInt64(Offset);
        w.WriteUInt32(Count);
    }
}

/// <summary>WRITE3args; the data is a slice of the request (no copy).</summary>
public readonly record struct WriteArgs3(NfsFileHandle File, ulong Offset, uint Count, StableHow3 Stable, ReadOnlyMemory<byte> Data)
{
    /// <summary>Decodes; the data is bounded by what the record holds. A stable_how outside the three values is an XDR error.</summary>
    public static WriteArgs3 Decode(XdrReader r)
    {
        var fh = Nfs3FileHandle.Decode(r);
        ulong offset = r.ReadUInt64();
        uint count = r.ReadUInt32();
        uint stable = r.ReadUInt32();
        if (stable > (uint)StableHow3.FileSync) throw new XdrException(XdrErrorKind.BadValue, $"stable_how {stable}");
        var data = r.ReadOpaque(int.MaxValue);
        return new WriteArgs3(fh, offset, count, (StableHow3)stable, data);
    }

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        Nfs3FileHandle.Encode(w, File);
        w.WriteUInt64(Offset);
        w.WriteUInt32(Count);
        w.WriteUInt32((uint)Stable);
        w.WriteOpaque(Data.Span);
    }
}

/// <summary>COMMIT3args.</summary>
public readonly record struct CommitArgs3(NfsFileHandle File, ulong Offset, uint Count)
{
    /// <summary>Decodes.</summary>
    public static CommitArgs3 Decode(XdrReader r) => new(Nfs3FileHandle.Decode(r), r.ReadUInt64(), r.ReadUInt32());

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        Nfs3FileHandle.Encode(w, File);
        w.WriteUInt64(Offset);
        w.WriteUInt32(Count);
    }
}
