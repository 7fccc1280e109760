using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Nfs.Protocol.Xdr;

/// <summary>
/// Reads XDR (RFC 4506) from a buffer. Every variable length is checked against both the
/// bytes that remain and a caller-supplied maximum before anything is allocated, so a hostile
/// length can never cause a large allocation. Opaque data is returned as slices of the input
/// (no copy). A class rather than a ref struct so that it can live in a pooled request context
/// across awaits; <see cref="Reset"/> makes it reusable.
/// </summary>
public sealed class XdrReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private ReadOnlyMemory<byte> _buffer;
    private int _position;

    /// <summary>Creates a reader with no data; call <see cref="Reset"/>.</summary>
    public XdrReader() { }

    /// <summary>Creates a reader over <paramref name="buffer"/>.</summary>
    public XdrReader(ReadOnlyMemory<byte> buffer) => _buffer = buffer;

    /// <summary>Restarts the reader over a new buffer.</summary>
    public void Reset(ReadOnlyMemory<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    /// <summary>Offset of the next byte to read.</summary>
    public int Position
    {
        get => _position;
        set
        {
            if ((uint)value > (uint)_buffer.Length) throw new ArgumentOutOfRangeException(nameof(value));
            _position = value;
        }
    }

    /// <summary>Bytes not yet read.</summary>
    public int Remaining => _buffer.Length - _position;

    /// <summary>The whole underlying buffer.</summary>
    public ReadOnlyMemory<byte> Buffer => _buffer;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining) throw XdrException.Truncated(count, Remaining);
        var span = _buffer.Span.Slice(_position, count);
        _position += count;
        return span;
    }

    /// <summary>Reads an unsigned 32-bit integer.</summary>
    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    /// <summary>Reads a signed 32-bit integer.</summary>
    public int ReadInt32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    /// <summary>Reads an unsigned hyper.</summary>
    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64BigEndian(Take(8));

    /// <summary>Reads a signed hyper.</summary>
    public long ReadInt64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    /// <summary>Reads a bool; values other than 0 and 1 are rejected.</summary>
    public bool ReadBool()
    {
        uint v = ReadUInt32();
        return v switch
        {
            0 => false,
            1 => true,
            _ => throw new XdrException(XdrErrorKind.BadValue, $"XDR bool has value {v}"),
        };
    }

    /// <summary>Reads an enum discriminant as an int.</summary>
    public int ReadEnum() => ReadInt32();

    /// <summary>Reads fixed-length opaque data of <paramref name="length"/> bytes plus padding.</summary>
    public ReadOnlyMemory<byte> ReadFixedOpaque(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        // Check the unpadded length first: Padded() overflows for lengths near int.MaxValue.
        if (length > Remaining) throw XdrException.Truncated(length, Remaining);
        int padded = Padded(length);
        if (padded > Remaining) throw XdrException.Truncated(padded, Remaining);
        var slice = _buffer.Slice(_position, length);
        _position += padded;
        return slice;
    }

    /// <summary>Copies fixed-length opaque data into <paramref name="destination"/> (its whole length).</summary>
    public void ReadFixedOpaque(Span<byte> destination) => ReadFixedOpaque(destination.Length).Span.CopyTo(destination);

    /// <summary>Reads variable-length opaque data of at most <paramref name="maxLength"/> bytes.</summary>
    public ReadOnlyMemory<byte> ReadOpaque(int maxLength)
    {
        int length = ReadLength("opaque", maxLength, 1);
        return ReadFixedOpaque(length);
    }

    /// <summary>Reads a UTF-8 string of at most <paramref name="maxLength"/> bytes. Invalid UTF-8 is rejected.</summary>
    public string ReadString(int maxLength)
    {
        var bytes = ReadOpaque(maxLength).Span;
        if (bytes.IsEmpty) return string.Empty;
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new XdrException(XdrErrorKind.BadValue, "XDR string is not valid UTF-8");
        }
    }

    /// <summary>
    /// Reads an array count, bounded by <paramref name="maxCount"/> and by what the remaining
    /// bytes could hold at <paramref name="minElementSize"/> bytes per element.
    /// </summary>
    public int ReadArrayLength(int maxCount, int minElementSize = 4) => ReadLength("array", maxCount, Math.Max(1, minElementSize));

    private int ReadLength(string what, int max, int unit)
    {
        // A negative maximum would become "no limit" through the unsigned comparison below.
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        uint length = ReadUInt32();
        if (length > (uint)max) throw XdrException.TooLong(what, length, max);
        if ((long)length * unit > Remaining) throw XdrException.Truncated((int)Math.Min(int.MaxValue, (long)length * unit), Remaining);
        return (int)length;
    }

    /// <summary>Skips <paramref name="count"/> bytes.</summary>
    public void Skip(int count) => Take(count);

    /// <summary>The XDR size of <paramref name="length"/> bytes of opaque data, rounded up to 4.</summary>
    public static int Padded(int length) => (length + 3) & ~3;
}
