using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Nfs3;

/// <summary>
/// nfs_fh3: an opaque handle of at most 64 bytes, held in the same inline
/// <see cref="NfsFileHandle"/> NFSv4 uses (the server's handles have one format for both).
/// </summary>
public static class Nfs3FileHandle
{
    /// <summary>
    /// Decodes an nfs_fh3. A length above 64 is an XDR error (the type is opaque&lt;64&gt;); an
    /// empty handle comes back unset, which the server answers BADHANDLE.
    /// </summary>
    public static NfsFileHandle Decode(XdrReader reader)
    {
        var bytes = reader.ReadOpaque(Nfs3Constants.MaxFileHandleSize).Span;
        return bytes.IsEmpty ? default : NfsFileHandle.From(bytes);
    }

    /// <summary>Encodes an nfs_fh3; the handle must fit in 64 bytes.</summary>
    public static void Encode(XdrWriter writer, in NfsFileHandle handle)
    {
        if (handle.Length > Nfs3Constants.MaxFileHandleSize) throw new ArgumentException($"an NFSv3 handle has at most {Nfs3Constants.MaxFileHandleSize} bytes, this one {handle.Length}", nameof(handle));
        writer.WriteOpaque(handle.Span);
    }

    /// <summary>Encodes a post_op_fh3 (absent when the handle is unset).</summary>
    public static void EncodePostOp(XdrWriter writer, in NfsFileHandle handle)
    {
        writer.WriteBool(handle.IsSet);
        if (handle.IsSet) Encode(writer, handle);
    }

    /// <summary>Decodes a post_op_fh3 (unset when absent).</summary>
    public static NfsFileHandle DecodePostOp(XdrReader reader) => reader.ReadBool() ? Decode(reader) : default;
}
