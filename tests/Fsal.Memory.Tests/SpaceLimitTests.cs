using Fsal.Memory.Storage;
using Nfs.Core.Fsal;
using NUnit.Framework;

namespace Fsal.Memory.Tests;

/// <summary>MaxTotalBytes and MaxObjects: what counts, when it is refused, when it is given back.</summary>
public sealed class SpaceLimitTests
{
    private const int Chunk = SparseContent.ChunkSize;
    private static readonly FsalContext Root = FsalContext.Root;

    private static FsalCreateRequest FileRequest => new()
    {
        Type = FsalFileType.Regular,
        Attributes = new FsalSetAttributes { Set = FsalAttrMask.Mode, Mode = 0x1A4 },
    };

    private static async Task<FsalObject> CreateFileAsync(MemoryFileSystem fs, string name) =>
        (await fs.CreateAsync(Root, fs.Root, name, FileRequest)).Value.Object;

    private static byte[] Ones(int length) => Enumerable.Repeat((byte)1, length).ToArray();

    [Test]
    public async Task Writes_beyond_the_byte_limit_are_no_space()
    {
        var fs = new MemoryFileSystem(new MemoryFsalOptions { MaxTotalBytes = 4L * Chunk });
        FsalObject file = await CreateFileAsync(fs, "f");
        var filled = await fs.WriteAsync(Root, file, null, 0, Ones(4 * Chunk), FsalStability.Unstable);
        Assert.That(filled.Status, Is.EqualTo(FsalStatus.Ok));
        Assert.That(fs.UsedBytes, Is.EqualTo(4L * Chunk));

        var refused = await fs.WriteAsync(Root, file, null, 4L * Chunk, Ones(1), FsalStability.Unstable);
        Assert.That(refused.Status, Is.EqualTo(FsalStatus.NoSpace));
        Assert.That((await fs.GetAttributesAsync(Root, file, FsalAttrMask.All)).Value.Size, Is.EqualTo(4ul * Chunk), "a refused write changes nothing");

        var overwrite = await fs.WriteAsync(Root, file, null, 100, Ones(Chunk), FsalStability.Unstable);
        Assert.That(overwrite.Status, Is.EqualTo(FsalStatus.Ok), "rewriting allocated chunks needs no space");
    }

    [Test]
    public async Task A_write_that_does_not_fit_is_refused_whole()
    {
        var fs = new MemoryFileSystem(new MemoryFsalOptions { MaxTotalBytes = 2L * Chunk });
        FsalObject file = await CreateFileAsync(fs, "f");
        var result = await fs.WriteAsync(Root, file, null, 0, Ones(3 * Chunk), FsalStability.Unstable);
        Assert.That(result.Status, Is.EqualTo(FsalStatus.NoSpace));
        Assert.That(fs.UsedBytes, Is.Zero);
        Assert.That((await fs.GetAttributesAsync(Root, file, FsalAttrMask.All)).Value.Size, Is.Zero);
    }

    [Test]
    public async Task Truncate_gives_space_back()
    {
        var fs = new MemoryFileSystem(new MemoryFsalOptions { MaxTotalBytes = 4L * Chunk });
        FsalObject file = await CreateFileAsync(fs, "f");
        await fs.WriteAsync(Root, file, null, 0, Ones(4 * Chunk), FsalStability.Unstable);
        var truncated = await fs.SetAttributesAsync(Root, file, new FsalSetAttributes { Set = FsalAttrMask.Size, Size = Chunk + 1 });
        Assert.That(truncated.Value.SpaceUsed, Is.EqualTo(2ul * Chunk));
        Assert.That(fs.UsedBytes, Is.EqualTo(2L * Chunk));
        FsalObject other = await CreateFileAsync(fs, "g");
        Assert.That((await fs.WriteAsync(Root, other, null, 0, Ones(2 * Chunk), FsalStability.Unstable)).Status, Is.EqualTo(FsalStatus.Ok));
    }

