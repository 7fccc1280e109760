using Fsal.Memory;
using Nfs.Core.Fsal;
using Nfs.Core.Hosting;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Nfs42;

/// <summary>ALLOCATE and DEALLOCATE (RFC 7862 sections 15.1 and 15.4) through the memory backend's ISparseFiles.</summary>
public sealed class AllocateDeallocateTests : Nfs42Test
{
    [Test]
    public async Task DEALLOCATE_reads_back_zeros_and_SEEK_finds_the_hole()
    {
        var data = Pattern(4 * Chunk);
        var (fh, sid) = await CreateAsync("f", data);
        await ExpectAsync(NfsStat4.Ok, c => c.PutFh(fh).Deallocate(new RangeArgs(sid, Chunk, 2 * Chunk)));
        Assert.That(await SizeAsync(fh), Is.EqualTo(4UL * Chunk), "the size does not change");
        var expected = (byte[])data.Clone();
        expected.AsSpan(Chunk, 2 * Chunk).Clear();
        Assert.That(await ReadAllAsync(fh, sid), Is.EqualTo(expected));
        var r = await ExpectAsync(NfsStat4.Ok, c => c.PutFh(fh).Seek(new SeekArgs(sid, 0, DataContent4.Hole)));
        Assert.That(SeekResult.Decode(r.Last(NfsOp4.Seek).Reader), Is.EqualTo(new SeekResult(false, Chunk)));
        r = await ExpectAsync(NfsStat4.Ok, c => c.PutFh(fh).Seek(new SeekArgs(sid, Chunk, DataContent4.Data)));
        Assert.That(SeekResult.Decode(r.Last(NfsOp4.Seek).Reader), Is.EqualTo(new SeekResult(false, 3 * Chunk)));
    }

    [Test]
    public async Task DEALLOCATE_of_a_partial_range_zeroes_just_it()
    {
        var data = Pattern(10_000);
        var (fh, sid) = await CreateAsync("f", data);
        await ExpectAsync(NfsStat4.Ok, c => c.PutFh(fh).Deallocate(new RangeArgs(sid, 100, 900)));
        data.AsSpan(100, 900).Clear();
        Assert.That(await ReadAllAsync(fh, sid), Is.EqualTo(data));
    }

    [Test]
    public async Task ALLOCATE_past_the_end_grows_the_file_with_zeros()
    {
        var (fh, sid) = await CreateAsync("f", Pattern(10));
        await ExpectAsync(NfsStat4.Ok, c => c.PutFh(fh).Allocate(new RangeArgs(sid, 0, 3 * Chunk)));
        Assert.That(await SizeAsync(fh), Is.EqualTo(3UL * Chunk));
        var read = await ReadAllAsync(fh, sid);
        Assert.That(read.AsSpan(0, 10).ToArray(), Is.EqualTo(Pattern(10)));
        Assert.That(read.AsSpan(10).IndexOfAnyExcept((byte)0), Is.EqualTo(-1));
        // Allocated storage is data, not a hole.
        var r = await ExpectAsync(NfsStat4.Ok, c => c.PutFh(fh).Seek(new SeekArgs(sid, 0, DataContent4.Hole)));
        Assert.That(SeekResult.Decode(r.Last(NfsOp4.Seek).Reader), Is.EqualTo(new SeekResult(true, 3 * Chunk)));
    }

    [Test]
    public async Task Special_stateids_are_accepted()
    {
        var (fh, _) = await CreateAsync("f");
        await ExpectAsync(NfsStat4.Ok, c => c.PutFh(fh).Allocate(new RangeArgs(StateId4.Anonymous, 0, 1)));
        await ExpectAsync(NfsStat4.Ok, c => c.PutFh(fh).Allocate(new RangeArgs(StateId4.Bypass, 0, 1)));
        await ExpectAsync(NfsStat4.Ok, c => c.PutFh(fh).Deallocate(new RangeArgs(StateId4.Anonymous, 0, 1)));
    }

    [Test]
    public async Task ALLOCATE_over_the_space_limit_is_NOSPC()
    {
        var memory = Server.Memory!;
        var (fh, sid) = await CreateAsync("f");
        ulong tooMuch = (ulong)MemoryFsalOptions.DefaultMaxTotalBytes + Chunk;
        await ExpectAsync(NfsStat4.Nospc, c => c.PutFh(fh).Allocate(new RangeArgs(sid, 0, tooMuch)));
        Assert.That(memory.UsedBytes, Is.Zero);
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Empty_or_overflowing_ranges_are_INVAL(bool allocate)
    {
        var (fh, sid) = await CreateAsync("f", Pattern(10));
        Action<Compound, RangeArgs> op = allocate ? (c, a) => c.Allocate(a) : (c, a) => c.Deallocate(a);
        await ExpectAsync(NfsStat4.Inval, c => op(c.PutFh(fh), new RangeArgs(sid, 0, 0)));
        await ExpectAsync(NfsStat4.Inval, c => op(c.PutFh(fh), new RangeArgs(sid, ulong.MaxValue - 5, 10)));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Type_stateid_and_open_mode_errors(bool allocate)
    {
        Action<Compound, RangeArgs> op = allocate ? (c, a) => c.Allocate(a) : (c, a) => c.Deallocate(a);
        await ExpectAsync(NfsStat4.Nofilehandle, c => op(c, new RangeArgs(default, 0, 1)));
        await ExpectAsync(NfsStat4.Isdir, c => op(c.PutRootFh(), new RangeArgs(default, 0, 1)));
        var readOnly = await OpenAsync("ro", access: OpenShare4.AccessRead);
        await ExpectAsync(NfsStat4.Openmode, c => op(c.PutFh(readOnly.Handle), new RangeArgs(readOnly.StateId, 0, 1)));
        await ExpectAsync(NfsStat4.BadStateid, c => op(c.PutFh(readOnly.Handle), new RangeArgs(UnknownStateId, 0, 1)));
    }
}

/// <summary>ALLOCATE and DEALLOCATE on a read-only export are ROFS.</summary>
public sealed class AllocateDeallocateReadOnlyTests : Nfs42Test
{
    protected override void Configure(NfsServerOptions options)
    {
        CreateInBackend((MemoryFileSystem)options.Exports[0].FileSystem!, "f", Pattern(100));
        options.Exports[0].ReadOnly = true;
    }

    [Test]
    public async Task Both_are_ROFS()
    {
        await ExpectAsync(NfsStat4.Rofs, c => c.PutRootFh().Lookup("f").Allocate(new RangeArgs(default, 0, 1)));
        await ExpectAsync(NfsStat4.Rofs, c => c.PutRootFh().Lookup("f").Deallocate(new RangeArgs(default, 0, 1)));
    }
}

/// <summary>ALLOCATE and DEALLOCATE without <see cref="ISparseFiles"/> are NOTSUPP.</summary>
public sealed class AllocateDeallocateWithoutSparseFilesTests : Nfs42Test
{
    protected override IFileSystem CreateFileSystem() => new PlainFileSystem();

    [Test]
    public async Task Both_are_NOTSUPP()
    {
        var (fh, sid) = await CreateAsync("f", Pattern(100));
        await ExpectAsync(NfsStat4.Notsupp, c => c.PutFh(fh).Allocate(new RangeArgs(sid, 0, 1)));
        await ExpectAsync(NfsStat4.Notsupp, c => c.PutFh(fh).Deallocate(new RangeArgs(sid, 0, 1)));
    }
}
