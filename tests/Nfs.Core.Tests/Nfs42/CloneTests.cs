using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Xdr;
using Nfs.TestClient;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Tests.Nfs42;

/// <summary>CLONE (RFC 7862 section 15.13) through the memory backend's ICloneFiles (64 KiB clone blocks).</summary>
public sealed class CloneTests : Nfs42Test
{
    private static Compound CloneFile(Compound c, byte[] source, byte[] destination, CloneArgs args) =>
        c.PutFh(source).SaveFh().PutFh(destination).Clone(args);

    [Test]
    public async Task Whole_file_clone_with_count_zero_is_byte_identical()
    {
        var data = Pattern(3 * Chunk + 99);
        var src = await CreateAsync("src", data);
        var dst = await CreateAsync("dst");
        await ExpectAsync(NfsStat4.Ok, c => CloneFile(c, src.Handle, dst.Handle, new CloneArgs(src.StateId, dst.StateId, 0, 0, 0)));
        Assert.That(await ReadAllAsync(dst.Handle, dst.StateId), Is.EqualTo(data));
    }

    [Test]
    public async Task Aligned_range_clone_replaces_that_range()
    {
        var source = Pattern(4 * Chunk, 1);
        var destination = Pattern(4 * Chunk, 2);
        var src = await CreateAsync("src", source);
        var dst = await CreateAsync("dst", destination);
        await ExpectAsync(NfsStat4.Ok, c => CloneFile(c, src.Handle, dst.Handle, new CloneArgs(src.StateId, dst.StateId, Chunk, 3 * Chunk, Chunk)));
        source.AsSpan(Chunk, Chunk).CopyTo(destination.AsSpan(3 * Chunk));
        Assert.That(await ReadAllAsync(dst.Handle, dst.StateId), Is.EqualTo(destination));
    }

    [Test]
    public async Task Misaligned_ranges_are_INVAL_except_a_count_reaching_the_end()
    {
        var src = await CreateAsync("src", Pattern(2 * Chunk + 10));
        var dst = await CreateAsync("dst");
        await ExpectAsync(NfsStat4.Inval, c => CloneFile(c, src.Handle, dst.Handle, new CloneArgs(src.StateId, dst.StateId, 1, 0, Chunk)));
        await ExpectAsync(NfsStat4.Inval, c => CloneFile(c, src.Handle, dst.Handle, new CloneArgs(src.StateId, dst.StateId, 0, 1, Chunk)));
        await ExpectAsync(NfsStat4.Inval, c => CloneFile(c, src.Handle, dst.Handle, new CloneArgs(src.StateId, dst.StateId, 0, 0, Chunk + 1)));
        await ExpectAsync(NfsStat4.Ok, c => CloneFile(c, src.Handle, dst.Handle, new CloneArgs(src.StateId, dst.StateId, Chunk, 0, Chunk + 10)));
        Assert.That(await SizeAsync(dst.Handle), Is.EqualTo((ulong)Chunk + 10));
    }

    [Test]
    public async Task Past_the_end_or_overlapping_ranges_are_INVAL()
    {
        var f = await CreateAsync("f", Pattern(4 * Chunk));
        var dst = await CreateAsync("dst");
        await ExpectAsync(NfsStat4.Inval, c => CloneFile(c, f.Handle, dst.Handle, new CloneArgs(f.StateId, dst.StateId, 0, 0, 5 * Chunk)));
        await ExpectAsync(NfsStat4.Inval, c => CloneFile(c, f.Handle, dst.Handle, new CloneArgs(f.StateId, dst.StateId, 5 * Chunk, 0, 0)));
        await ExpectAsync(NfsStat4.Inval, c => CloneFile(c, f.Handle, f.Handle, new CloneArgs(f.StateId, f.StateId, 0, Chunk, 2 * Chunk)));
        await ExpectAsync(NfsStat4.Ok, c => CloneFile(c, f.Handle, f.Handle, new CloneArgs(f.StateId, f.StateId, 0, 2 * Chunk, 2 * Chunk)));
    }

    [Test]
    public async Task Filehandle_and_stateid_errors()
    {
        var src = await CreateAsync("src", Pattern(Chunk));
        var dst = await CreateAsync("dst");
        await ExpectAsync(NfsStat4.Nofilehandle, c => c.PutFh(dst.Handle).Clone(new CloneArgs(src.StateId, dst.StateId, 0, 0, 0)));
        await ExpectAsync(NfsStat4.Isdir, c => c.PutRootFh().SaveFh().PutFh(dst.Handle).Clone(new CloneArgs(default, dst.StateId, 0, 0, 0)));
        await ExpectAsync(NfsStat4.BadStateid, c => CloneFile(c, src.Handle, dst.Handle, new CloneArgs(dst.StateId, dst.StateId, 0, 0, 0)));
        var readOnly = await OpenAsync("ro", access: OpenShare4.AccessRead);
        await ExpectAsync(NfsStat4.Openmode, c => CloneFile(c, src.Handle, readOnly.Handle, new CloneArgs(src.StateId, readOnly.StateId, 0, 0, 0)));
    }

    [Test]
    public async Task Clone_blksize_is_reported_and_supported()
    {
        var f = await CreateAsync("f");
        var r = await ExpectAsync(NfsStat4.Ok, c => c.PutFh(f.Handle).GetAttr(A.CloneBlksize));
        var fattr = r.RawAttributes();
        Assert.That(fattr.Mask[A.CloneBlksize], Is.True);
        Assert.That(new XdrReader(fattr.Values).ReadUInt32(), Is.EqualTo((uint)Chunk));
        r = await ExpectAsync(NfsStat4.Ok, c => c.PutFh(f.Handle).GetAttr(A.SupportedAttrs));
        Assert.That(Bitmap4.Decode(new XdrReader(r.RawAttributes().Values))[A.CloneBlksize], Is.True);
    }
}

/// <summary>CLONE without <see cref="ICloneFiles"/> is NOTSUPP, and clone_blksize is not supported.</summary>
public sealed class CloneWithoutCloneFilesTests : Nfs42Test
{
    protected override IFileSystem CreateFileSystem() => new PlainFileSystem();

    [Test]
    public async Task CLONE_is_NOTSUPP()
    {
        var src = await CreateAsync("src", Pattern(Chunk));
        var dst = await CreateAsync("dst");
        await ExpectAsync(NfsStat4.Notsupp, c => c.PutFh(src.Handle).SaveFh().PutFh(dst.Handle).Clone(new CloneArgs(src.StateId, dst.StateId, 0, 0, 0)));
        var r = await ExpectAsync(NfsStat4.Ok, c => c.PutFh(src.Handle).GetAttr(A.CloneBlksize, A.SupportedAttrs));
        var fattr = r.RawAttributes();
        Assert.That(fattr.Mask[A.CloneBlksize], Is.False);
        Assert.That(Bitmap4.Decode(new XdrReader(fattr.Values))[A.CloneBlksize], Is.False);
    }

    [Test]
    public async Task COPY_without_clone_or_sparse_support_reads_and_writes()
    {
        var data = Pattern(3 * Chunk);
        var src = await CreateAsync("src", data);
        var dst = await CreateAsync("dst");
        var r = await ExpectAsync(NfsStat4.Ok, c => c.CopyFile(src.Handle, dst.Handle, new CopyArgs(src.StateId, dst.StateId, 0, 0, 0, true, true, 0)));
        Assert.That(r.CopyResult().Response.Count, Is.EqualTo((ulong)data.Length));
        Assert.That(await ReadAllAsync(dst.Handle, dst.StateId), Is.EqualTo(data));
    }
}
