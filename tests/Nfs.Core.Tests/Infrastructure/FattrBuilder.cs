using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Xdr;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Tests.Infrastructure;

/// <summary>Builds an fattr4 (mask and values in attribute order) for SETATTR, VERIFY, CREATE and OPEN.</summary>
public sealed class FattrBuilder
{
    private readonly SortedDictionary<int, Action<XdrWriter>> _values = new();

    /// <summary>Adds an attribute with a hand-written value.</summary>
    public FattrBuilder Add(int bit, Action<XdrWriter> write)
    {
        _values[bit] = write;
        return this;
    }

    /// <summary>size.</summary>
    public FattrBuilder Size(ulong size) => Add(A.Size, w => w.WriteUInt64(size));

    /// <summary>mode.</summary>
    public FattrBuilder Mode(uint mode) => Add(A.Mode, w => w.WriteUInt32(mode));

    /// <summary>owner.</summary>
    public FattrBuilder Owner(string owner) => Add(A.Owner, w => w.WriteString(owner));

    /// <summary>owner with raw bytes (for invalid UTF-8).</summary>
    public FattrBuilder Owner(byte[] owner) => Add(A.Owner, w => w.WriteOpaque(owner));

    /// <summary>owner_group.</summary>
    public FattrBuilder OwnerGroup(string group) => Add(A.OwnerGroup, w => w.WriteString(group));

    /// <summary>time_access_set to the server's time.</summary>
    public FattrBuilder AccessTimeServer() => Add(A.TimeAccessSet, w => w.WriteInt32((int)TimeHow4.ServerTime));

    /// <summary>time_access_set to a client time.</summary>
    public FattrBuilder AccessTime(long seconds, uint nanoseconds) => Add(A.TimeAccessSet, w =>
    {
        w.WriteInt32((int)TimeHow4.ClientTime);
        new NfsTime4(seconds, nanoseconds).Encode(w);
    });

    /// <summary>time_modify_set to the server's time.</summary>
    public FattrBuilder ModifyTimeServer() => Add(A.TimeModifySet, w => w.WriteInt32((int)TimeHow4.ServerTime));

    /// <summary>time_modify_set to a client time.</summary>
    public FattrBuilder ModifyTime(long seconds, uint nanoseconds) => Add(A.TimeModifySet, w =>
    {
        w.WriteInt32((int)TimeHow4.ClientTime);
        new NfsTime4(seconds, nanoseconds).Encode(w);
    });

    /// <summary>type (read-only).</summary>
    public FattrBuilder Type(NfsFileType4 type) => Add(A.Type, w => w.WriteInt32((int)type));

    /// <summary>An attribute whose value is a 64-bit number (change, fileid, ...).</summary>
    public FattrBuilder UInt64(int bit, ulong value) => Add(bit, w => w.WriteUInt64(value));

    /// <summary>An attribute whose value is a 32-bit number.</summary>
    public FattrBuilder UInt32(int bit, uint value) => Add(bit, w => w.WriteUInt32(value));

    /// <summary>An attribute whose value is a bool.</summary>
    public FattrBuilder Bool(int bit, bool value) => Add(bit, w => w.WriteBool(value));

    /// <summary>The fattr4, with <paramref name="trailing"/> bytes appended to the values.</summary>
    public Fattr4 Build(byte[]? trailing = null)
    {
        using var w = new XdrWriter(256);
        var mask = Bitmap4.Empty;
        foreach (var (bit, write) in _values)
        {
            mask = mask.With(bit);
            write(w);
        }
        if (trailing is not null) w.WriteFixedOpaque(trailing);
        return new Fattr4(mask, w.WrittenSpan.ToArray());
    }

    /// <summary>An fattr4 whose mask is <paramref name="mask"/> and values <paramref name="values"/>, as given.</summary>
    public static Fattr4 Raw(Bitmap4 mask, byte[] values) => new(mask, values);
}
