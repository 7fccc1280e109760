using Fsal.Memory.Storage;
using Nfs.Core.Fsal;
using NUnit.Framework;

namespace Fsal.Memory.Tests;

/// <summary>
/// SparseContent's seek, allocate, deallocate and range copy at chunk granularity, and how the
/// memory backend's ALLOCATE, DEALLOCATE and CLONE count against MaxTotalBytes.
/// </summary>
public sealed class SparseStorageTests
{
    private const int Chunk = SparseContent.ChunkSize;
    private const int Min = SparseContent.MinChunkArray;
    private static readonly FsalContext Root = FsalContext.Root;

    private static byte[] Fill(int length, byte value) => Enumerable.Repeat(value, length).ToArray();

    private static byte[] ReadAll(SparseContent content)
    {
        byte[] buffer = new byte[content.Length];
        content.Read(0, buffer);
        return buffer;
    }

    [Test]
    public void Next_data_and_next_hole_walk_chunks()
    {
        var content = new SparseContent();
        content.Write(Chunk, Fill(10, 1));          // chunk 1
        content.Write(3L * Chunk, Fill(10, 2));     // chunk 3
        content.SetLength(5L * Chunk);
        Assert.That(content.NextData(0), Is.EqualTo((long)Chunk));
        Assert.That(content.NextData(Chunk + 5), Is.EqualTo(Chunk + 5L));
        Assert.That(content.NextData(2L * Chunk), Is.EqualTo(3L * Chunk));
        Assert.That(content.NextData(4L * Chunk), Is.EqualTo(-1), "trailing hole");
        Assert.That(content.NextHole(0), Is.Zero);
        Assert.That(content.NextHole(Chunk + 5), Is.EqualTo(2L * Chunk));
        Assert.That(content.NextHole(3L * Chunk), Is.EqualTo(4L * Chunk));
        Assert.That(content.NextHole(5L * Chunk), Is.EqualTo(-1), "at the end");
    }

    [Test]
    public void The_end_of_file_is_a_hole_even_inside_the_last_chunk()
    {
        var content = new SparseContent();
        content.Write(0, Fill(100, 1));
        Assert.That(content.NextHole(0), Is.EqualTo(100L));
        Assert.That(content.NextData(99), Is.EqualTo(99L));
        Assert.That(content.NextData(100), Is.EqualTo(-1));
    }

    [Test]
    public void Allocate_adds_zero_chunks_and_extends()
    {
        var content = new SparseContent();
        content.Write(0, Fill(10, 1));
        Assert.That(content.BytesToAllocate(0, 3L * Chunk), Is.EqualTo(3L * Chunk - Min), "chunk 0 holds its first 512 bytes already");
        content.Allocate(0, 3L * Chunk);
        Assert.That(content.AllocatedBytes, Is.EqualTo(3L * Chunk));
        Assert.That(content.Length, Is.EqualTo(3L * Chunk));
        Assert.That(content.NextHole(0), Is.EqualTo(3L * Chunk), "allocated chunks are data");
        byte[] all = ReadAll(content);
        Assert.That(all.AsSpan(0, 10).ToArray(), Is.EqualTo(Fill(10, 1)));
        Assert.That(all.AsSpan(10).IndexOfAnyExcept((byte)0), Is.EqualTo(-1));
    }

    [Test]
    public void Allocate_of_an_enormous_range_reports_a_saturated_cost()
    {
        var content = new SparseContent();
        Assert.That(content.BytesToAllocate(0, long.MaxValue), Is.EqualTo(long.MaxValue));
    }

    [Test]
    public void Deallocate_frees_covered_chunks_and_zeroes_partial_ones()
    {
        var content = new SparseContent();
        content.Write(0, Fill(4 * Chunk, 7));
        long freed = content.Deallocate(Chunk / 2, 2L * Chunk);
        Assert.That(freed, Is.EqualTo((long)Chunk), "only chunk 1 is covered wholly");
        Assert.That(content.AllocatedBytes, Is.EqualTo(3L * Chunk));
        Assert.That(content.Length, Is.EqualTo(4L * Chunk));
        byte[] all = ReadAll(content);
        Assert.That(all.AsSpan(0, Chunk / 2).IndexOfAnyExcept((byte)7), Is.EqualTo(-1));
        Assert.That(all.AsSpan(Chunk / 2, 2 * Chunk).IndexOfAnyExcept((byte)0), Is.EqualTo(-1));
        Assert.That(all.AsSpan(Chunk / 2 + 2 * Chunk).IndexOfAnyExcept((byte)7), Is.EqualTo(-1));
        Assert.That(content.NextHole(0), Is.EqualTo((long)Chunk));
    }

    [Test]
    public void Deallocate_frees_a_partial_chunk_left_all_zero_and_the_last_chunk_up_to_the_end()
    {
        var content = new SparseContent();
        content.Write(0, Fill(100, 7));
        content.Write(Chunk, Fill(100, 8));
        Assert.That(content.Deallocate(0, 100), Is.EqualTo((long)Min), "chunk 0 held only those bytes");
        Assert.That(content.Deallocate(Chunk, 100), Is.EqualTo((long)Min), "the last chunk ends at the end of file");
        Assert.That(content.AllocatedBytes, Is.Zero);
        Assert.That(content.Length, Is.EqualTo(Chunk + 100L));
    }

