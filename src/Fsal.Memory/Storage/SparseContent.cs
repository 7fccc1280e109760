namespace Fsal.Memory.Storage;

/// <summary>
/// The data of a regular file, stored sparsely in fixed-size chunks: a hole (never written, or
/// written only with zeros) costs nothing and reads as zeros. Invariant: every byte at or past
/// <see cref="Length"/> inside an allocated chunk is zero, so extending a file never reveals old
/// data. Not thread-safe; the owning node's lock guards it.
/// </summary>
internal sealed class SparseContent
{
    /// <summary>Chunk size: a 1 MiB read touches only 16 chunks.</summary>
    public const int ChunkSize = 64 * 1024;

    /// <summary>
    /// A zeroed chunk on the pinned object heap: file data lives long, and chunks in the
    /// ordinary heap were copied at every promotion (gen0 to gen1 to gen2), which made creating
    /// small files several times slower (bench/RESULTS.md).
    /// </summary>
    private static byte[] NewChunk() => GC.AllocateArray<byte>(ChunkSize, pinned: true);

    // Files that never held data (most of a large tree of small or empty files) share one empty
    // map, never written to: 80 bytes less per file. The first chunk gets the file its own.
    private static readonly Dictionary<long, byte[]> NoChunks = [];
    private Dictionary<long, byte[]> _chunks = NoChunks;

    private Dictionary<long, byte[]> OwnChunks => ReferenceEquals(_chunks, NoChunks) ? _chunks = [] : _chunks;

    /// <summary>File size in bytes.</summary>
    public long Length { get; private set; }

    /// <summary>Bytes held by allocated chunks.</summary>
    public long AllocatedBytes => (long)_chunks.Count * ChunkSize;

    /// <summary>Copies data at <paramref name="offset"/> into <paramref name="destination"/>; returns the bytes copied (0 at or past the end).</summary>
    public int Read(long offset, Span<byte> destination)
    {
        if (offset >= Length) return 0;
        int count = (int)Math.Min(destination.Length, Length - offset);
        Span<byte> remaining = destination[..count];
        while (!remaining.IsEmpty)
        {
            int within = (int)(offset % ChunkSize);
            int n = Math.Min(ChunkSize - within, remaining.Length);
            if (_chunks.TryGetValue(offset / ChunkSize, out byte[]? chunk)) chunk.AsSpan(within, n).CopyTo(remaining);
            else remaining[..n].Clear();
            remaining = remaining[n..];
            offset += n;
        }
        return count;
    }

    /// <summary>Bytes that <see cref="Write"/> with the same arguments will allocate, so the caller can reserve them first.</summary>
    public long BytesToAllocate(long offset, ReadOnlySpan<byte> data)
    {
        long bytes = 0;
        while (!data.IsEmpty)
        {
            int n = Math.Min(ChunkSize - (int)(offset % ChunkSize), data.Length);
            if (!_chunks.ContainsKey(offset / ChunkSize) && !IsAllZero(data[..n])) bytes += ChunkSize;
            data = data[n..];
            offset += n;
        }
        return bytes;
    }

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/>, growing the file when it ends past <see cref="Length"/>.</summary>
    public void Write(long offset, ReadOnlySpan<byte> data)
    {
        long end = offset + data.Length;
        while (!data.IsEmpty)
        {
            int within = (int)(offset % ChunkSize);
            int n = Math.Min(ChunkSize - within, data.Length);
            long index = offset / ChunkSize;
            if (_chunks.TryGetValue(index, out byte[]? chunk))
            {
                data[..n].CopyTo(chunk.AsSpan(within));
            }
            else if (!IsAllZero(data[..n]))
            {
                // Zeros written into a hole leave it a hole: it already reads as zeros.
                chunk = NewChunk();
                data[..n].CopyTo(chunk.AsSpan(within));
                OwnChunks.Add(index, chunk);
            }
            data = data[n..];
            offset += n;
        }
        if (end > Length) Length = end;
    }

