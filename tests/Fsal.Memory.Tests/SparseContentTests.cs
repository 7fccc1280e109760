using Fsal.Memory.Storage;
using NUnit.Framework;

namespace Fsal.Memory.Tests;

public sealed class SparseContentTests
{
    private const int Chunk = SparseContent.ChunkSize;

    private static byte[] Fill(int length, byte value) => Enumerable.Repeat(value, length).ToArray();

    [Test]
    public void Write_allocates_only_the_chunks_it_touches()
    {
        var content = new SparseContent();
        Assert.That(content.BytesToAllocate(Chunk - 1, Fill(2, 1)), Is.EqualTo(2L * Chunk));
        content.Write(Chunk - 1, Fill(2, 1));
        Assert.That(content.AllocatedBytes, Is.EqualTo(2L * Chunk));
        Assert.That(content.Length, Is.EqualTo(Chunk + 1L));
        Assert.That(content.BytesToAllocate(0, Fill(Chunk * 2, 1)), Is.Zero);
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
        Assert.That(freed, Is.EqualTo(Chunk));
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
}
