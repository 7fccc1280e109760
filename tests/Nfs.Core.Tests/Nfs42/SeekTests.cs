using Nfs.Core.Fsal;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Nfs42;

/// <summary>SEEK (RFC 7862 section 15.11) on the memory backend, whose holes are missing 64 KiB chunks.</summary>
public sealed class SeekTests : Nfs42Test
{
    /// <summary>Data in chunk 0, a hole in chunks 1 and 2, data in chunk 3: 256 KiB.</summary>
    private async Task<(byte[] Handle, StateId4 StateId)> SparseFileAsync()
    {
        var file = await CreateAsync("sparse", Pattern(Chunk));
        await WriteAsync(file.Handle, file.StateId, 3 * Chunk, Pattern(Chunk, 2));
        return file;
    }

    private async Task<SeekResult> SeekAsync(byte[] handle, StateId4 stateId, ulong offset, DataContent4 what)
    {
        var r = await ExpectAsync(NfsStat4.Ok, c => c.PutFh(handle).Seek(new SeekArgs(stateId, offset, what)));
        return SeekResult.Decode(r.Last(NfsOp4.Seek).Reader);
    }

    [Test]
    public async Task Data_and_holes_of_a_sparse_file_are_found()
    {
        var (fh, sid) = await SparseFileAsync();
        Assert.That(await SeekAsync(fh, sid, 0, DataContent4.Data), Is.EqualTo(new SeekResult(false, 0)));
        Assert.That(await SeekAsync(fh, sid, 10, DataContent4.Hole), Is.EqualTo(new SeekResult(false, Chunk)));
        Assert.That(await SeekAsync(fh, sid, Chunk + 1, DataContent4.Data), Is.EqualTo(new SeekResult(false, 3 * Chunk)));
        Assert.That(await SeekAsync(fh, sid, 2 * Chunk, DataContent4.Hole), Is.EqualTo(new SeekResult(false, 2 * Chunk)), "already in a hole");
    }

    [Test]
    public async Task The_hole_at_the_end_of_file_has_sr_eof()
    {
        var (fh, sid) = await SparseFileAsync();
        Assert.That(await SeekAsync(fh, sid, 3 * Chunk, DataContent4.Hole), Is.EqualTo(new SeekResult(true, 4 * Chunk)));
    }

    [Test]
    public async Task Data_not_found_before_the_end_is_sr_eof_at_the_end()
    {
        var file = await CreateAsync("trailing", Pattern(100));
        await WriteAsync(file.Handle, file.StateId, 2 * Chunk, new byte[Chunk]); // zeros leave a hole but extend the file
        Assert.That(await SeekAsync(file.Handle, file.StateId, Chunk, DataContent4.Data), Is.EqualTo(new SeekResult(true, 3 * Chunk)));
    }

    [TestCase(DataContent4.Data)]
    [TestCase(DataContent4.Hole)]
    public async Task Offsets_at_or_past_the_end_are_NXIO(DataContent4 what)
    {
        var (fh, sid) = await SparseFileAsync();
        await ExpectAsync(NfsStat4.Nxio, c => c.PutFh(fh).Seek(new SeekArgs(sid, 4 * Chunk, what)));
        await ExpectAsync(NfsStat4.Nxio, c => c.PutFh(fh).Seek(new SeekArgs(sid, ulong.MaxValue, what)));
        var empty = await CreateAsync("empty");
        await ExpectAsync(NfsStat4.Nxio, c => c.PutFh(empty.Handle).Seek(new SeekArgs(empty.StateId, 0, what)));
    }

    [Test]
    public async Task Special_stateids_are_accepted()
    {
        var (fh, _) = await SparseFileAsync();
        Assert.That(await SeekAsync(fh, StateId4.Anonymous, 0, DataContent4.Hole), Is.EqualTo(new SeekResult(false, Chunk)));
        Assert.That(await SeekAsync(fh, StateId4.Bypass, 0, DataContent4.Hole), Is.EqualTo(new SeekResult(false, Chunk)));
    }

    [Test]
    public async Task Errors()
    {
        var (fh, sid) = await SparseFileAsync();
        await ExpectAsync(NfsStat4.Nofilehandle, c => c.Seek(new SeekArgs(sid, 0, DataContent4.Data)));
        await ExpectAsync(NfsStat4.Isdir, c => c.PutRootFh().Seek(new SeekArgs(StateId4.Anonymous, 0, DataContent4.Data)));
        await ExpectAsync(NfsStat4.BadStateid, c => c.PutFh(fh).Seek(new SeekArgs(UnknownStateId, 0, DataContent4.Data)));
        await ExpectAsync(NfsStat4.UnionNotsupp, c => c.PutFh(fh).Seek(new SeekArgs(sid, 0, (DataContent4)7)));
        var other = await CreateAsync("other");
        await ExpectAsync(NfsStat4.BadStateid, c => c.PutFh(fh).Seek(new SeekArgs(other.StateId, 0, DataContent4.Data)));
    }
}

/// <summary>SEEK on a backend without <see cref="ISparseFiles"/>: every byte before the end of file is data.</summary>
public sealed class SeekWithoutSparseFilesTests : Nfs42Test
{
    protected override IFileSystem CreateFileSystem() => new PlainFileSystem();

    [Test]
    public async Task Everything_before_the_end_is_data()
    {
        var file = await CreateAsync("f", Pattern(100));
        await WriteAsync(file.Handle, file.StateId, 10 * Chunk, Pattern(10));
        ulong size = 10 * Chunk + 10;
        var r = await ExpectAsync(NfsStat4.Ok, c => c.PutFh(file.Handle).Seek(new SeekArgs(file.StateId, 5 * Chunk, DataContent4.Data)));
        Assert.That(SeekResult.Decode(r.Last(NfsOp4.Seek).Reader), Is.EqualTo(new SeekResult(false, 5 * Chunk)));
        r = await ExpectAsync(NfsStat4.Ok, c => c.PutFh(file.Handle).Seek(new SeekArgs(file.StateId, 0, DataContent4.Hole)));
        Assert.That(SeekResult.Decode(r.Last(NfsOp4.Seek).Reader), Is.EqualTo(new SeekResult(true, size)));
        await ExpectAsync(NfsStat4.Nxio, c => c.PutFh(file.Handle).Seek(new SeekArgs(file.StateId, size, DataContent4.Data)));
        await ExpectAsync(NfsStat4.Nxio, c => c.PutFh(file.Handle).Seek(new SeekArgs(file.StateId, size, DataContent4.Hole)));
    }
}
