using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Nfs3.Arguments;

/// <summary>READDIR3args: resume after a cookie; count bounds the whole result.</summary>
public readonly record struct ReadDirArgs3(NfsFileHandle Directory, ulong Cookie, ulong CookieVerifier, uint Count)
{
    /// <summary>Decodes.</summary>
    public static ReadDirArgs3 Decode(XdrReader r) => new(Nfs3FileHandle.Decode(r), r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt32());

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        Nfs3FileHandle.Encode(w, Directory);
        w.WriteUInt64(Cookie);
        w.WriteUInt64(CookieVerifier);
        w.WriteUInt32(Count);
    }
}

/// <summary>READDIRPLUS3args: dircount bounds the names, cookies and file ids; maxcount the whole result.</summary>
public readonly record struct ReadDirPlusArgs3(NfsFileHandle Directory, ulong Cookie, ulong CookieVerifier, uint DirCount, uint MaxCount)
{
    /// <summary>Decodes.</summary>
    public static ReadDirPlusArgs3 Decode(XdrReader r) => new(Nfs3FileHandle.Decode(r), r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt32(), r.ReadUInt32());

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        Nfs3FileHandle.Encode(w, Directory);
        w.WriteUInt64(Cookie);
        w.WriteUInt64(CookieVerifier);
        w.WriteUInt32(DirCount);
        w.WriteUInt32(MaxCount);
    }
}
