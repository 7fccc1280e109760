using Nfs.Core.Fsal;
using NUnit.Framework;

namespace Fsal.Conformance;

/// <summary>File data: read, write, truncate, holes, end of file, open, commit.</summary>
public abstract class DataConformanceTests : FileSystemConformanceBase
{
    /// <summary>Data written at any offset, aligned or not, across 4 KiB and 64 KiB boundaries, reads back identically.</summary>
    [TestCase(0ul, 1)]
    [TestCase(0ul, 4096)]
    [TestCase(1ul, 4095)]
    [TestCase(4093ul, 10)]
    [TestCase(65530ul, 20)]
    [TestCase(65536ul, 65536)]
    [TestCase(12345ul, 300_000)]
    [TestCase(1_048_575ul, 2)]
    public async Task Write_then_read_round_trips(ulong offset, int length)
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        byte[] data = Pattern(length, (int)offset);
        await WriteAsync(file, offset, data);
        Assert.That((await GetAttributesAsync(file)).Size, Is.EqualTo(offset + (ulong)length));
        Assert.That(await ReadAsync(file, offset, length), Is.EqualTo(data));
        if (offset > 0) Assert.That(await ReadAsync(file, 0, (int)Math.Min(offset, 1 << 20)), Is.EqualTo(new byte[Math.Min(offset, 1 << 20)]));
    }

    /// <summary>A write reports the bytes written and at least the stability asked for.</summary>
    [TestCase(FsalStability.Unstable)]
    [TestCase(FsalStability.DataSync)]
    [TestCase(FsalStability.FileSync)]
    public async Task Write_reports_count_and_stability(FsalStability asked)
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        FsalWrite written = Ok(await Fs.WriteAsync(RootContext, file, null, 0, Pattern(1000), asked));
        Assert.That(written.Count, Is.EqualTo(1000));
        Assert.That(written.Committed, Is.GreaterThanOrEqualTo(asked));
        Ok(await Fs.CommitAsync(RootContext, file, 0, 0));
    }

    /// <summary>Overwriting the middle of a file changes only that range.</summary>
    [Test]
    public async Task Overwrite_changes_only_the_range()
    {
        byte[] original = Pattern(200_000, 1);
        FsalObject file = await CreateFileWithDataAsync(Root, "f", original);
        byte[] patch = Pattern(70_000, 2);
        await WriteAsync(file, 60_000, patch);
        byte[] expected = (byte[])original.Clone();
        patch.CopyTo(expected, 60_000);
        Assert.That(await ReadAsync(file, 0, 200_000), Is.EqualTo(expected));
        Assert.That((await GetAttributesAsync(file)).Size, Is.EqualTo(200_000ul));
    }

    /// <summary>A write past the end leaves a hole that reads as zeros.</summary>
    [Test]
    public async Task Hole_reads_as_zeros()
    {
        FsalObject file = await CreateFileWithDataAsync(Root, "f", Pattern(100));
        await WriteAsync(file, 3_000_000, Pattern(100, 9));
        Assert.That((await GetAttributesAsync(file)).Size, Is.EqualTo(3_000_100ul));
        byte[] middle = await ReadAsync(file, 100, 2_999_900);
        Assert.That(middle, Has.Length.EqualTo(2_999_900));
        Assert.That(middle.All(b => b == 0), Is.True);
        Assert.That(await ReadAsync(file, 3_000_000, 100), Is.EqualTo(Pattern(100, 9)));
    }

    /// <summary>A sparse file far beyond its data reports its logical size.</summary>
    [Test]
    public async Task Sparse_file_far_offset()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        const ulong offset = 1UL << 40; // 1 TiB
        await WriteAsync(file, offset, Pattern(10));
        Assert.That((await GetAttributesAsync(file)).Size, Is.EqualTo(offset + 10));
        Assert.That(await ReadAsync(file, offset, 10), Is.EqualTo(Pattern(10)));
        Assert.That(await ReadAsync(file, offset / 2, 4096), Is.EqualTo(new byte[4096]));
    }

    /// <summary>Reads at and after the end return nothing and report the end; a read crossing it returns the rest.</summary>
    [Test]
    public async Task End_of_file_is_reported()
    {
        FsalObject file = await CreateFileWithDataAsync(Root, "f", Pattern(100));
        async Task<FsalRead> ReadAt(ulong offset, int count) => Ok(await Fs.ReadAsync(RootContext, file, null, offset, new byte[count]));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await ReadAt(0, 50), Is.EqualTo(new FsalRead(50, false)));
            Assert.That(await ReadAt(50, 50), Is.EqualTo(new FsalRead(50, true)));
            Assert.That(await ReadAt(90, 50), Is.EqualTo(new FsalRead(10, true)));
            Assert.That(await ReadAt(100, 50), Is.EqualTo(new FsalRead(0, true)));
            Assert.That(await ReadAt(5000, 50), Is.EqualTo(new FsalRead(0, true)));
            Assert.That(await ReadAt(ulong.MaxValue - 10, 5), Is.EqualTo(new FsalRead(0, true)));
        }
    }

    /// <summary>An empty file reads as nothing, at the end.</summary>
    [Test]
    public async Task Empty_file_reads_nothing()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        Assert.That(Ok(await Fs.ReadAsync(RootContext, file, null, 0, new byte[10])), Is.EqualTo(new FsalRead(0, true)));
    }

    /// <summary>A zero-length read of a non-empty file succeeds with no bytes.</summary>
    [Test]
    public async Task Zero_length_read_returns_nothing()
    {
        FsalObject file = await CreateFileWithDataAsync(Root, "f", Pattern(10));
        FsalRead read = Ok(await Fs.ReadAsync(RootContext, file, null, 0, Memory<byte>.Empty));
        Assert.That(read.Count, Is.Zero);
    }

    /// <summary>A zero-length write succeeds and changes nothing.</summary>
    [Test]
    public async Task Zero_length_write_changes_nothing()
    {
        FsalObject file = await CreateFileWithDataAsync(Root, "f", Pattern(10));
        FsalWrite written = Ok(await Fs.WriteAsync(RootContext, file, null, 1000, ReadOnlyMemory<byte>.Empty, FsalStability.FileSync));
        Assert.That(written.Count, Is.Zero);
        Assert.That((await GetAttributesAsync(file)).Size, Is.EqualTo(10ul));
    }

    /// <summary>Shrinking discards the tail: growing again reveals zeros, not the old data.</summary>
    [Test]
    public async Task Truncate_shrink_discards_data()
    {
        FsalObject file = await CreateFileWithDataAsync(Root, "f", Pattern(200_000));
        await SetAttributesAsync(file, new FsalSetAttributes { Set = FsalAttrMask.Size, Size = 70_000 });
        Assert.That((await GetAttributesAsync(file)).Size, Is.EqualTo(70_000ul));
        Assert.That(await ReadAsync(file, 0, 200_000), Is.EqualTo(Pattern(200_000).AsSpan(0, 70_000).ToArray()));
        await SetAttributesAsync(file, new FsalSetAttributes { Set = FsalAttrMask.Size, Size = 200_000 });
        Assert.That(await ReadAsync(file, 70_000, 130_000), Is.EqualTo(new byte[130_000]));
    }

    /// <summary>Truncating to zero empties the file; writing after it starts from a clean slate.</summary>
    [Test]
    public async Task Truncate_to_zero_then_write()
    {
        FsalObject file = await CreateFileWithDataAsync(Root, "f", Pattern(100_000));
        await SetAttributesAsync(file, new FsalSetAttributes { Set = FsalAttrMask.Size, Size = 0 });
        await WriteAsync(file, 50_000, Pattern(10, 3));
        byte[] all = await ReadAsync(file, 0, 100_000);
        Assert.That(all, Has.Length.EqualTo(50_010));
        Assert.That(all.AsSpan(0, 50_000).ToArray().All(b => b == 0), Is.True);
        Assert.That(all.AsSpan(50_000).ToArray(), Is.EqualTo(Pattern(10, 3)));
    }

    /// <summary>Extending with SETATTR size adds zeros.</summary>
    [Test]
    public async Task Truncate_extend_adds_zeros()
    {
        FsalObject file = await CreateFileWithDataAsync(Root, "f", Pattern(10));
        await SetAttributesAsync(file, new FsalSetAttributes { Set = FsalAttrMask.Size, Size = 100_000 });
        byte[] all = await ReadAsync(file, 0, 100_000);
        Assert.That(all.AsSpan(0, 10).ToArray(), Is.EqualTo(Pattern(10)));
        Assert.That(all.AsSpan(10).ToArray().All(b => b == 0), Is.True);
    }

    /// <summary>A write updates mtime, ctime and the change attribute.</summary>
    [Test]
    public async Task Write_updates_times_and_change()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        await AgeAsync(file);
        FsalAttributes before = await GetAttributesAsync(file);
        await WriteAsync(file, 0, Pattern(10));
        FsalAttributes after = await GetAttributesAsync(file);
        Assert.That(after.Change, Is.GreaterThan(before.Change));
        Assert.That(Nanos(after.ModifyTime), Is.GreaterThan(Nanos(PastTime)));
        Assert.That(Nanos(after.ChangeTime), Is.GreaterThanOrEqualTo(Nanos(before.ChangeTime)));
    }

    /// <summary>Every write changes the change attribute, even several in quick succession.</summary>
    [Test]
    public async Task Each_write_changes_the_change_attribute()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        ulong last = await ChangeAsync(file);
        for (int i = 0; i < 20; i++)
        {
            await WriteAsync(file, (ulong)i, [1]);
            ulong now = await ChangeAsync(file);
            Assert.That(now, Is.GreaterThan(last), $"write {i}");
            last = now;
        }
    }

    /// <summary>Reading changes neither the change attribute nor mtime.</summary>
    [Test]
    public async Task Read_changes_nothing()
    {
        FsalObject file = await CreateFileWithDataAsync(Root, "f", Pattern(10));
        FsalAttributes before = await GetAttributesAsync(file);
        await ReadAsync(file, 0, 10);
        FsalAttributes after = await GetAttributesAsync(file);
        Assert.That(after.Change, Is.EqualTo(before.Change));
        Assert.That(after.ModifyTime, Is.EqualTo(before.ModifyTime));
    }

    /// <summary>Reading or writing a directory is IsDirectory.</summary>
    [Test]
    public async Task Data_access_to_a_directory_is_is_directory()
    {
        FsalObject dir = await MakeDirectoryAsync(Root, "d");
        Assert.That((await Fs.ReadAsync(RootContext, dir, null, 0, new byte[10])).Status, Is.EqualTo(FsalStatus.IsDirectory));
        Assert.That((await Fs.WriteAsync(RootContext, dir, null, 0, new byte[10], FsalStability.FileSync)).Status, Is.EqualTo(FsalStatus.IsDirectory));
    }

    /// <summary>Reading or writing a symlink (not its target) fails.</summary>
    [Test]
    public async Task Data_access_to_a_symlink_fails()
    {
        RequireSymlinks();
        await CreateFileWithDataAsync(Root, "target", Pattern(10));
        FsalObject link = await MakeSymlinkAsync(Root, "l", "target");
        Assert.That((await Fs.ReadAsync(RootContext, link, null, 0, new byte[10])).Status, Is.AnyOf(FsalStatus.Invalid, FsalStatus.WrongType));
        Assert.That((await Fs.WriteAsync(RootContext, link, null, 0, new byte[10], FsalStability.FileSync)).Status, Is.AnyOf(FsalStatus.Invalid, FsalStatus.WrongType));
    }

    /// <summary>Setting the size of a directory is IsDirectory.</summary>
    [Test]
    public async Task Truncate_of_a_directory_is_is_directory()
    {
        FsalObject dir = await MakeDirectoryAsync(Root, "d");
        var result = await Fs.SetAttributesAsync(RootContext, dir, new FsalSetAttributes { Set = FsalAttrMask.Size, Size = 0 });
        Assert.That(result.Status, Is.EqualTo(FsalStatus.IsDirectory));
    }

    /// <summary>A write ending beyond the maximum file size is FileTooBig and changes nothing.</summary>
    [Test]
    public async Task Write_beyond_the_maximum_size_is_file_too_big()
    {
        ulong max = Fs.Capabilities.MaxFileSize;
        if (max >= ulong.MaxValue - 16) Assert.Ignore("No representable offset lies beyond the maximum file size.");
        FsalObject file = await CreateFileAsync(Root, "f");
        var result = await Fs.WriteAsync(RootContext, file, null, max - 2, new byte[10], FsalStability.FileSync);
        Assert.That(result.Status, Is.EqualTo(FsalStatus.FileTooBig));
        Assert.That((await GetAttributesAsync(file)).Size, Is.Zero);
    }

    /// <summary>
    /// POSIX semantics NFS clients rely on: a file removed while open stays readable and
    /// writable through its object until the last close, and then is gone.
    /// </summary>
    [Test]
    public async Task Open_file_outlives_its_last_name_until_closed()
    {
        var data = Pattern(5000);
        FsalObject file = await CreateFileWithDataAsync(Root, "f", data);
        var token = Ok(await Fs.OpenAsync(RootContext, file, FsalOpenFlags.Read | FsalOpenFlags.Write));
        Ok((await Fs.RemoveAsync(RootContext, Root, "f")).Status);
        Assert.That((await Fs.LookupAsync(RootContext, Root, "f", FsalAttrMask.None)).Status, Is.EqualTo(FsalStatus.NoEntry));

        var buffer = new byte[data.Length];
        var read = Ok(await Fs.ReadAsync(RootContext, file, token, 0, buffer));
        Assert.That(buffer.AsSpan(0, read.Count).ToArray(), Is.EqualTo(data));
        Ok(await Fs.WriteAsync(RootContext, file, token, 0, new byte[] { 1, 2, 3 }, FsalStability.FileSync));
        Assert.That((await GetAttributesAsync(file)).NumLinks, Is.Zero);

        await Fs.CloseAsync(file, token);
        Span<byte> key = stackalloc byte[Fs.Capabilities.MaxKeyLength];
        int n = file.WriteKey(key);
        var status = Fs.Resolve(key[..n], out var again);
        if (status == FsalStatus.Ok) status = (await Fs.GetAttributesAsync(RootContext, again!, FsalAttrMask.All)).Status;
        Assert.That(status, Is.EqualTo(FsalStatus.Stale), "after the last close the file is gone");
    }

    /// <summary>Open returns a token that reads and writes accept, and close releases it.</summary>
    [Test]
    public async Task Open_token_works_for_io()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        object? token = Ok(await Fs.OpenAsync(RootContext, file, FsalOpenFlags.Read | FsalOpenFlags.Write));
        Ok(await Fs.WriteAsync(RootContext, file, token, 0, Pattern(10), FsalStability.FileSync));
        byte[] buffer = new byte[10];
        Assert.That(Ok(await Fs.ReadAsync(RootContext, file, token, 0, buffer)).Count, Is.EqualTo(10));
        Assert.That(buffer, Is.EqualTo(Pattern(10)));
        await Fs.CloseAsync(file, token);
        Assert.That(await ReadAsync(file, 0, 10), Is.EqualTo(Pattern(10)));
    }

    /// <summary>Commit of a written file succeeds, for a range and for the whole file.</summary>
    [Test]
    public async Task Commit_succeeds()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        Ok(await Fs.WriteAsync(RootContext, file, null, 0, Pattern(5000), FsalStability.Unstable));
        Ok(await Fs.CommitAsync(RootContext, file, 0, 100));
        Ok(await Fs.CommitAsync(RootContext, file, 0, 0));
        Assert.That(await ReadAsync(file, 0, 5000), Is.EqualTo(Pattern(5000)));
    }

    /// <summary>Data written through one hard link is read through the other.</summary>
    [Test]
    public async Task Hard_links_share_data()
    {
        RequireHardLinks();
        FsalObject file = await CreateFileAsync(Root, "a");
        Ok(await Fs.LinkAsync(RootContext, file, Root, "b"));
        await WriteAsync(await LookupAsync(Root, "b"), 0, Pattern(10));
        Assert.That(await ReadAsync(file, 0, 10), Is.EqualTo(Pattern(10)));
    }
}
