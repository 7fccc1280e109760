using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Nfs.Protocol.Xdr;

/// <summary>
/// Writes XDR (RFC 4506) into a growable buffer rented from <see cref="ArrayPool{T}"/>.
/// Supports reserving space to patch later (counts and lengths known only at the end) and
/// handing out a span so that payloads (READ data) are produced in place without a copy.
/// Reusable through <see cref="Reset"/>; <see cref="Dispose"/> returns the buffer to the pool.
/// </summary>
public sealed class XdrWriter : IDisposable
{
    private byte[] _buffer;
    private int _position;

    /// <summary>Creates a writer with an initial capacity.</summary>
    public XdrWriter(int initialCapacity = 4096) => _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(64, initialCapacity));

    /// <summary>Bytes written so far.</summary>
    public int Length => _position;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _position);

    /// <summary>The bytes written so far.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _position);

    /// <summary>Forgets what was written, keeping the buffer.</summary>
    public void Reset() => _position = 0;

    /// <summary>Drops everything written after <paramref name="length"/> (used to roll back a partial result).</summary>
    public void Truncate(int length)
    {
        if ((uint)length > (uint)_position) throw new ArgumentOutOfRangeException(nameof(length));
        _position = length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Grab(int count)
    {
        if (_buffer.Length - _position < count) Grow(count);
        var span = _buffer.AsSpan(_position, count);
        _position += count;
        return span;
    }

    private void Grow(int count)
    {
        long needed = (long)_position + count;
        if (needed > Array.MaxLength) throw new InvalidOperationException("XDR buffer too large");
        int size = (int)Math.Min(Array.MaxLength, Math.Max(needed, (long)_buffer.Length * 2));
        var next = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _position).CopyTo(next);
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = next;
    }

    /// <summary>Writes an unsigned 32-bit integer.</summary>
    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Grab(4), value);

    /// <summary>Writes a signed 32-bit integer.</summary>
    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32BigEndian(Grab(4), value);

    /// <summary>Writes an unsigned hyper.</summary>
    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64BigEndian(Grab(8), value);

    /// <summary>Writes a signed hyper.</summary>
    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64BigEndian(Grab(8), value);

    /// <summary>Writes a bool.</summary>
    public void WriteBool(bool value) => WriteUInt32(value ? 1u : 0u);

    /// <summary>Writes fixed-length opaque data plus padding.</summary>
    public void WriteFixedOpaque(ReadOnlySpan<byte> data)
    {
        int padded = XdrReader.Padded(data.Length);
        var span = Grab(padded);
        data.CopyTo(span);
        span[data.Length..].Clear();
    }

    /// <summary>Writes variable-length opaque data (length, bytes, padding).</summary>
    public void WriteOpaque(ReadOnlySpan<byte> data)
    {
        WriteUInt32((uint)data.Length);
        WriteFixedOpaque(data);
    }

    /// <summary>Writes a string as UTF-8 opaque data without an intermediate array.</summary>
    public void WriteString(string value)
    {
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        int lengthAt = Reserve(4);
        if (_buffer.Length - _position < max + 3) Grow(max + 3);
        int written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_position));
        _position += written;
        PatchUInt32(lengthAt, (uint)written);
        WritePadding(written);
    }

    /// <summary>Writes the zero bytes that pad <paramref name="dataLength"/> bytes to a multiple of four.</summary>
    public void WritePadding(int dataLength)
    {
        int pad = XdrReader.Padded(dataLength) - dataLength;
        if (pad > 0) Grab(pad).Clear();
    }

    /// <summary>Reserves <paramref name="count"/> bytes and returns their offset for a later patch.</summary>
    public int Reserve(int count)
    {
        int at = _position;
        Grab(count);
        return at;
    }

    /// <summary>Overwrites a previously reserved 32-bit slot.</summary>
    public void PatchUInt32(int offset, uint value)
    {
        // Only bytes already written can be patched; a stale offset must not write silently past Length.
        if (offset < 0 || (long)offset + 4 > _position) throw new ArgumentOutOfRangeException(nameof(offset));
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(offset, 4), value);
    }

    /// <summary>
    /// Returns a writable span of exactly <paramref name="count"/> bytes at the current position
    /// without advancing; call <see cref="Advance"/> with what was produced.
    /// </summary>
    public Span<byte> GetSpan(int count)
    {
        if (_buffer.Length - _position < count) Grow(count);
        return _buffer.AsSpan(_position, count);
    }

    /// <summary>Like <see cref="GetSpan"/> but as memory, for asynchronous producers.</summary>
    public Memory<byte> GetMemory(int count)
    {
        if (_buffer.Length - _position < count) Grow(count);
        return _buffer.AsMemory(_position, count);
    }

    /// <summary>Moves the position past bytes produced in a span from <see cref="GetSpan"/>.</summary>
    public void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _position)) throw new ArgumentOutOfRangeException(nameof(count));
        _position += count;
    }

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        var b = _buffer;
        _buffer = Array.Empty<byte>();
        _position = 0;
        if (b.Length > 0) ArrayPool<byte>.Shared.Return(b);
    }
}