    [Test]
    public async Task Removing_the_last_link_gives_space_back()
    {
        var fs = new MemoryFileSystem(new MemoryFsalOptions { MaxTotalBytes = 4L * Chunk });
        FsalObject file = await CreateFileAsync(fs, "f");
        await fs.WriteAsync(Root, file, null, 0, Ones(3 * Chunk), FsalStability.Unstable);
        await fs.LinkAsync(Root, file, fs.Root, "g");
        await fs.RemoveAsync(Root, fs.Root, "f");
        Assert.That(fs.UsedBytes, Is.EqualTo(3L * Chunk), "data stays while a link remains");
        await fs.RemoveAsync(Root, fs.Root, "g");
        Assert.That(fs.UsedBytes, Is.Zero);
    }

    [Test]
    public async Task Replacing_a_file_by_rename_gives_its_space_back()
    {
        var fs = new MemoryFileSystem();
        FsalObject victim = await CreateFileAsync(fs, "victim");
        await fs.WriteAsync(Root, victim, null, 0, Ones(2 * Chunk), FsalStability.Unstable);
        await CreateFileAsync(fs, "other");
        Assert.That((await fs.RenameAsync(Root, fs.Root, "other", fs.Root, "victim")).Status, Is.EqualTo(FsalStatus.Ok));
        Assert.That(fs.UsedBytes, Is.Zero);
    }

    [Test]
    public async Task Holes_cost_nothing()
    {
        var fs = new MemoryFileSystem(new MemoryFsalOptions { MaxTotalBytes = 2L * Chunk });
        FsalObject file = await CreateFileAsync(fs, "sparse");
        Assert.That((await fs.WriteAsync(Root, file, null, 1UL << 40, Ones(10), FsalStability.Unstable)).Status, Is.EqualTo(FsalStatus.Ok));
        await fs.SetAttributesAsync(Root, file, new FsalSetAttributes { Set = FsalAttrMask.Size, Size = 1UL << 50 });
        FsalAttributes attributes = (await fs.GetAttributesAsync(Root, file, FsalAttrMask.All)).Value;
        Assert.That(attributes.Size, Is.EqualTo(1UL << 50));
        Assert.That(attributes.SpaceUsed, Is.EqualTo((ulong)SparseContent.MinChunkArray), "10 bytes take the smallest chunk array");
        Assert.That(fs.UsedBytes, Is.EqualTo(SparseContent.MinChunkArray));
    }

    [Test]
    public async Task Zeros_written_into_a_hole_allocate_nothing()
    {
        var fs = new MemoryFileSystem();
        FsalObject file = await CreateFileAsync(fs, "zeros");
        await fs.WriteAsync(Root, file, null, 0, new byte[10 * Chunk], FsalStability.Unstable);
        FsalAttributes attributes = (await fs.GetAttributesAsync(Root, file, FsalAttrMask.All)).Value;
        Assert.That(attributes.Size, Is.EqualTo(10ul * Chunk));
        Assert.That(attributes.SpaceUsed, Is.Zero);
        Assert.That(fs.UsedBytes, Is.Zero);
    }

    [Test]
    public async Task Fs_stats_follow_usage()
    {
        var fs = new MemoryFileSystem(new MemoryFsalOptions { MaxTotalBytes = 10L * Chunk, MaxObjects = 100 });
        FsalFsStats empty = (await fs.GetFsStatsAsync(Root, fs.Root)).Value;
        Assert.That(empty, Is.EqualTo(new FsalFsStats(10ul * Chunk, 10ul * Chunk, 10ul * Chunk, 100, 99, 99)));
        FsalObject file = await CreateFileAsync(fs, "f");
        await fs.WriteAsync(Root, file, null, 0, Ones(2 * Chunk), FsalStability.Unstable);
        FsalFsStats used = (await fs.GetFsStatsAsync(Root, fs.Root)).Value;
        Assert.That(used.FreeBytes, Is.EqualTo(8ul * Chunk));
        Assert.That(used.AvailableBytes, Is.EqualTo(8ul * Chunk));
        Assert.That(used.FreeFiles, Is.EqualTo(98ul));
    }