    [Test]
    public void Copy_keeps_holes_and_counts_what_it_allocates()
    {
        var source = new SparseContent();
        source.Write(2L * Chunk, Fill(Chunk, 3));
        var target = new SparseContent();
        target.Write(0, Fill(10, 9));
        Assert.That(target.BytesToAllocateForCopy(source, 0, 0, 3L * Chunk), Is.EqualTo((long)Chunk));
        target.CopyFrom(source, 0, 0, 3L * Chunk);
        Assert.That(target.Length, Is.EqualTo(3L * Chunk));
        Assert.That(target.AllocatedBytes, Is.EqualTo(Chunk + (long)Min), "chunk 0 was there; the source's holes stay holes");
        Assert.That(ReadAll(target), Is.EqualTo(ReadAll(source)));
    }

    [Test]
    public void Copy_with_different_alignments_counts_each_target_chunk_once()
    {
        var source = new SparseContent();
        source.Write(0, Fill(2 * Chunk, 5));
        var target = new SparseContent();
        // Three pieces: two land in target chunk 0 (counted once), the last 10 bytes in chunk 1,
        // which needs only its first 512 bytes.
        Assert.That(target.BytesToAllocateForCopy(source, 100, 10, Chunk), Is.EqualTo(Chunk + (long)Min));
        target.CopyFrom(source, 100, 10, Chunk);
        Assert.That(target.AllocatedBytes, Is.EqualTo(Chunk + (long)Min));
        byte[] all = ReadAll(target);
        Assert.That(all.AsSpan(0, 10).IndexOfAnyExcept((byte)0), Is.EqualTo(-1));
        Assert.That(all.AsSpan(10).IndexOfAnyExcept((byte)5), Is.EqualTo(-1));
    }

    private static async Task<FsalObject> FileAsync(MemoryFileSystem fs, string name)
    {
        var request = new FsalCreateRequest { Type = FsalFileType.Regular, Attributes = new FsalSetAttributes { Set = FsalAttrMask.Mode, Mode = 0x1A4 } };
        return (await fs.CreateAsync(Root, fs.Root, name, request)).Value.Object;
    }

    [Test]
    public async Task Allocate_beyond_the_byte_limit_is_no_space_and_changes_nothing()
    {
        var fs = new MemoryFileSystem(new MemoryFsalOptions { MaxTotalBytes = 4L * Chunk });
        FsalObject file = await FileAsync(fs, "f");
        Assert.That(await fs.AllocateAsync(Root, file, null, 0, 5L * Chunk), Is.EqualTo(FsalStatus.NoSpace));
        Assert.That(fs.UsedBytes, Is.Zero);
        Assert.That((await fs.GetAttributesAsync(Root, file, FsalAttrMask.Size)).Value.Size, Is.Zero);
        Assert.That(await fs.AllocateAsync(Root, file, null, 0, 4L * Chunk), Is.EqualTo(FsalStatus.Ok));
        Assert.That(fs.UsedBytes, Is.EqualTo(4L * Chunk));
        Assert.That(await fs.AllocateAsync(Root, file, null, 1, long.MaxValue), Is.EqualTo(FsalStatus.FileTooBig));
    }

    [Test]
    public async Task Deallocate_gives_the_space_back()
    {
        var fs = new MemoryFileSystem();
        FsalObject file = await FileAsync(fs, "f");
        await fs.WriteAsync(Root, file, null, 0, Fill(3 * Chunk, 1), FsalStability.FileSync);
        Assert.That(fs.UsedBytes, Is.EqualTo(3L * Chunk));
        Assert.That(await fs.DeallocateAsync(Root, file, null, 0, 2L * Chunk), Is.EqualTo(FsalStatus.Ok));
        Assert.That(fs.UsedBytes, Is.EqualTo((long)Chunk));
        Assert.That(await fs.DeallocateAsync(Root, file, null, 0, 0), Is.EqualTo(FsalStatus.Invalid), "an empty range");
    }

    [Test]
    public async Task Clone_beyond_the_byte_limit_is_no_space()
    {
        var fs = new MemoryFileSystem(new MemoryFsalOptions { MaxTotalBytes = 3L * Chunk });
        FsalObject source = await FileAsync(fs, "s");
        FsalObject target = await FileAsync(fs, "t");
        await fs.WriteAsync(Root, source, null, 0, Fill(2 * Chunk, 1), FsalStability.FileSync);
        Assert.That(await fs.CloneAsync(Root, source, null, 0, target, null, 0, 0), Is.EqualTo(FsalStatus.NoSpace));
        Assert.That(fs.UsedBytes, Is.EqualTo(2L * Chunk));
        Assert.That(await fs.CloneAsync(Root, source, null, 0, target, null, 0, Chunk), Is.EqualTo(FsalStatus.Ok));
        Assert.That(fs.UsedBytes, Is.EqualTo(3L * Chunk));
        Assert.That(fs.CloneBlockSize, Is.EqualTo((uint)Chunk));
    }
}
