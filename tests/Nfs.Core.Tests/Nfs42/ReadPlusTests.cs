using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;

namespace Nfs.Core.Tests.Nfs42;

/// <summary>READ_PLUS (RFC 7862 section 15.10) of files with holes on the memory backend.</summary>
public sealed class ReadPlusTests : Nfs42Test
{
    private async Task<ReadPlusResult> ReadPlusAsync(byte[] handle, StateId4 stateId, ulong offset, uint count)
    {
        var r = await ExpectAsync(NfsStat4.Ok, c => c.PutFh(handle).ReadPlus(stateId, offset, count));
        return ReadPlusResult.Decode(r.Last(NfsOp4.ReadPlus).Reader);
    }

    /// <summary>Turns segments back into bytes, checking they are contiguous from <paramref name="offset"/>.</summary>
    private static byte[] Flatten(ReadPlusResult result, ulong offset)
    {
        var bytes = new List<byte>();
        foreach (var s in result.Segments)
        {
            Assert.That(s.Offset, Is.EqualTo(offset + (ulong)bytes.Count), "segments are contiguous");
            if (s.Content == DataContent4.Data) bytes.AddRange(s.Data.ToArray());
            else bytes.AddRange(new byte[s.Length]);
        }
        return [.. bytes];
    }

    /// <summary>Data in chunk 0, hole in chunks 1 and 2, 100 bytes of data at the start of chunk 3.</summary>
    private async Task<(byte[] Handle, StateId4 StateId, byte[] Content)> SparseFileAsync()
    {
        var content = new byte[3 * Chunk + 100];
        Pattern(Chunk, 1).CopyTo(content, 0);
        Pattern(100, 2).CopyTo(content, 3 * Chunk);
        var (fh, sid) = await CreateAsync("f", Pattern(Chunk, 1));
        await WriteAsync(fh, sid, 3 * Chunk, Pattern(100, 2));
        return (fh, sid, content);
    }

    [Test]
    public async Task Holes_come_back_as_hole_segments_and_the_bytes_match_READ()
    {
        var (fh, sid, content) = await SparseFileAsync();
        var result = await ReadPlusAsync(fh, sid, 0, 512 * 1024);
        Assert.That(result.Eof, Is.True);
        Assert.That(result.Segments.Select(s => (s.Content, s.Offset, s.Length)), Is.EqualTo(new[]
        {
            (DataContent4.Data, 0UL, (ulong)Chunk),
            (DataContent4.Hole, (ulong)Chunk, 2UL * Chunk),
            (DataContent4.Data, 3UL * Chunk, 100UL),
        }));
        Assert.That(Flatten(result, 0), Is.EqualTo(content));
        Assert.That(await ReadAllAsync(fh, sid), Is.EqualTo(content));
    }

    [Test]
    public async Task A_read_starting_in_a_hole_and_ending_in_data()
    {
        var (fh, sid, content) = await SparseFileAsync();
        ulong offset = 2 * Chunk + 10;
        var result = await ReadPlusAsync(fh, sid, offset, (uint)(Chunk - 10 + 50));
        Assert.That(result.Eof, Is.False);
        Assert.That(result.Segments.Select(s => (s.Content, s.Offset, s.Length)), Is.EqualTo(new[]
        {
            (DataContent4.Hole, offset, (ulong)Chunk - 10),
            (DataContent4.Data, 3UL * Chunk, 50UL),
        }));
        Assert.That(Flatten(result, offset), Is.EqualTo(content.AsSpan((int)offset, Chunk - 10 + 50).ToArray()));
    }

    [Test]
    public async Task A_hole_reaching_the_end_of_file_sets_eof()
    {
        var (fh, sid) = await CreateAsync("f", Pattern(10));
        await WriteAsync(fh, sid, 2 * Chunk, new byte[10]); // zeros: the file grows, the hole stays
        var result = await ReadPlusAsync(fh, sid, 0, 1024 * 512);
        Assert.That(result.Eof, Is.True);
        // Holes are whole chunks: the data segment is the first chunk (zeros after the 10 bytes).
        Assert.That(result.Segments.Select(s => (s.Content, s.Offset, s.Length)), Is.EqualTo(new[]
        {
            (DataContent4.Data, 0UL, (ulong)Chunk),
            (DataContent4.Hole, (ulong)Chunk, (ulong)Chunk + 10),
        }));
        Assert.That(Flatten(result, 0), Is.EqualTo(await ReadAllAsync(fh, sid)));
    }

    [Test]
    public async Task At_or_past_the_end_there_are_no_segments_and_eof()
    {
        var (fh, sid, content) = await SparseFileAsync();
        foreach (ulong offset in new[] { (ulong)content.Length, (ulong)content.Length + 1000, ulong.MaxValue })
        {
            var result = await ReadPlusAsync(fh, sid, offset, 4096);
            Assert.That(result.Eof, Is.True);
            Assert.That(result.Segments, Is.Empty);
        }
    }