    /// <summary>Truncates or extends (with a hole) to <paramref name="length"/>; returns the bytes freed.</summary>
    public long SetLength(long length)
    {
        long freed = 0;
        if (length < Length && _chunks.Count > 0)
        {
            long firstDropped = (length + ChunkSize - 1) / ChunkSize;
            long lastIndex = (Length - 1) / ChunkSize;
            // Visit whichever is smaller: the dropped index range or the allocated chunks.
            if (lastIndex - firstDropped + 1 <= _chunks.Count)
            {
                for (long index = firstDropped; index <= lastIndex; index++)
                    if (_chunks.Remove(index)) freed += ChunkSize;
            }
            else
            {
                foreach (long index in _chunks.Keys)
                    if (index >= firstDropped && _chunks.Remove(index)) freed += ChunkSize;
            }
            int tail = (int)(length % ChunkSize);
            if (tail != 0 && _chunks.TryGetValue(length / ChunkSize, out byte[]? last)) last.AsSpan(tail).Clear();
        }
        Length = length;
        return freed;
    }

    /// <summary>Drops all data; returns the bytes freed.</summary>
    public long Clear()
    {
        long freed = AllocatedBytes;
        _chunks.Clear();
        Length = 0;
        return freed;
    }

    /// <summary>
    /// The first offset at or after <paramref name="offset"/> inside an allocated chunk and
    /// before <see cref="Length"/>, or -1 when there is none (the rest of the file is a hole).
    /// </summary>
    public long NextData(long offset)
    {
        if (offset < 0 || offset >= Length) return -1;
        long index = offset / ChunkSize;
        if (_chunks.ContainsKey(index)) return offset;
        long lastIndex = (Length - 1) / ChunkSize;
        long found = long.MaxValue;
        // Visit whichever is smaller: the index range to the end or the allocated chunks.
        if (lastIndex - index <= _chunks.Count)
        {
            for (long i = index + 1; i <= lastIndex; i++)
            {
                if (_chunks.ContainsKey(i))
                {
                    found = i;
                    break;
                }
            }
        }
        else
        {
            foreach (long i in _chunks.Keys)
                if (i > index && i < found) found = i;
        }
        return found <= lastIndex ? found * ChunkSize : -1;
    }

    /// <summary>
    /// The first offset at or after <paramref name="offset"/> in a hole: a missing chunk, or
    /// <see cref="Length"/> (every file ends in a virtual hole). -1 when <paramref name="offset"/>
    /// is at or past the end.
    /// </summary>
    public long NextHole(long offset)
    {
        if (offset < 0 || offset >= Length) return -1;
        long lastIndex = (Length - 1) / ChunkSize;
        // Each step passes an allocated chunk, so this visits at most Count + 1 indices.
        for (long i = offset / ChunkSize; i <= lastIndex; i++)
        {
            if (!_chunks.ContainsKey(i)) return Math.Max(offset, i * ChunkSize);
        }
        return Length;
    }

    /// <summary>
    /// Bytes <see cref="Allocate"/> with the same arguments will allocate (the chunks of the
    /// range not yet allocated); <see cref="long.MaxValue"/> when that does not fit in a long.
    /// </summary>
    public long BytesToAllocate(long offset, long length)
    {
        if (length <= 0) return 0;
        long first = offset / ChunkSize;
        long last = (offset + length - 1) / ChunkSize;
        long total = last - first + 1;
        long present = CountAllocated(first, last, total);
        long missing = total - present;
        return missing > long.MaxValue / ChunkSize ? long.MaxValue : missing * ChunkSize;
    }

    /// <summary>
    /// Allocates (zero-filled) every chunk of the range that is a hole, and extends
    /// <see cref="Length"/> to the range's end. The caller reserved <see cref="BytesToAllocate(long, long)"/> first.
    /// </summary>
    public void Allocate(long offset, long length)
    {
        if (length <= 0) return;
        long first = offset / ChunkSize;
        long last = (offset + length - 1) / ChunkSize;
        for (long i = first; i <= last; i++)
        {
            if (!_chunks.ContainsKey(i)) OwnChunks.Add(i, NewChunk());
        }
        if (offset + length > Length) Length = offset + length;
    }

