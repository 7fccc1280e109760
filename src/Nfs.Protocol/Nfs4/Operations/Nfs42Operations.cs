using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Nfs4.Operations;

/// <summary>data_content4.</summary>
public enum DataContent4
{
    /// <summary>Data.</summary>
    Data = 0,
    /// <summary>A hole.</summary>
    Hole = 1,
}

/// <summary>SEEK4args.</summary>
public readonly record struct SeekArgs(StateId4 StateId, ulong Offset, DataContent4 What)
{
    /// <summary>Decodes.</summary>
    public static SeekArgs Decode(XdrReader r) => new(StateId4.Decode(r), r.ReadUInt64(), (DataContent4)r.ReadInt32());
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { StateId.Encode(w); w.WriteUInt64(Offset); w.WriteInt32((int)What); }
}

/// <summary>seek_res4.</summary>
public readonly record struct SeekResult(bool Eof, ulong Offset)
{
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { w.WriteBool(Eof); w.WriteUInt64(Offset); }
    /// <summary>Decodes.</summary>
    public static SeekResult Decode(XdrReader r) => new(r.ReadBool(), r.ReadUInt64());
}

/// <summary>ALLOCATE4args and DEALLOCATE4args (same shape).</summary>
public readonly record struct RangeArgs(StateId4 StateId, ulong Offset, ulong Length)
{
    /// <summary>Decodes.</summary>
    public static RangeArgs Decode(XdrReader r) => new(StateId4.Decode(r), r.ReadUInt64(), r.ReadUInt64());
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { StateId.Encode(w); w.WriteUInt64(Offset); w.WriteUInt64(Length); }
}

/// <summary>One read_plus_content as decoded by a client.</summary>
public readonly record struct ReadPlusSegment(DataContent4 Content, ulong Offset, ulong Length, ReadOnlyMemory<byte> Data);

/// <summary>READ_PLUS4resok as decoded by a client.</summary>
public sealed record ReadPlusResult(bool Eof, IReadOnlyList<ReadPlusSegment> Segments)
{
    /// <summary>Decodes.</summary>
    public static ReadPlusResult Decode(XdrReader r)
    {
        bool eof = r.ReadBool();
        int n = r.ReadArrayLength(1 << 20, 12);
        var list = new List<ReadPlusSegment>(n);
        for (int i = 0; i < n; i++)
        {
            var kind = (DataContent4)r.ReadInt32();
            ulong off = r.ReadUInt64();
            if (kind == DataContent4.Data)
            {
                var data = r.ReadOpaque(int.MaxValue);
                list.Add(new ReadPlusSegment(kind, off, (ulong)data.Length, data));
            }
            else if (kind == DataContent4.Hole)
            {
                list.Add(new ReadPlusSegment(kind, off, r.ReadUInt64(), default));
            }
            else throw new XdrException(XdrErrorKind.BadValue, $"data_content4 {(int)kind}");
        }
        return new ReadPlusResult(eof, list);
    }
}

/// <summary>write_response4.</summary>
public readonly record struct WriteResponse4(StateId4? CallbackId, ulong Count, StableHow4 Committed, Verifier4 Verifier)
{
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteUInt32(CallbackId is null ? 0u : 1u);
        CallbackId?.Encode(w);
        w.WriteUInt64(Count);
        w.WriteInt32((int)Committed);
        Verifier.Encode(w);
    }

    /// <summary>Decodes.</summary>
    public static WriteResponse4 Decode(XdrReader r)
    {
        StateId4? id = r.ReadArrayLength(1) == 1 ? StateId4.Decode(r) : null;
        return new WriteResponse4(id, r.ReadUInt64(), (StableHow4)r.ReadInt32(), Verifier4.Decode(r));
    }
}

