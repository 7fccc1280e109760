namespace Fsal.Memory.Storage;

/// <summary>
/// The data of a regular file, stored sparsely in chunks of up to <see cref="ChunkSize"/>
/// bytes: a hole (never written, or written only with zeros) costs nothing and reads as zeros.
/// A chunk's array holds only the beginning of its range, as far as data was written (rounded
/// up to a power of two), so a 4 KiB file takes 4 KiB, not 64; the rest of the range reads as
/// zeros. Invariant: every byte at or past <see cref="Length"/> inside an allocated chunk is
/// zero, so extending a file never reveals old data. Not thread-safe; the owning node's lock
/// guards it.
/// </summary>
/// <remarks>
/// A mutable struct, stored as a field of the file's node to save an object per file: use it
/// only through that field (or a <c>ref</c>/<c>in</c>), never through a copy.
/// </remarks>
internal struct SparseContent
{
    /// <summary>Largest chunk: a 1 MiB read touches only 16 chunks.</summary>
    public const int ChunkSize = 64 * 1024;

    /// <summary>Smallest chunk array; smaller writes round up to it.</summary>
    public const int MinChunkArray = 512;

    /// <summary>
    /// A zeroed chunk array on the pinned object heap: file data lives long, and arrays in the
    /// ordinary heap were copied at every promotion (gen0 to gen1 to gen2), which made creating
    /// small files several times slower (bench/RESULTS.md).
    /// </summary>
    private static byte[] NewArray(int length) => GC.AllocateArray<byte>(length, pinned: true);

