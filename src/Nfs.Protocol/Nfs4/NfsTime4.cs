using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Nfs4;

/// <summary>nfstime4: seconds since the epoch and nanoseconds.</summary>
public readonly record struct NfsTime4(long Seconds, uint Nanoseconds)
{
    /// <summary>Decodes an nfstime4; nanoseconds of a billion or more are invalid.</summary>
    public static NfsTime4 Decode(XdrReader reader)
    {
        long s = reader.ReadInt64();
        uint ns = reader.ReadUInt32();
        return new NfsTime4(s, ns);
    }

    /// <summary>True when the nanoseconds field is in range.</summary>
    public bool IsValid => Nanoseconds < 1_000_000_000;

    /// <summary>Encodes this time.</summary>
    public void Encode(XdrWriter writer)
    {
        writer.WriteInt64(Seconds);
        writer.WriteUInt32(Nanoseconds);
    }

    /// <summary>Converts to total nanoseconds since the epoch (saturating).</summary>
    public long ToUnixNanoseconds()
    {
        Int128 total = (Int128)Seconds * 1_000_000_000 + Nanoseconds;
        if (total > long.MaxValue) return long.MaxValue;
        if (total < long.MinValue) return long.MinValue;
        return (long)total;
    }

    /// <summary>Converts from total nanoseconds since the epoch.</summary>
    public static NfsTime4 FromUnixNanoseconds(long ns)
    {
        long s = Math.DivRem(ns, 1_000_000_000, out long rem);
        if (rem < 0) { s--; rem += 1_000_000_000; }
        return new NfsTime4(s, (uint)rem);
    }
}