/// <summary>COPY4args (intra-server copies: the source server list is read and must be empty to be honoured).</summary>
public readonly record struct CopyArgs(StateId4 SourceStateId, StateId4 DestinationStateId, ulong SourceOffset, ulong DestinationOffset, ulong Count, bool Consecutive, bool Synchronous, int SourceServerCount)
{
    /// <summary>Decodes, skipping netloc4 entries.</summary>
    public static CopyArgs Decode(XdrReader r)
    {
        var src = StateId4.Decode(r);
        var dst = StateId4.Decode(r);
        ulong so = r.ReadUInt64(), dof = r.ReadUInt64(), count = r.ReadUInt64();
        bool consecutive = r.ReadBool(), sync = r.ReadBool();
        int n = r.ReadArrayLength(16);
        for (int i = 0; i < n; i++)
        {
            int type = r.ReadInt32();
            if (type == 3) NetAddr4.Decode(r); else r.ReadOpaque(Nfs4Constants.OpaqueLimit);
        }
        return new CopyArgs(src, dst, so, dof, count, consecutive, sync, n);
    }

    /// <summary>Encodes (no source servers).</summary>
    public void Encode(XdrWriter w)
    {
        SourceStateId.Encode(w); DestinationStateId.Encode(w); w.WriteUInt64(SourceOffset); w.WriteUInt64(DestinationOffset); w.WriteUInt64(Count);
        w.WriteBool(Consecutive); w.WriteBool(Synchronous); w.WriteUInt32(0);
    }
}

/// <summary>COPY4resok.</summary>
public readonly record struct CopyResult(WriteResponse4 Response, bool Consecutive, bool Synchronous)
{
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { Response.Encode(w); w.WriteBool(Consecutive); w.WriteBool(Synchronous); }
    /// <summary>Decodes.</summary>
    public static CopyResult Decode(XdrReader r) => new(WriteResponse4.Decode(r), r.ReadBool(), r.ReadBool());
}

/// <summary>OFFLOAD_STATUS4resok.</summary>
public readonly record struct OffloadStatusResult(ulong Count, NfsStat4? Complete)
{
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteUInt64(Count);
        w.WriteUInt32(Complete is null ? 0u : 1u);
        if (Complete is { } c) w.WriteInt32((int)c);
    }
    /// <summary>Decodes.</summary>
    public static OffloadStatusResult Decode(XdrReader r) => new(r.ReadUInt64(), r.ReadArrayLength(1) == 1 ? (NfsStat4)r.ReadInt32() : null);
}

/// <summary>CLONE4args.</summary>
public readonly record struct CloneArgs(StateId4 SourceStateId, StateId4 DestinationStateId, ulong SourceOffset, ulong DestinationOffset, ulong Count)
{
    /// <summary>Decodes.</summary>
    public static CloneArgs Decode(XdrReader r) => new(StateId4.Decode(r), StateId4.Decode(r), r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64());
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { SourceStateId.Encode(w); DestinationStateId.Encode(w); w.WriteUInt64(SourceOffset); w.WriteUInt64(DestinationOffset); w.WriteUInt64(Count); }
}

/// <summary>setxattr_option4.</summary>
public enum SetXattrOption4
{
    /// <summary>Create or replace.</summary>
    Either = 0,
    /// <summary>Create only.</summary>
    Create = 1,
    /// <summary>Replace only.</summary>
    Replace = 2,
}

/// <summary>SETXATTR4args.</summary>
public readonly record struct SetXattrArgs(SetXattrOption4 Option, ReadOnlyMemory<byte> Name, ReadOnlyMemory<byte> Value)
{
    /// <summary>Bound on values we accept.</summary>
    public const int MaxValueLength = 1024 * 1024;
    /// <summary>Decodes.</summary>
    public static SetXattrArgs Decode(XdrReader r) => new((SetXattrOption4)r.ReadInt32(), ComponentArgs.Decode(r), r.ReadOpaque(MaxValueLength));
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { w.WriteInt32((int)Option); w.WriteOpaque(Name.Span); w.WriteOpaque(Value.Span); }
}

/// <summary>LISTXATTRS4args.</summary>
public readonly record struct ListXattrsArgs(ulong Cookie, uint MaxCount)
{
    /// <summary>Decodes.</summary>
    public static ListXattrsArgs Decode(XdrReader r) => new(r.ReadUInt64(), r.ReadUInt32());
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { w.WriteUInt64(Cookie); w.WriteUInt32(MaxCount); }
}

/// <summary>LISTXATTRS4resok as decoded by a client.</summary>
public sealed record ListXattrsResult(ulong Cookie, IReadOnlyList<string> Names, bool Eof)
{
    /// <summary>Decodes.</summary>
    public static ListXattrsResult Decode(XdrReader r)
    {
        ulong cookie = r.ReadUInt64();
        int n = r.ReadArrayLength(1 << 16);
        var names = new List<string>(n);
        for (int i = 0; i < n; i++) names.Add(r.ReadString(Nfs4Constants.OpaqueLimit));
        return new ListXattrsResult(cookie, names, r.ReadBool());
    }
}
