using Nfs.Core.Fsal;
using NUnit.Framework;

namespace Fsal.Conformance;

/// <summary>
/// Holes and preallocation (<see cref="ISparseFiles"/>). Ignored for backends that do not
/// implement the interface. Backends find holes at their own granularity, so the tests use
/// ranges of whole <see cref="Block"/>s and accept any answer a correct implementation of that
/// granularity could give.
/// </summary>
public abstract class SparseFileConformanceTests : FileSystemConformanceBase
{
    /// <summary>The unit of the ranges the tests punch and seek: 1 MiB, aligned for any common block or chunk size.</summary>
    protected const int Block = 1024 * 1024;

    /// <summary>The filesystem's sparse file interface.</summary>
    protected ISparseFiles Sparse =>
        Fs as ISparseFiles ?? throw new InvalidOperationException("The backend does not implement ISparseFiles.");

    /// <summary>Ignores the fixture's tests when the backend has no sparse file support.</summary>
    [SetUp]
    public void RequireSparseFiles()
    {
        if (Fs is not ISparseFiles) Assert.Ignore("The backend does not implement ISparseFiles.");
    }

    private async Task<FsalResult<ulong>> SeekAsync(FsalObject file, ulong offset, bool findHole) =>
        await Sparse.SeekAsync(RootContext, file, null, offset, findHole);

