using System.Buffers.Binary;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Nfs4;

/// <summary>
/// stateid4: a 32-bit sequence number and 12 opaque bytes ("other"), kept as two integers
/// so that a stateid is a small value type that compares without allocation.
/// </summary>
public readonly record struct StateId4(uint SeqId, ulong OtherHigh, uint OtherLow)
{
    /// <summary>The anonymous stateid (all zeros).</summary>
    public static StateId4 Anonymous => default;

    /// <summary>The READ bypass stateid (all ones).</summary>
    public static StateId4 Bypass => new(uint.MaxValue, ulong.MaxValue, uint.MaxValue);

    /// <summary>The 4.1 current stateid (seqid 1, other zero).</summary>
    public static StateId4 Current => new(1, 0, 0);

    /// <summary>The 4.1 invalid stateid (seqid uint.MaxValue, other zero).</summary>
    public static StateId4 Invalid => new(uint.MaxValue, 0, 0);

    /// <summary>True for the all-zero "other" field of the special stateids.</summary>
    public bool IsOtherZero => OtherHigh == 0 && OtherLow == 0;

    /// <summary>True for the all-ones "other" field of the bypass stateid.</summary>
    public bool IsOtherAllOnes => OtherHigh == ulong.MaxValue && OtherLow == uint.MaxValue;

    /// <summary>True for any of the reserved special stateids (anonymous, bypass, current, invalid).</summary>
    public bool IsSpecial => IsOtherZero || IsOtherAllOnes;

    /// <summary>Same "other" value, ignoring the seqid.</summary>
    public bool SameOther(in StateId4 o) => OtherHigh == o.OtherHigh && OtherLow == o.OtherLow;

    /// <summary>Returns a copy with another seqid.</summary>
    public StateId4 WithSeqId(uint seqId) => this with { SeqId = seqId };

    /// <summary>Decodes a stateid4.</summary>
    public static StateId4 Decode(XdrReader reader)
    {
        uint seq = reader.ReadUInt32();
        ulong hi = reader.ReadUInt64();
        uint lo = reader.ReadUInt32();
        return new StateId4(seq, hi, lo);
    }

    /// <summary>Encodes this stateid4.</summary>
    public void Encode(XdrWriter writer)
    {
        writer.WriteUInt32(SeqId);
        writer.WriteUInt64(OtherHigh);
        writer.WriteUInt32(OtherLow);
    }

    /// <summary>Writes the 12 "other" bytes.</summary>
    public void WriteOther(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, OtherHigh);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], OtherLow);
    }

    /// <inheritdoc/>
    public override string ToString() => $"[{SeqId}:{OtherHigh:x16}{OtherLow:x8}]";
}
