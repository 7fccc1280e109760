using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Nfs3.Arguments;

/// <summary>diropargs3: a directory and a name in it (LOOKUP, REMOVE, RMDIR, and the start of the create procedures).</summary>
public readonly record struct DirOpArgs3(NfsFileHandle Directory, ReadOnlyMemory<byte> Name)
{
    /// <summary>Creates arguments from a UTF-8 name.</summary>
    public DirOpArgs3(NfsFileHandle directory, string name) : this(directory, System.Text.Encoding.UTF8.GetBytes(name)) { }

    /// <summary>Decodes; the name is a slice of the request, checked by the server.</summary>
    public static DirOpArgs3 Decode(XdrReader r) => new(Nfs3FileHandle.Decode(r), r.ReadOpaque(Nfs3Constants.MaxDecodedNameLength));

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        Nfs3FileHandle.Encode(w, Directory);
        w.WriteOpaque(Name.Span);
    }
}
