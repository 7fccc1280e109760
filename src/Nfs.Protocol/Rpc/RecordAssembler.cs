using System.Buffers;

namespace Nfs.Protocol.Rpc;

/// <summary>What <see cref="RecordAssembler.TryRead"/> found.</summary>
public enum RecordReadResult
{
    /// <summary>More input is needed.</summary>
    NeedMoreData,
    /// <summary>A whole record was assembled.</summary>
    Record,
    /// <summary>The record exceeds the configured maximum; the stream cannot be trusted any more.</summary>
    TooLarge,
}

/// <summary>
/// Reassembles record-marked RPC messages (possibly split in several fragments) from a byte
/// stream into one contiguous buffer rented from <see cref="ArrayPool{T}"/>. Fragment bytes
/// are copied as they arrive, so the input never has to hold a whole record. The total
/// record size is bounded: a client announcing more gets <see cref="RecordReadResult.TooLarge"/>
/// before anything of that size is allocated.
/// </summary>
public sealed class RecordAssembler : IDisposable
{
    private readonly int _maxRecordSize;
    private byte[] _buffer = Array.Empty<byte>();
    private int _length;           // bytes of the record assembled so far
    private int _fragmentRemaining; // bytes of the current fragment still to copy
    private bool _inFragment;
    private bool _lastFragment;

    /// <summary>Creates an assembler that refuses records larger than <paramref name="maxRecordSize"/>.</summary>
    public RecordAssembler(int maxRecordSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecordSize, 16);
        _maxRecordSize = maxRecordSize;
    }

    /// <summary>
    /// Consumes input. On <see cref="RecordReadResult.Record"/> the caller owns
    /// <paramref name="record"/> (return it to <see cref="ArrayPool{T}.Shared"/>) whose first
    /// <paramref name="length"/> bytes are the message.
    /// </summary>
    public RecordReadResult TryRead(ref ReadOnlySequence<byte> input, out byte[] record, out int length)
    {
        record = Array.Empty<byte>();
        length = 0;
        Span<byte> header = stackalloc byte[RecordMarking.HeaderSize];
        while (true)
        {
            if (!_inFragment)
            {
                if (input.Length < RecordMarking.HeaderSize) return RecordReadResult.NeedMoreData;
                input.Slice(0, RecordMarking.HeaderSize).CopyTo(header);
                input = input.Slice(RecordMarking.HeaderSize);
                var (isLast, fragmentLength) = RecordMarking.ReadHeader(header);
                if ((long)_length + fragmentLength > _maxRecordSize) return RecordReadResult.TooLarge;
                _fragmentRemaining = fragmentLength;
                _lastFragment = isLast;
                _inFragment = true;
            }

            if (_fragmentRemaining > 0)
            {
                int take = (int)Math.Min(_fragmentRemaining, input.Length);
                if (take == 0) return RecordReadResult.NeedMoreData;
                // Memory follows the bytes that actually arrived, not what a header announced.
                EnsureCapacity(_length + take);
                input.Slice(0, take).CopyTo(_buffer.AsSpan(_length, take));
                input = input.Slice(take);
                _length += take;
                _fragmentRemaining -= take;
                if (_fragmentRemaining > 0) return RecordReadResult.NeedMoreData;
            }

            _inFragment = false;
            if (_lastFragment)
            {
                record = _buffer.Length == 0 ? ArrayPool<byte>.Shared.Rent(16) : _buffer;
                length = _length;
                _buffer = Array.Empty<byte>();
                _length = 0;
                return RecordReadResult.Record;
            }
        }
    }

    /// <summary>
    /// A fragment gets all the memory it announced once this share of it has arrived: a client
    /// makes the server hold at most this many times what it actually sent.
    /// </summary>
    internal const int WholeFragmentShare = 16;

    private void EnsureCapacity(int needed)
    {
        if (needed <= _buffer.Length) return;
        // Grow geometrically from a small start, so ordinary calls stay small and a record that
        // announces a big fragment gets memory as its bytes arrive; once a sixteenth of the
        // fragment is in, the rest is taken at once, which spares copying a 1 MiB WRITE's data
        // again at each doubling (as much again as the data itself).
        int fragmentEnd = _length + _fragmentRemaining;
        int size = (long)needed * WholeFragmentShare >= fragmentEnd ? Math.Max(needed, fragmentEnd) : needed;
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(size, Math.Min(_maxRecordSize, Math.Max(1024, _buffer.Length * 2))));
        if (_length > 0) _buffer.AsSpan(0, _length).CopyTo(next);
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = next;
    }

    /// <summary>The memory held for the record being assembled.</summary>
    internal int Capacity => _buffer.Length;

    /// <summary>Returns any partially assembled buffer to the pool.</summary>
    public void Dispose()
    {
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = Array.Empty<byte>();
        _length = 0;
    }
}
