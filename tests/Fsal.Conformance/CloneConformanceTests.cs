using Nfs.Core.Fsal;
using NUnit.Framework;

namespace Fsal.Conformance;

/// <summary>
/// CLONE (<see cref="ICloneFiles"/>). Ignored for backends that do not implement the interface.
/// Ranges are multiples of <see cref="ICloneFiles.CloneBlockSize"/>.
/// </summary>
public abstract class CloneConformanceTests : FileSystemConformanceBase
{
    /// <summary>The filesystem's clone interface.</summary>
    protected ICloneFiles Cloner =>
        Fs as ICloneFiles ?? throw new InvalidOperationException("The backend does not implement ICloneFiles.");

    /// <summary>The clone block size, at least 1.</summary>
    protected int BlockSize => (int)Math.Max(1u, Cloner.CloneBlockSize);

    /// <summary>Ignores the fixture's tests when the backend cannot clone.</summary>
    [SetUp]
    public void RequireClone()
    {
        if (Fs is not ICloneFiles) Assert.Ignore("The backend does not implement ICloneFiles.");
    }

    private Task<FsalStatus> CloneAsync(FsalObject source, ulong sourceOffset, FsalObject destination, ulong destinationOffset, ulong count, FsalContext? ctx = null) =>
        Cloner.CloneAsync(ctx ?? RootContext, source, null, sourceOffset, destination, null, destinationOffset, count).AsTask();

    /// <summary>A clone block size the tests can work with (one of them, 1 GiB, would be too big to write).</summary>
    private void RequireUsableBlockSize()
    {
        if (BlockSize > 16 * 1024 * 1024) Assert.Ignore("The clone block size is too large for these tests.");
    }

    /// <summary>Count 0 clones the whole file, an unaligned end included: the copy is byte-identical.</summary>
    [Test]
    public async Task Whole_file_clone_is_identical()
    {
        RequireUsableBlockSize();
        byte[] data = Pattern(3 * BlockSize + 123);
        FsalObject source = await CreateFileWithDataAsync(Root, "src", data);
        FsalObject destination = await CreateFileAsync(Root, "dst");
        Ok(await CloneAsync(source, 0, destination, 0, 0));
        Assert.That((await GetAttributesAsync(destination)).Size, Is.EqualTo((ulong)data.Length));
        Assert.That(await ReadAsync(destination, 0, data.Length + 10), Is.EqualTo(data));
        Assert.That(await ReadAsync(source, 0, data.Length), Is.EqualTo(data), "the source is unchanged");
    }

    /// <summary>A block range replaces exactly that range of the destination.</summary>
    [Test]
    public async Task Range_clone_replaces_only_the_range()
    {
        RequireUsableBlockSize();
        int b = BlockSize;
        byte[] source = Pattern(4 * b, 1);
        byte[] destination = Pattern(4 * b, 2);
        FsalObject src = await CreateFileWithDataAsync(Root, "src", source);
        FsalObject dst = await CreateFileWithDataAsync(Root, "dst", destination);
        Ok(await CloneAsync(src, (ulong)b, dst, 2UL * (ulong)b, (ulong)b));
        byte[] expected = (byte[])destination.Clone();
        source.AsSpan(b, b).CopyTo(expected.AsSpan(2 * b));
        Assert.That(await ReadAsync(dst, 0, 4 * b), Is.EqualTo(expected));
    }

    /// <summary>A range ending past the destination's end grows it; holes of the source arrive as zeros.</summary>
    [Test]
    public async Task Clone_past_the_end_grows_the_destination()
    {
        RequireUsableBlockSize();
        int b = BlockSize;
        FsalObject src = await CreateFileAsync(Root, "src");
        await WriteAsync(src, 2UL * (ulong)b, Pattern(b));
        FsalObject dst = await CreateFileWithDataAsync(Root, "dst", Pattern(10, 3));
        Ok(await CloneAsync(src, 0, dst, (ulong)b, 3UL * (ulong)b));
        Assert.That((await GetAttributesAsync(dst)).Size, Is.EqualTo(4UL * (ulong)b));
        byte[] read = await ReadAsync(dst, 0, 4 * b);
        Assert.That(read.AsSpan(0, 10).SequenceEqual(Pattern(10, 3)), "the destination's own data");
        Assert.That(read.AsSpan(10, 3 * b - 10).IndexOfAnyExcept((byte)0), Is.EqualTo(-1), "gap and cloned hole are zeros");
        Assert.That(read.AsSpan(3 * b).SequenceEqual(Pattern(b)), "the cloned data");
    }