    [Test]
    public async Task Count_zero_returns_no_segments()
    {
        var (fh, sid, _) = await SparseFileAsync();
        var result = await ReadPlusAsync(fh, sid, 0, 0);
        Assert.That(result.Segments, Is.Empty);
        Assert.That(result.Eof, Is.False);
    }

    [Test]
    public async Task A_large_read_of_dense_data_fits_the_count_plus_one_segment_header()
    {
        var data = Pattern(300 * 1024);
        var (fh, sid) = await CreateAsync("dense", data);
        var result = await ReadPlusAsync(fh, sid, 0, 256 * 1024);
        Assert.That(result.Segments, Has.Count.EqualTo(1));
        Assert.That(result.Segments[0].Data.ToArray(), Is.EqualTo(data.AsSpan(0, 256 * 1024).ToArray()));
        Assert.That(result.Eof, Is.False);
    }

    [Test]
    public async Task Many_small_segments_shorten_the_reply_instead_of_growing_it()
    {
        // Data and holes alternate every chunk: 8 chunks, 4 data segments and 4 holes.
        var (fh, sid) = await CreateAsync("striped");
        for (int i = 0; i < 8; i += 2) await WriteAsync(fh, sid, (ulong)i * Chunk, Pattern(Chunk, i));
        await WriteAsync(fh, sid, 8 * Chunk - 1, [0]);
        // A count of two chunks covers [0, 2 chunks): a data segment, then a hole.
        var result = await ReadPlusAsync(fh, sid, 0, 2 * Chunk);
        Assert.That(result.Segments.Select(s => s.Content), Is.EqualTo(new[] { DataContent4.Data, DataContent4.Hole }));
        // A small count inside data: the data is what fits, no more.
        result = await ReadPlusAsync(fh, sid, 0, 100);
        Assert.That(result.Segments, Has.Count.EqualTo(1));
        Assert.That(result.Segments[0].Length, Is.EqualTo(100UL));
        var all = new List<byte>();
        ulong at = 0;
        while (true)
        {
            var part = await ReadPlusAsync(fh, sid, at, 3 * Chunk);
            var bytes = Flatten(part, at);
            all.AddRange(bytes);
            at += (ulong)bytes.Length;
            if (part.Eof) break;
            Assert.That(bytes, Is.Not.Empty, "progress");
        }
        Assert.That(all.ToArray(), Is.EqualTo(await ReadAllAsync(fh, sid)));
    }

    [Test]
    public async Task Errors()
    {
        var (fh, _, _) = await SparseFileAsync();
        await ExpectAsync(NfsStat4.Nofilehandle, c => c.ReadPlus(default, 0, 10));
        await ExpectAsync(NfsStat4.Isdir, c => c.PutRootFh().ReadPlus(default, 0, 10));
        await ExpectAsync(NfsStat4.BadStateid, c => c.PutFh(fh).ReadPlus(UnknownStateId, 0, 10));
    }
}

/// <summary>READ_PLUS without <see cref="ISparseFiles"/>: one data segment, as READ would return.</summary>
public sealed class ReadPlusWithoutSparseFilesTests : Nfs42Test
{
    protected override IFileSystem CreateFileSystem() => new PlainFileSystem();

    [Test]
    public async Task One_data_segment_with_the_bytes_of_READ()
    {
        var (fh, sid) = await CreateAsync("f", Pattern(100));
        await WriteAsync(fh, sid, 2 * Chunk, Pattern(100, 3));
        var r = await ExpectAsync(NfsStat4.Ok, c => c.PutFh(fh).ReadPlus(sid, 0, 512 * 1024));
        var result = ReadPlusResult.Decode(r.Last(NfsOp4.ReadPlus).Reader);
        Assert.That(result.Eof, Is.True);
        Assert.That(result.Segments, Has.Count.EqualTo(1));
        Assert.That(result.Segments[0].Content, Is.EqualTo(DataContent4.Data));
        Assert.That(result.Segments[0].Offset, Is.Zero);
        Assert.That(result.Segments[0].Data.ToArray(), Is.EqualTo(await ReadAllAsync(fh, sid)));

        r = await ExpectAsync(NfsStat4.Ok, c => c.PutFh(fh).ReadPlus(sid, 2 * Chunk + 100, 10));
        result = ReadPlusResult.Decode(r.Last(NfsOp4.ReadPlus).Reader);
        Assert.That(result.Eof, Is.True);
        Assert.That(result.Segments, Is.Empty);
    }
}
