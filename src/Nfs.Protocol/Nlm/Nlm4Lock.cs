using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Nlm;

/// <summary>
/// nlm4_lock: a lock as the client describes it. The owner is (caller_name, svid, oh): the
/// client host, a process id on it and an opaque owner handle. A length of 0 reaches to the end
/// of the file, however far it grows.
/// </summary>
public readonly record struct Nlm4Lock(string CallerName, ReadOnlyMemory<byte> FileHandle, ReadOnlyMemory<byte> OwnerHandle, int Svid, ulong Offset, ulong Length)
{
    /// <summary>Decodes, bounding caller_name, fh and oh.</summary>
    public static Nlm4Lock Decode(XdrReader r) => new(
        r.ReadString(NlmConstants.MaxCallerName),
        r.ReadOpaque(NlmConstants.MaxFileHandle),
        r.ReadOpaque(NlmConstants.MaxNetObj),
        r.ReadInt32(),
        r.ReadUInt64(),
        r.ReadUInt64());

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteString(CallerName);
        w.WriteOpaque(FileHandle.Span);
        w.WriteOpaque(OwnerHandle.Span);
        w.WriteInt32(Svid);
        w.WriteUInt64(Offset);
        w.WriteUInt64(Length);
    }
}

/// <summary>nlm4_holder: the lock that stands in the way of a TEST.</summary>
public readonly record struct Nlm4Holder(bool Exclusive, int Svid, ReadOnlyMemory<byte> OwnerHandle, ulong Offset, ulong Length)
{
    /// <summary>Decodes.</summary>
    public static Nlm4Holder Decode(XdrReader r) => new(r.ReadBool(), r.ReadInt32(), r.ReadOpaque(NlmConstants.MaxNetObj), r.ReadUInt64(), r.ReadUInt64());

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteBool(Exclusive);
        w.WriteInt32(Svid);
        w.WriteOpaque(OwnerHandle.Span);
        w.WriteUInt64(Offset);
        w.WriteUInt64(Length);
    }
}
