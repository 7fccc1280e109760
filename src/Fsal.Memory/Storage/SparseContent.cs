namespace Fsal.Memory.Storage;

/// <summary>
/// The data of a regular file, stored sparsely in fixed-size chunks: a hole (never written, or
/// written only with zeros) costs nothing and reads as zeros. Invariant: every byte at or past
/// <see cref="Length"/> inside an allocated chunk is zero, so extending a file never reveals old
/// data. Not thread-safe; the owning node's lock guards it.
/// </summary>
internal sealed class SparseContent
{
    /// <summary>
    /// Chunk size. 64 KiB keeps each chunk below the 85,000-byte large object heap threshold, so
    /// chunks are ordinary compacting-GC objects, while a 1 MiB read touches only 16 of them.
    /// </summary>
    public const int ChunkSize = 64 * 1024;

    private readonly Dictionary<long, byte[]> _chunks = [];

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
                chunk = new byte[ChunkSize];
                data[..n].CopyTo(chunk.AsSpan(within));
                _chunks.Add(index, chunk);
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

    private static bool IsAllZero(ReadOnlySpan<byte> data) => data.IndexOfAnyExcept((byte)0) < 0;
}