    /// <summary>Misaligned offsets or counts are Invalid (only meaningful when the block size is above 1).</summary>
    [Test]
    public async Task Misaligned_ranges_are_invalid()
    {
        RequireUsableBlockSize();
        if (BlockSize == 1) Assert.Ignore("Every range is aligned to a clone block size of 1.");
        int b = BlockSize;
        FsalObject src = await CreateFileWithDataAsync(Root, "src", Pattern(4 * b));
        FsalObject dst = await CreateFileAsync(Root, "dst");
        Assert.That(await CloneAsync(src, 1, dst, 0, (ulong)b), Is.EqualTo(FsalStatus.Invalid), "source offset");
        Assert.That(await CloneAsync(src, 0, dst, 1, (ulong)b), Is.EqualTo(FsalStatus.Invalid), "destination offset");
        Assert.That(await CloneAsync(src, 0, dst, 0, (ulong)b + 1), Is.EqualTo(FsalStatus.Invalid), "count");
    }

    /// <summary>A range past the source's end is Invalid.</summary>
    [Test]
    public async Task Range_past_the_source_end_is_invalid()
    {
        RequireUsableBlockSize();
        int b = BlockSize;
        FsalObject src = await CreateFileWithDataAsync(Root, "src", Pattern(2 * b));
        FsalObject dst = await CreateFileAsync(Root, "dst");
        Assert.That(await CloneAsync(src, 0, dst, 0, 3UL * (ulong)b), Is.EqualTo(FsalStatus.Invalid));
        Assert.That(await CloneAsync(src, 4UL * (ulong)b, dst, 0, (ulong)b), Is.EqualTo(FsalStatus.Invalid));
    }

    /// <summary>Within one file, distinct ranges clone and overlapping ones are Invalid.</summary>
    [Test]
    public async Task Same_file_ranges_must_not_overlap()
    {
        RequireUsableBlockSize();
        int b = BlockSize;
        byte[] data = Pattern(4 * b);
        FsalObject file = await CreateFileWithDataAsync(Root, "f", data);
        Assert.That(await CloneAsync(file, 0, file, (ulong)b, 2UL * (ulong)b), Is.EqualTo(FsalStatus.Invalid));
        Ok(await CloneAsync(file, 0, file, 2UL * (ulong)b, (ulong)b));
        byte[] expected = (byte[])data.Clone();
        data.AsSpan(0, b).CopyTo(expected.AsSpan(2 * b));
        Assert.That(await ReadAsync(file, 0, 4 * b), Is.EqualTo(expected));
    }

    /// <summary>Cloning is a data change of the destination.</summary>
    [Test]
    public async Task Clone_moves_the_destination_change_attribute()
    {
        RequireUsableBlockSize();
        FsalObject src = await CreateFileWithDataAsync(Root, "src", Pattern(BlockSize));
        FsalObject dst = await CreateFileAsync(Root, "dst");
        ulong before = await ChangeAsync(dst);
        Ok(await CloneAsync(src, 0, dst, 0, 0));
        Assert.That(await ChangeAsync(dst), Is.GreaterThan(before));
    }

    /// <summary>Cloning needs read permission on the source and write permission on the destination.</summary>
    [Test]
    public async Task Clone_needs_permissions()
    {
        RequirePermissions();
        RequireUsableBlockSize();
        FsalObject shared = await SharedDirectoryAsync();
        FsalObject mine = await CreateFileAsync(shared, "bob", FileMode, Bob);
        FsalObject secret = await CreateFileAsync(shared, "secret", 0x180, Alice);
        FsalObject readable = await CreateFileAsync(shared, "readable", FileMode, Alice);
        await WriteAsync(secret, 0, Pattern(BlockSize), Alice);
        await WriteAsync(readable, 0, Pattern(BlockSize), Alice);
        Assert.That(await CloneAsync(secret, 0, mine, 0, 0, Bob), Is.EqualTo(FsalStatus.AccessDenied), "unreadable source");
        Assert.That(await CloneAsync(mine, 0, readable, 0, 0, Bob), Is.EqualTo(FsalStatus.AccessDenied), "unwritable destination");
        Ok(await CloneAsync(readable, 0, mine, 0, 0, Bob));
    }
}