    /// <summary>The array length that holds the first <paramref name="bytes"/> of a chunk.</summary>
    private static int ArrayLengthFor(long bytes) =>
        bytes >= ChunkSize ? ChunkSize : Math.Max(MinChunkArray, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)bytes));

    // Files that never held data (most of a large tree of small or empty files) have no map.
    private static readonly Dictionary<long, byte[]> NoChunks = [];
    private Dictionary<long, byte[]>? _chunks;

    private readonly Dictionary<long, byte[]> Chunks => _chunks ?? NoChunks;

    /// <summary>File size in bytes.</summary>
    public long Length { get; private set; }

    /// <summary>Bytes held by chunk arrays.</summary>
    public long AllocatedBytes { get; private set; }

    /// <summary>Copies data at <paramref name="offset"/> into <paramref name="destination"/>; returns the bytes copied (0 at or past the end).</summary>
    public readonly int Read(long offset, Span<byte> destination)
    {
        if (offset >= Length) return 0;
        int count = (int)Math.Min(destination.Length, Length - offset);
        Span<byte> remaining = destination[..count];
        while (!remaining.IsEmpty)
        {
            int within = (int)(offset % ChunkSize);
            int n = Math.Min(ChunkSize - within, remaining.Length);
            int held = Chunks.TryGetValue(offset / ChunkSize, out byte[]? chunk) ? Math.Clamp(chunk.Length - within, 0, n) : 0;
            if (held > 0) chunk.AsSpan(within, held).CopyTo(remaining);
            remaining[held..n].Clear();
            remaining = remaining[n..];
            offset += n;
        }
        return count;
    }

    /// <summary>Bytes that <see cref="Write"/> with the same arguments will allocate, so the caller can reserve them first.</summary>
    public readonly long BytesToAllocate(long offset, ReadOnlySpan<byte> data)
    {
        long bytes = 0;
        while (!data.IsEmpty)
        {
            int within = (int)(offset % ChunkSize);
            int n = Math.Min(ChunkSize - within, data.Length);
            bytes += Growth(offset / ChunkSize, within + n, data[..n]);
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
            // Zeros written into a hole, or past what a chunk holds, change nothing: they read as zeros already.
            if (Growth(index, within + n, data[..n]) > 0) EnsureHeld(index, within + n);
            if (Chunks.TryGetValue(index, out byte[]? chunk))
            {
                int held = Math.Clamp(chunk.Length - within, 0, n);
                data[..held].CopyTo(chunk.AsSpan(within));
            }
            data = data[n..];
            offset += n;
        }
        if (end > Length) Length = end;
    }

    /// <summary>
    /// Bytes of allocation needed so that chunk <paramref name="index"/> holds its first
    /// <paramref name="needed"/> bytes, when <paramref name="data"/> (written just before
    /// <paramref name="needed"/>) is not all zero; 0 otherwise.
    /// </summary>
    private readonly long Growth(long index, int needed, ReadOnlySpan<byte> data)
    {
        int held = Chunks.TryGetValue(index, out byte[]? chunk) ? chunk.Length : 0;
        if (held >= needed) return 0;
        // Only the part past what the chunk holds needs room; zeros there need none.
        int start = needed - data.Length;
        if (IsAllZero(data[Math.Max(0, held - start)..])) return 0;
        return ArrayLengthFor(needed) - held;
    }

    /// <summary>Makes chunk <paramref name="index"/> hold at least its first <paramref name="needed"/> bytes.</summary>
    private void EnsureHeld(long index, int needed)
    {
        _chunks ??= [];
        _chunks.TryGetValue(index, out byte[]? chunk);
        int held = chunk?.Length ?? 0;
        if (held >= needed) return;
        byte[] grown = NewArray(ArrayLengthFor(needed));
        chunk?.CopyTo(grown, 0);
        _chunks[index] = grown;
        AllocatedBytes += grown.Length - held;
    }

    /// <summary>Drops chunk <paramref name="index"/> if present; returns the bytes freed.</summary>
    private long Drop(long index)
    {
        if (_chunks is null || !_chunks.Remove(index, out byte[]? chunk)) return 0;
        AllocatedBytes -= chunk.Length;
        return chunk.Length;
    }

    /// <summary>Truncates or extends (with a hole) to <paramref name="length"/>; returns the bytes freed.</summary>
    public long SetLength(long length)
    {
        long freed = 0;
        if (length < Length && Chunks.Count > 0)
        {
            long firstDropped = (length + ChunkSize - 1) / ChunkSize;
            long lastIndex = (Length - 1) / ChunkSize;
            // Visit whichever is smaller: the dropped index range or the allocated chunks.
            if (lastIndex - firstDropped + 1 <= Chunks.Count)
            {
                for (long index = firstDropped; index <= lastIndex; index++) freed += Drop(index);
            }
            else
            {
                foreach (long index in Chunks.Keys.Where(i => i >= firstDropped).ToList()) freed += Drop(index);
            }
            int tail = (int)(length % ChunkSize);
            if (tail != 0 && Chunks.TryGetValue(length / ChunkSize, out byte[]? last) && tail < last.Length) last.AsSpan(tail).Clear();
        }
        Length = length;
        return freed;
    }

    /// <summary>Drops all data; returns the bytes freed.</summary>
    public long Clear()
    {
        long freed = AllocatedBytes;
        _chunks = null;
        AllocatedBytes = 0;
        Length = 0;
        return freed;
    }

    /// <summary>
    /// The first offset at or after <paramref name="offset"/> inside an allocated chunk and
    /// before <see cref="Length"/>, or -1 when there is none (the rest of the file is a hole).
    /// </summary>
    public readonly long NextData(long offset)
    {
        if (offset < 0 || offset >= Length) return -1;
        var chunks = Chunks;
        long index = offset / ChunkSize;
        if (chunks.ContainsKey(index)) return offset;
        long lastIndex = (Length - 1) / ChunkSize;
        long found = long.MaxValue;
        // Visit whichever is smaller: the index range to the end or the allocated chunks.
        if (lastIndex - index <= chunks.Count)
        {
            for (long i = index + 1; i <= lastIndex; i++)
            {
                if (chunks.ContainsKey(i))
                {
                    found = i;
                    break;
                }
            }
        }
        else
        {
            foreach (long i in chunks.Keys)
                if (i > index && i < found) found = i;
        }
        return found <= lastIndex ? found * ChunkSize : -1;
    }

    /// <summary>
    /// The first offset at or after <paramref name="offset"/> in a hole: a missing chunk, or
    /// <see cref="Length"/> (every file ends in a virtual hole). -1 when <paramref name="offset"/>
    /// is at or past the end. (The unheld tail of a short chunk counts as data, as a partly
    /// written block does in a disk filesystem.)
    /// </summary>
    public readonly long NextHole(long offset)
    {
        if (offset < 0 || offset >= Length) return -1;
        long lastIndex = (Length - 1) / ChunkSize;
        // Each step passes an allocated chunk, so this visits at most Count + 1 indices.
        for (long i = offset / ChunkSize; i <= lastIndex; i++)
        {
            if (!Chunks.ContainsKey(i)) return Math.Max(offset, i * ChunkSize);
        }
        return Length;
    }

    /// <summary>
    /// Bytes <see cref="Allocate"/> with the same arguments will allocate (what the chunks of
    /// the range lack of their full size); <see cref="long.MaxValue"/> when that does not fit in a long.
    /// </summary>
    public readonly long BytesToAllocate(long offset, long length)
    {
        if (length <= 0) return 0;
        long first = offset / ChunkSize;
        long last = (offset + length - 1) / ChunkSize;
        long total = last - first + 1;
        if (total > long.MaxValue / ChunkSize) return long.MaxValue;
        long held = 0;
        ForEachAllocated(first, last, total, (_, chunk) => held += chunk.Length);
        return total * ChunkSize - held;
    }

    /// <summary>
    /// Allocates (zero-filled, full size) every chunk of the range, and extends
    /// <see cref="Length"/> to the range's end. The caller reserved <see cref="BytesToAllocate(long, long)"/> first.
    /// </summary>
    public void Allocate(long offset, long length)
    {
        if (length <= 0) return;
        long first = offset / ChunkSize;
        long last = (offset + length - 1) / ChunkSize;
        for (long i = first; i <= last; i++) EnsureHeld(i, ChunkSize);
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
        List<long> touched = [];
        ForEachAllocated(first, last, last - first + 1, (i, _) => touched.Add(i));
        long freed = 0;
        foreach (long i in touched) freed += Punch(i, offset, end);
        return freed;
    }

    /// <summary>Zeroes the part of chunk <paramref name="index"/> inside [offset, end); drops it when nothing else remains. Returns the bytes freed.</summary>
    private long Punch(long index, long offset, long end)
    {
        if (!Chunks.TryGetValue(index, out byte[]? chunk)) return 0;
        long start = index * ChunkSize;
        long from = Math.Max(start, offset);
        long to = Math.Min(start + chunk.Length, end);
        bool whole = from == start && (to == start + chunk.Length || to >= Length);
        if (!whole)
        {
            if (to > from) chunk.AsSpan((int)(from - start), (int)(to - from)).Clear();
            if (!IsAllZero(chunk)) return 0;
        }
        return Drop(index);
    }

    /// <summary>
    /// Bytes <see cref="CopyFrom"/> with the same arguments will allocate: what destination
    /// chunks must grow to hold data of the source that is not all zero.
    /// </summary>
    public readonly long BytesToAllocateForCopy(in SparseContent source, long sourceOffset, long offset, long count)
    {
        // Pieces never straddle chunks on either side; a destination chunk grows once, to the
        // furthest non-zero piece written into it, so sum per chunk the largest need.
        long bytes = 0;
        long index = -1;
        int needed = 0;
        while (count > 0)
        {
            int n = PieceLength(sourceOffset, offset, count);
            long target = offset / ChunkSize;
            if (target != index)
            {
                bytes += GrowthTo(index, needed);
                index = target;
                needed = 0;
            }
            ReadOnlySpan<byte> held = source.HeldSlice(sourceOffset, n);
            if (!IsAllZero(held)) needed = (int)(offset % ChunkSize) + held.Length;
            sourceOffset += n;
            offset += n;
            count -= n;
        }
        return bytes + GrowthTo(index, needed);
    }

    private readonly long GrowthTo(long index, int needed)
    {
        if (index < 0 || needed == 0) return 0;
        int held = Chunks.TryGetValue(index, out byte[]? chunk) ? chunk.Length : 0;
        return held >= needed ? 0 : ArrayLengthFor(needed) - held;
    }

    /// <summary>The part of [offset, offset + n) (inside one chunk) that the chunk's array holds; empty for a hole.</summary>
    private readonly ReadOnlySpan<byte> HeldSlice(long offset, int n)
    {
        if (!Chunks.TryGetValue(offset / ChunkSize, out byte[]? chunk)) return default;
        int within = (int)(offset % ChunkSize);
        return chunk.AsSpan(within, Math.Clamp(chunk.Length - within, 0, n));
    }

    /// <summary>
    /// Copies <paramref name="count"/> bytes of <paramref name="source"/> (which may be this
    /// content, with a range that does not overlap) to <paramref name="offset"/>: holes of the
    /// source become zeros without allocating, and <see cref="Length"/> grows when the range ends
    /// past it. The caller checked that the source range lies inside the source and reserved
    /// <see cref="BytesToAllocateForCopy"/>.
    /// </summary>
    public void CopyFrom(in SparseContent source, long sourceOffset, long offset, long count)
    {
        long end = offset + count;
        while (count > 0)
        {
            int n = PieceLength(sourceOffset, offset, count);
            ReadOnlySpan<byte> held = source.HeldSlice(sourceOffset, n);
            if (!IsAllZero(held))
            {
                int within = (int)(offset % ChunkSize);
                EnsureHeld(offset / ChunkSize, within + held.Length);
            }
            // Whatever the destination chunk holds of the range takes the source's bytes, zeros past them.
            if (Chunks.TryGetValue(offset / ChunkSize, out byte[]? target))
            {
                int within = (int)(offset % ChunkSize);
                int room = Math.Clamp(target.Length - within, 0, n);
                Span<byte> into = target.AsSpan(within, room);
                int copied = Math.Min(held.Length, room);
                held[..copied].CopyTo(into);
                into[copied..].Clear();
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

    /// <summary>Calls <paramref name="visit"/> for every allocated chunk with index in [first, last] (<paramref name="total"/> indices).</summary>
    private readonly void ForEachAllocated(long first, long last, long total, Action<long, byte[]> visit)
    {
        var chunks = Chunks;
        // Visit whichever is smaller: the index range or the allocated chunks.
        if (total <= chunks.Count)
        {
            for (long i = first; i <= last; i++)
                if (chunks.TryGetValue(i, out byte[]? chunk)) visit(i, chunk);
        }
        else
        {
            foreach (var (i, chunk) in chunks)
                if (i >= first && i <= last) visit(i, chunk);
        }
    }

    private static bool IsAllZero(ReadOnlySpan<byte> data) => data.IndexOfAnyExcept((byte)0) < 0;
}
