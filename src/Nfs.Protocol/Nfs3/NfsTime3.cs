using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Nfs3;

/// <summary>nfstime3: unsigned seconds since the epoch and nanoseconds.</summary>
public readonly record struct NfsTime3(uint Seconds, uint Nanoseconds)
{
    /// <summary>Decodes.</summary>
    public static NfsTime3 Decode(XdrReader reader) => new(reader.ReadUInt32(), reader.ReadUInt32());

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter writer)
    {
        writer.WriteUInt32(Seconds);
        writer.WriteUInt32(Nanoseconds);
    }

    /// <summary>
    /// From the server's 64-bit time: times before 1970 become 0 and times after 2106 the
    /// largest value, since the 32 unsigned bits of nfstime3 cannot hold them.
    /// </summary>
    public static NfsTime3 From(in NfsTime4 time) => time.Seconds switch
    {
        < 0 => new(0, 0),
        > uint.MaxValue => new(uint.MaxValue, 999_999_999),
        _ => new((uint)time.Seconds, time.Nanoseconds),
    };

    /// <summary>To the server's 64-bit time.</summary>
    public NfsTime4 ToNfsTime4() => new(Seconds, Nanoseconds);
}