    [Test]
    public async Task Object_limit_is_no_space_and_freed_by_remove()
    {
        var fs = new MemoryFileSystem(new MemoryFsalOptions { MaxObjects = 3 }); // the root and two more
        await CreateFileAsync(fs, "a");
        var dir = await fs.CreateAsync(Root, fs.Root, "b", new FsalCreateRequest { Type = FsalFileType.Directory, Attributes = new FsalSetAttributes { Set = FsalAttrMask.Mode, Mode = 0x1ED } });
        Assert.That(dir.Status, Is.EqualTo(FsalStatus.Ok));
        Assert.That((await fs.CreateAsync(Root, fs.Root, "c", FileRequest)).Status, Is.EqualTo(FsalStatus.NoSpace));
        Assert.That(fs.ObjectCount, Is.EqualTo(3));
        await fs.RemoveAsync(Root, fs.Root, "a");
        Assert.That(fs.ObjectCount, Is.EqualTo(2));
        Assert.That((await fs.CreateAsync(Root, fs.Root, "c", FileRequest)).Status, Is.EqualTo(FsalStatus.Ok));
    }

    [Test]
    public async Task Hard_links_do_not_count_as_objects()
    {
        var fs = new MemoryFileSystem(new MemoryFsalOptions { MaxObjects = 2 });
        FsalObject file = await CreateFileAsync(fs, "a");
        Assert.That((await fs.LinkAsync(Root, file, fs.Root, "b")).Status, Is.EqualTo(FsalStatus.Ok));
        Assert.That(fs.ObjectCount, Is.EqualTo(2));
    }

    [Test]
    public async Task Extended_attributes_count_against_the_byte_limit()
    {
        var fs = new MemoryFileSystem(new MemoryFsalOptions { MaxTotalBytes = 1000 });
        FsalObject file = await CreateFileAsync(fs, "f");
        Assert.That(await fs.SetXattrAsync(Root, file, "name", new byte[500], XattrSetMode.Either), Is.EqualTo(FsalStatus.Ok));
        Assert.That(fs.UsedBytes, Is.EqualTo(504));
        Assert.That(await fs.SetXattrAsync(Root, file, "more", new byte[600], XattrSetMode.Either), Is.EqualTo(FsalStatus.NoSpace));
        Assert.That(await fs.SetXattrAsync(Root, file, "name", new byte[100], XattrSetMode.Replace), Is.EqualTo(FsalStatus.Ok));
        Assert.That(fs.UsedBytes, Is.EqualTo(104), "shrinking a value gives space back");
        Assert.That(await fs.RemoveXattrAsync(Root, file, "name"), Is.EqualTo(FsalStatus.Ok));
        Assert.That(fs.UsedBytes, Is.Zero);
        await fs.SetXattrAsync(Root, file, "name", new byte[100], XattrSetMode.Either);
        await fs.RemoveAsync(Root, fs.Root, "f");
        Assert.That(fs.UsedBytes, Is.Zero, "removing the file frees its attributes");
    }

    [Test]
    public async Task Parallel_writers_never_exceed_the_limit()
    {
        const int limitChunks = 50;
        var fs = new MemoryFileSystem(new MemoryFsalOptions { MaxTotalBytes = limitChunks * (long)Chunk });
        var files = new FsalObject[8];
        for (int i = 0; i < files.Length; i++) files[i] = await CreateFileAsync(fs, $"f{i}");
        int accepted = 0;
        await Task.WhenAll(files.Select(file => Task.Run(async () =>
        {
            for (int c = 0; c < 20; c++)
            {
                var result = await fs.WriteAsync(Root, file, null, (ulong)c * Chunk, Ones(Chunk), FsalStability.Unstable);
                if (result.IsOk) Interlocked.Increment(ref accepted);
                else Assert.That(result.Status, Is.EqualTo(FsalStatus.NoSpace));
            }
        })));
        Assert.That(accepted, Is.EqualTo(limitChunks));
        Assert.That(fs.UsedBytes, Is.EqualTo(limitChunks * (long)Chunk));
    }
}
