using Fsal.Memory.Storage;
using NUnit.Framework;

namespace Fsal.Memory.Tests;

public sealed class SparseContentTests
{
    private const int Chunk = SparseContent.ChunkSize;
    private const int Min = SparseContent.MinChunkArray;

    private static byte[] Fill(int length, byte value) => Enumerable.Repeat(value, length).ToArray();

    [Test]
    public void Write_allocates_only_the_chunks_it_touches()
    {
        var content = new SparseContent();
        // Chunk 0 must hold its whole range (the byte is at its end), chunk 1 only its first byte.
        Assert.That(content.BytesToAllocate(Chunk - 1, Fill(2, 1)), Is.EqualTo(Chunk + (long)Min));
        content.Write(Chunk - 1, Fill(2, 1));
        Assert.That(content.AllocatedBytes, Is.EqualTo(Chunk + (long)Min));
        Assert.That(content.Length, Is.EqualTo(Chunk + 1L));
        Assert.That(content.BytesToAllocate(0, Fill(Chunk * 2, 1)), Is.EqualTo(Chunk - (long)Min), "chunk 1 grows to full size");
    }

    [Test]
    public void Zero_data_in_a_hole_is_not_allocated_but_extends_the_length()
    {
        var content = new SparseContent();
        Assert.That(content.BytesToAllocate(0, new byte[3 * Chunk]), Is.Zero);
        content.Write(0, new byte[3 * Chunk]);
        Assert.That(content.AllocatedBytes, Is.Zero);
        Assert.That(content.Length, Is.EqualTo(3L * Chunk));
    }

    [Test]
    public void Zeros_over_allocated_data_overwrite_it()
    {
        var content = new SparseContent();
        content.Write(0, Fill(100, 7));
        content.Write(10, new byte[10]);
        byte[] read = new byte[100];
        content.Read(0, read);
        Assert.That(read.AsSpan(10, 10).ToArray(), Is.All.EqualTo(0));
        Assert.That(read[9], Is.EqualTo(7));
        Assert.That(read[20], Is.EqualTo(7));
    }

    [Test]
    public void Read_stops_at_the_length_and_fills_holes_with_zeros()
    {
        var content = new SparseContent();
        content.Write(2L * Chunk, Fill(10, 9));
        byte[] buffer = Fill(3 * Chunk, 0xEE);
        int count = content.Read(Chunk, buffer);
        Assert.That(count, Is.EqualTo(Chunk + 10));
        Assert.That(buffer.AsSpan(0, Chunk).ToArray(), Is.All.EqualTo(0));
        Assert.That(buffer.AsSpan(Chunk, 10).ToArray(), Is.All.EqualTo(9));
        Assert.That(buffer[Chunk + 10], Is.EqualTo(0xEE), "bytes past the end are untouched");
        Assert.That(content.Read(content.Length, buffer), Is.Zero);
    }

    [Test]
    public void Shrinking_frees_whole_chunks_and_zeroes_the_partial_tail()
    {
        var content = new SparseContent();
        content.Write(0, Fill(4 * Chunk, 5));
        long freed = content.SetLength(Chunk + 100);
        Assert.That(freed, Is.EqualTo(2L * Chunk));
        Assert.That(content.AllocatedBytes, Is.EqualTo(2L * Chunk));
        content.SetLength(3L * Chunk);
        byte[] buffer = new byte[3 * Chunk];
        content.Read(0, buffer);
        Assert.That(buffer.AsSpan(0, Chunk + 100).ToArray(), Is.All.EqualTo(5));
        Assert.That(buffer.AsSpan(Chunk + 100).ToArray(), Is.All.EqualTo(0));
    }

    [Test]
    public void Shrinking_a_huge_sparse_file_visits_allocated_chunks_only()
    {
        var content = new SparseContent();
        content.Write(1L << 50, Fill(10, 1));
        content.Write(0, Fill(10, 1));
        long freed = content.SetLength(5);
        Assert.That(freed, Is.EqualTo(Min), "the far chunk held only its first bytes");
        Assert.That(content.Length, Is.EqualTo(5));
    }

    [Test]
    public void Shrinking_to_a_chunk_boundary_keeps_the_previous_chunk_intact()
    {
        var content = new SparseContent();
        content.Write(0, Fill(2 * Chunk, 3));
        Assert.That(content.SetLength(Chunk), Is.EqualTo(Chunk));
        byte[] buffer = new byte[Chunk];
        content.Read(0, buffer);
        Assert.That(buffer, Is.All.EqualTo(3));
    }

    [Test]
    public void Clear_frees_everything()
    {
        var content = new SparseContent();
        content.Write(0, Fill(Chunk * 3, 1));
        Assert.That(content.Clear(), Is.EqualTo(3L * Chunk));
        Assert.That(content.Length, Is.Zero);
        Assert.That(content.AllocatedBytes, Is.Zero);
    }

    [Test]
    public void A_small_file_takes_its_size_rounded_up_and_keeps_its_data_as_it_grows()
    {
        var content = new SparseContent();
        content.Write(0, Fill(100, 1));
        Assert.That(content.AllocatedBytes, Is.EqualTo((long)Min));
        Assert.That(content.BytesToAllocate(100, Fill(3000, 2)), Is.EqualTo(4096L - Min));
        content.Write(100, Fill(3000, 2));
        Assert.That(content.AllocatedBytes, Is.EqualTo(4096L), "3,100 bytes round up to 4 KiB");
        content.Write(3100, new byte[5000]);
        Assert.That(content.AllocatedBytes, Is.EqualTo(4096L), "zeros past what the chunk holds need no room");
        Assert.That(content.Length, Is.EqualTo(8100L));
        byte[] all = new byte[8100];
        Assert.That(content.Read(0, all), Is.EqualTo(8100));
        Assert.That(all.AsSpan(0, 100).ToArray(), Is.All.EqualTo(1));
        Assert.That(all.AsSpan(100, 3000).ToArray(), Is.All.EqualTo(2));
        Assert.That(all.AsSpan(3100).ToArray(), Is.All.EqualTo(0));
        content.Write(8000, Fill(100, 3));
        Assert.That(content.AllocatedBytes, Is.EqualTo(8192L));
        Assert.That(content.Read(0, all), Is.EqualTo(8100));
        Assert.That(all.AsSpan(100, 3000).ToArray(), Is.All.EqualTo(2), "growing copies what the chunk held");
        Assert.That(all.AsSpan(3100, 4900).ToArray(), Is.All.EqualTo(0));
        Assert.That(all.AsSpan(8000).ToArray(), Is.All.EqualTo(3));
    }

    [Test]
    public void Shrinking_then_growing_a_short_chunk_reads_zeros_past_the_cut()
    {
        var content = new SparseContent();
        content.Write(0, Fill(1000, 4));
        content.SetLength(10);
        content.SetLength(2000);
        byte[] all = new byte[2000];
        content.Read(0, all);
        Assert.That(all.AsSpan(0, 10).ToArray(), Is.All.EqualTo(4));
        Assert.That(all.AsSpan(10).ToArray(), Is.All.EqualTo(0));
    }
}