    /// <summary>A file of three blocks: data, hole (never written), data.</summary>
    private async Task<FsalObject> DataHoleDataAsync()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        await WriteAsync(file, 0, Pattern(Block, 1));
        await WriteAsync(file, 2 * Block, Pattern(Block, 2));
        return file;
    }

    /// <summary>Data is found where it was written; a hole where nothing was.</summary>
    [Test]
    public async Task Seek_finds_data_and_holes()
    {
        FsalObject file = await DataHoleDataAsync();
        Assert.That(Ok(await SeekAsync(file, 0, findHole: false)), Is.Zero, "data at 0");
        Assert.That(Ok(await SeekAsync(file, 100, findHole: false)), Is.EqualTo(100UL), "data inside data");
        ulong hole = Ok(await SeekAsync(file, 0, findHole: true));
        Assert.That(hole, Is.InRange((ulong)Block, 2UL * Block), "the hole after the first block");
        ulong data = Ok(await SeekAsync(file, (ulong)Block + 10, findHole: false));
        Assert.That(data, Is.InRange((ulong)Block + 10, 2UL * Block), "the data after the hole");
    }

    /// <summary>Every file ends in a virtual hole: seeking a hole in the last data finds the end of file.</summary>
    [Test]
    public async Task End_of_file_is_a_hole()
    {
        FsalObject file = await DataHoleDataAsync();
        Assert.That(Ok(await SeekAsync(file, 2UL * Block + 5, findHole: true)), Is.EqualTo(3UL * Block));
    }

    /// <summary>An offset at or past the end is NoDevice (ENXIO) for either kind; so is data in a trailing hole.</summary>
    [Test]
    public async Task Seek_at_or_past_the_end_is_no_device()
    {
        FsalObject file = await DataHoleDataAsync();
        foreach (bool hole in new[] { false, true })
        {
            Assert.That((await SeekAsync(file, 3UL * Block, hole)).Status, Is.EqualTo(FsalStatus.NoDevice), $"at the end, hole={hole}");
            Assert.That((await SeekAsync(file, 10UL * Block, hole)).Status, Is.EqualTo(FsalStatus.NoDevice), $"past the end, hole={hole}");
        }
        FsalObject empty = await CreateFileAsync(Root, "empty");
        Assert.That((await SeekAsync(empty, 0, findHole: false)).Status, Is.EqualTo(FsalStatus.NoDevice));

        FsalObject trailing = await CreateFileAsync(Root, "trailing");
        await WriteAsync(trailing, 0, Pattern(Block));
        await SetAttributesAsync(trailing, new FsalSetAttributes { Set = FsalAttrMask.Size, Size = 3UL * Block });
        Assert.That((await SeekAsync(trailing, 2UL * Block, findHole: false)).Status, Is.EqualTo(FsalStatus.NoDevice), "data in a trailing hole");
    }

    /// <summary>A deallocated range reads as zeros, the data around it stays, the size does not change, and a hole appears there.</summary>
    [Test]
    public async Task Deallocate_punches_a_hole()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        byte[] data = Pattern(3 * Block);
        await WriteAsync(file, 0, data);
        Ok(await Sparse.DeallocateAsync(RootContext, file, null, Block, Block));
        Assert.That((await GetAttributesAsync(file)).Size, Is.EqualTo(3UL * Block));
        byte[] read = await ReadAsync(file, 0, 3 * Block);
        Assert.That(read.AsSpan(0, Block).SequenceEqual(data.AsSpan(0, Block)), "before the hole");
        Assert.That(read.AsSpan(Block, Block).IndexOfAnyExcept((byte)0), Is.EqualTo(-1), "the hole reads as zeros");
        Assert.That(read.AsSpan(2 * Block).SequenceEqual(data.AsSpan(2 * Block)), "after the hole");
        Assert.That(Ok(await SeekAsync(file, 0, findHole: true)), Is.InRange((ulong)Block, 2UL * Block - 1), "SEEK finds the hole");
    }

    /// <summary>A range that is not block aligned reads as zeros exactly, the bytes next to it untouched.</summary>
    [Test]
    public async Task Deallocate_of_an_unaligned_range_zeroes_exactly_it()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        byte[] data = Pattern(100_000);
        await WriteAsync(file, 0, data);
        Ok(await Sparse.DeallocateAsync(RootContext, file, null, 1000, 5000));
        byte[] expected = (byte[])data.Clone();
        expected.AsSpan(1000, 5000).Clear();
        Assert.That(await ReadAsync(file, 0, 100_000), Is.EqualTo(expected));
    }

    /// <summary>Deallocating past the end changes nothing, not even the size.</summary>
    [Test]
    public async Task Deallocate_past_the_end_keeps_the_size()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        await WriteAsync(file, 0, Pattern(1000));
        Ok(await Sparse.DeallocateAsync(RootContext, file, null, 500, 10UL * Block));
        var attrs = await GetAttributesAsync(file);
        Assert.That(attrs.Size, Is.EqualTo(1000UL));
        Assert.That(await ReadAsync(file, 0, 1000), Is.EqualTo(Pattern(1000).AsSpan(0, 500).ToArray().Concat(new byte[500]).ToArray()));
    }

    /// <summary>Allocating past the end grows the file with zeros and uses storage for them.</summary>
    [Test]
    public async Task Allocate_extends_with_zeros()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        await WriteAsync(file, 0, Pattern(100));
        Ok(await Sparse.AllocateAsync(RootContext, file, null, 0, 2 * Block));
        var attrs = await GetAttributesAsync(file);
        Assert.That(attrs.Size, Is.EqualTo(2UL * Block));
        Assert.That(attrs.SpaceUsed, Is.GreaterThanOrEqualTo(2UL * Block));
        byte[] read = await ReadAsync(file, 0, 2 * Block);
        Assert.That(read.AsSpan(0, 100).SequenceEqual(Pattern(100)), "the data stays");
        Assert.That(read.AsSpan(100).IndexOfAnyExcept((byte)0), Is.EqualTo(-1), "the rest reads as zeros");
    }

    /// <summary>Allocating inside the file changes neither its size nor its data.</summary>
    [Test]
    public async Task Allocate_inside_keeps_size_and_data()
    {
        FsalObject file = await DataHoleDataAsync();
        Ok(await Sparse.AllocateAsync(RootContext, file, null, 0, 3 * Block));
        Assert.That((await GetAttributesAsync(file)).Size, Is.EqualTo(3UL * Block));
        byte[] read = await ReadAsync(file, 0, 3 * Block);
        Assert.That(read.AsSpan(0, Block).SequenceEqual(Pattern(Block, 1)));
        Assert.That(read.AsSpan(Block, Block).IndexOfAnyExcept((byte)0), Is.EqualTo(-1));
        Assert.That(read.AsSpan(2 * Block).SequenceEqual(Pattern(Block, 2)));
    }

    /// <summary>Punching and allocating are data changes: the change attribute moves.</summary>
    [Test]
    public async Task Changes_move_the_change_attribute()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        await WriteAsync(file, 0, Pattern(2 * Block));
        ulong before = await ChangeAsync(file);
        Ok(await Sparse.DeallocateAsync(RootContext, file, null, 0, Block));
        ulong punched = await ChangeAsync(file);
        Ok(await Sparse.AllocateAsync(RootContext, file, null, 0, 4 * Block));
        Assert.That(punched, Is.GreaterThan(before));
        Assert.That(await ChangeAsync(file), Is.GreaterThan(punched));
    }

    /// <summary>Directories are refused.</summary>
    [Test]
    public async Task Directories_are_refused()
    {
        FsalObject dir = await MakeDirectoryAsync(Root, "d");
        Assert.That((await SeekAsync(dir, 0, findHole: false)).Status, Is.Not.EqualTo(FsalStatus.Ok));
        Assert.That(await Sparse.AllocateAsync(RootContext, dir, null, 0, 10), Is.Not.EqualTo(FsalStatus.Ok));
        Assert.That(await Sparse.DeallocateAsync(RootContext, dir, null, 0, 10), Is.Not.EqualTo(FsalStatus.Ok));
    }

    /// <summary>Changing storage needs write permission.</summary>
    [Test]
    public async Task Changes_need_write_permission()
    {
        RequirePermissions();
        FsalObject shared = await SharedDirectoryAsync();
        FsalObject file = await CreateFileAsync(shared, "f", FileMode, Alice);
        await WriteAsync(file, 0, Pattern(1000), Alice);
        Assert.That(await Sparse.DeallocateAsync(Bob, file, null, 0, 1000), Is.EqualTo(FsalStatus.AccessDenied));
        Assert.That(await Sparse.AllocateAsync(Bob, file, null, 0, Block), Is.EqualTo(FsalStatus.AccessDenied));
        Assert.That(await ReadAsync(file, 0, 1000), Is.EqualTo(Pattern(1000)));
    }
}