    /// <summary>
    /// Turns a range into a hole without changing <see cref="Length"/>: chunks the range covers
    /// wholly (up to the end of the file) are freed, others zeroed in the range, and freed too
    /// when that leaves them all zero. Returns the bytes freed.
    /// </summary>
    public long Deallocate(long offset, long length)
    {
        if (length <= 0 || offset >= Length) return 0;
        // Bytes past the end are zero already (the invariant), so the range stops there.
        long end = length > Length - offset ? Length : offset + length;
        long first = offset / ChunkSize;
        long last = (end - 1) / ChunkSize;
        long freed = 0;
        if (last - first + 1 <= _chunks.Count)
        {
            for (long i = first; i <= last; i++) freed += Punch(i, offset, end);
        }
        else
        {
            List<long> touched = [];
            foreach (long i in _chunks.Keys)
                if (i >= first && i <= last) touched.Add(i);
            foreach (long i in touched) freed += Punch(i, offset, end);
        }
        return freed;
    }

    /// <summary>Zeroes the part of chunk <paramref name="index"/> inside [offset, end); drops it when nothing else remains. Returns the bytes freed.</summary>
    private long Punch(long index, long offset, long end)
    {
        if (!_chunks.TryGetValue(index, out byte[]? chunk)) return 0;
        long start = index * ChunkSize;
        long from = Math.Max(start, offset);
        long to = Math.Min(start + ChunkSize, end);
        bool whole = from == start && (to == start + ChunkSize || to >= Length);
        if (!whole)
        {
            chunk.AsSpan((int)(from - start), (int)(to - from)).Clear();
            if (!IsAllZero(chunk)) return 0;
        }
        _chunks.Remove(index);
        return ChunkSize;
    }

    /// <summary>
    /// Bytes <see cref="CopyFrom"/> with the same arguments will allocate: destination chunks
    /// that are holes and receive data that is not all zero.
    /// </summary>
    public long BytesToAllocateForCopy(SparseContent source, long sourceOffset, long offset, long count)
    {
        long bytes = 0;
        long lastCounted = -1;
        while (count > 0)
        {
            int n = PieceLength(sourceOffset, offset, count);
            long index = offset / ChunkSize;
            if (index != lastCounted && !_chunks.ContainsKey(index) &&
                source._chunks.TryGetValue(sourceOffset / ChunkSize, out byte[]? chunk) &&
                !IsAllZero(chunk.AsSpan((int)(sourceOffset % ChunkSize), n)))
            {
                bytes += ChunkSize;
                lastCounted = index;
            }
            sourceOffset += n;
            offset += n;
            count -= n;
        }
        return bytes;
    }

    /// <summary>
    /// Copies <paramref name="count"/> bytes of <paramref name="source"/> (which may be this
    /// content, with a range that does not overlap) to <paramref name="offset"/>: holes of the
    /// source become zeros without allocating, and <see cref="Length"/> grows when the range ends
    /// past it. The caller checked that the source range lies inside the source and reserved
    /// <see cref="BytesToAllocateForCopy"/>.
    /// </summary>
    public void CopyFrom(SparseContent source, long sourceOffset, long offset, long count)
    {
        long end = offset + count;
        while (count > 0)
        {
            int n = PieceLength(sourceOffset, offset, count);
            if (source._chunks.TryGetValue(sourceOffset / ChunkSize, out byte[]? chunk))
            {
                Write(offset, chunk.AsSpan((int)(sourceOffset % ChunkSize), n));
            }
            else if (_chunks.TryGetValue(offset / ChunkSize, out byte[]? target))
            {
                target.AsSpan((int)(offset % ChunkSize), n).Clear();
            }
            sourceOffset += n;
            offset += n;
            count -= n;
        }
        if (end > Length) Length = end;
    }

    /// <summary>The longest piece from both offsets that stays inside one chunk of each side.</summary>
    private static int PieceLength(long sourceOffset, long offset, long count) =>
        (int)Math.Min(count, Math.Min(ChunkSize - sourceOffset % ChunkSize, ChunkSize - offset % ChunkSize));

    /// <summary>How many chunks with index in [first, last] (<paramref name="total"/> of them) are allocated.</summary>
    private long CountAllocated(long first, long last, long total)
    {
        long present = 0;
        if (total <= _chunks.Count)
        {
            for (long i = first; i <= last; i++)
                if (_chunks.ContainsKey(i)) present++;
        }
        else
        {
            foreach (long i in _chunks.Keys)
                if (i >= first && i <= last) present++;
        }
        return present;
    }

    private static bool IsAllZero(ReadOnlySpan<byte> data) => data.IndexOfAnyExcept((byte)0) < 0;
}
