using System.Buffers.Binary;

namespace Nfs.Protocol.Rpc;

/// <summary>
/// Record marking for RPC over TCP (RFC 5531 section 11): each record is a sequence of
/// fragments, each preceded by a 4-byte header whose high bit flags the last fragment and
/// whose low 31 bits give the fragment's length.
/// </summary>
public static class RecordMarking
{
    /// <summary>Size of a fragment header.</summary>
    public const int HeaderSize = 4;
    private const uint LastFragmentFlag = 0x8000_0000u;

    /// <summary>Decodes a fragment header.</summary>
    public static (bool IsLast, int Length) ReadHeader(ReadOnlySpan<byte> header)
    {
        uint raw = BinaryPrimitives.ReadUInt32BigEndian(header);
        return ((raw & LastFragmentFlag) != 0, (int)(raw & ~LastFragmentFlag));
    }

    /// <summary>Encodes a fragment header.</summary>
    public static void WriteHeader(Span<byte> destination, int length, bool isLast)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)length | (isLast ? LastFragmentFlag : 0));
    }
}
