using System.Collections.Concurrent;
using Nfs.Core.Fsal;
using NUnit.Framework;

namespace Fsal.Conformance;

/// <summary>Operations from many threads at once: nothing lost, nothing duplicated, no errors.</summary>
public abstract class ConcurrencyConformanceTests : FileSystemConformanceBase
{
    /// <summary>How many operations run at once.</summary>
    protected virtual int Parallelism => Math.Max(4, Environment.ProcessorCount);

    private Task RunInParallelAsync(int workers, Func<int, Task> work) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(() => work(worker))));

    /// <summary>Writers to different files in parallel all keep their data.</summary>
    [Test]
    public async Task Parallel_writers_to_different_files()
    {
        int workers = Parallelism;
        const int chunk = 16 * 1024, chunks = 32;
        var files = new FsalObject[workers];
        for (int i = 0; i < workers; i++) files[i] = await CreateFileAsync(Root, $"f{i}");
        await RunInParallelAsync(workers, async worker =>
        {
            for (int c = 0; c < chunks; c++)
            {
                var written = await Fs.WriteAsync(RootContext, files[worker], null, (ulong)(c * chunk), Pattern(chunk, worker * 1000 + c), FsalStability.FileSync);
                Assert.That(written.Status, Is.EqualTo(FsalStatus.Ok));
            }
        });
        for (int worker = 0; worker < workers; worker++)
        {
            byte[] all = await ReadAsync(files[worker], 0, chunk * chunks);
            for (int c = 0; c < chunks; c++)
                Assert.That(all.AsSpan(c * chunk, chunk).ToArray(), Is.EqualTo(Pattern(chunk, worker * 1000 + c)), $"file {worker} chunk {c}");
        }
    }

    /// <summary>Writers to disjoint ranges of one file in parallel all keep their data.</summary>
    [Test]
    public async Task Parallel_writers_to_one_file()
    {
        int workers = Parallelism;
        const int block = 10_000, rounds = 20; // deliberately not chunk-aligned
        FsalObject file = await CreateFileAsync(Root, "shared");
        await RunInParallelAsync(workers, async worker =>
        {
            for (int r = 0; r < rounds; r++)
            {
                ulong offset = (ulong)((r * workers + worker) * block);
                var written = await Fs.WriteAsync(RootContext, file, null, offset, Pattern(block, r * workers + worker), FsalStability.FileSync);
                Assert.That(written.Status, Is.EqualTo(FsalStatus.Ok));
            }
        });
        byte[] all = await ReadAsync(file, 0, workers * rounds * block);
        Assert.That(all, Has.Length.EqualTo(workers * rounds * block));
        for (int i = 0; i < workers * rounds; i++)
            Assert.That(all.AsSpan(i * block, block).ToArray(), Is.EqualTo(Pattern(block, i)), $"block {i}");
    }

    /// <summary>Parallel creates in one directory: every file is there once, with a unique file id.</summary>
    [Test]
    public async Task Parallel_creates_in_one_directory()
    {
        int workers = Parallelism;
        const int perWorker = 250;
        FsalObject dir = await MakeDirectoryAsync(Root, "d");
        var ids = new ConcurrentBag<ulong>();
        await RunInParallelAsync(workers, async worker =>
        {
            for (int i = 0; i < perWorker; i++)
            {
                var created = await Fs.CreateAsync(RootContext, dir, $"w{worker}-{i}", Request(FsalFileType.Regular, FileMode, exclusive: true));
                Assert.That(created.Status, Is.EqualTo(FsalStatus.Ok));
                ids.Add(created.Value.Attributes.FileId);
            }
        });
        List<ReadDirEntry> entries = await ListAsync(dir, 300);
        Assert.That(entries, Has.Count.EqualTo(workers * perWorker));
        Assert.That(entries.Select(e => e.Name), Is.Unique);
        Assert.That(ids, Is.Unique);
        Assert.That(entries.Select(e => e.Attributes.FileId), Is.EquivalentTo(ids));
    }

    /// <summary>Exclusive creates racing for one name: exactly one wins.</summary>
    [Test]
    public async Task Racing_exclusive_creates_have_one_winner()
    {
        var statuses = new ConcurrentBag<FsalStatus>();
        await RunInParallelAsync(Parallelism, async _ =>
            statuses.Add((await Fs.CreateAsync(RootContext, Root, "contended", Request(FsalFileType.Regular, FileMode, exclusive: true))).Status));
        Assert.That(statuses.Count(s => s == FsalStatus.Ok), Is.EqualTo(1));
        Assert.That(statuses.Where(s => s != FsalStatus.Ok), Is.All.EqualTo(FsalStatus.Exists));
    }

    /// <summary>Readers listing a directory while others create and remove in it never fail and never see a name twice.</summary>
    [Test]
    public async Task Listing_during_churn_is_consistent()
    {
        FsalObject dir = await MakeDirectoryAsync(Root, "d");
        for (int i = 0; i < 200; i++) await CreateFileAsync(dir, $"stable{i}");
        using var stop = new CancellationTokenSource();
        Task churn = RunInParallelAsync(2, async worker =>
        {
            for (int i = 0; !stop.IsCancellationRequested && i < 5000; i++)
            {
                string name = $"churn{worker}-{i % 50}";
                var created = await Fs.CreateAsync(RootContext, dir, name, Request(FsalFileType.Regular, FileMode, exclusive: true));
                if (created.IsOk) Ok(await Fs.RemoveAsync(RootContext, dir, name));
            }
        });
        for (int round = 0; round < 20; round++)
        {
            List<string> names = (await ListAsync(dir, 17)).ConvertAll(e => e.Name);
            Assert.That(names, Is.Unique, $"round {round}");
            Assert.That(names.Count(n => n.StartsWith("stable", StringComparison.Ordinal)), Is.EqualTo(200), $"round {round}");
        }
        stop.Cancel();
        await churn;
    }

    /// <summary>Files renamed back and forth between two directories in parallel are never lost or duplicated.</summary>
    [Test]
    public async Task Parallel_renames_lose_nothing()
    {
        FsalObject left = await MakeDirectoryAsync(Root, "left");
        FsalObject right = await MakeDirectoryAsync(Root, "right");
        const int files = 64;
        for (int i = 0; i < files; i++) await CreateFileAsync(left, $"f{i}");
        await RunInParallelAsync(Parallelism, async worker =>
        {
            var random = new Random(worker);
            for (int n = 0; n < 300; n++)
            {
                string name = $"f{random.Next(files)}";
                bool toRight = random.Next(2) == 0;
                var result = await Fs.RenameAsync(RootContext, toRight ? left : right, name, toRight ? right : left, name);
                Assert.That(result.Status, Is.AnyOf(FsalStatus.Ok, FsalStatus.NoEntry));
            }
        });
        List<string> all = [.. await NamesAsync(left), .. await NamesAsync(right)];
        Assert.That(all, Is.EquivalentTo(Enumerable.Range(0, files).Select(i => $"f{i}")));
        Assert.That((await GetAttributesAsync(left)).NumLinks + (await GetAttributesAsync(right)).NumLinks, Is.EqualTo(4u));
    }

    /// <summary>Links added and removed in parallel leave the link count exact.</summary>
    [Test]
    public async Task Parallel_links_keep_an_exact_count()
    {
        RequireHardLinks();
        FsalObject file = await CreateFileAsync(Root, "f");
        int workers = Parallelism;
        // Each worker keeps half its links and holds at most one more: stay within the backend's maximum.
        int iterations = (int)Math.Min(50, 2 * ((Fs.Capabilities.MaxLinks - 1) / workers) - 2);
        await RunInParallelAsync(workers, async worker =>
        {
            for (int i = 0; i < iterations; i++)
            {
                Ok(await Fs.LinkAsync(RootContext, file, Root, $"l{worker}-{i}"));
                if (i % 2 == 1) Ok(await Fs.RemoveAsync(RootContext, Root, $"l{worker}-{i - 1}"));
            }
        });
        Assert.That((await GetAttributesAsync(file)).NumLinks, Is.EqualTo((uint)(1 + workers * (iterations / 2))));
    }

    /// <summary>The change attribute observed by readers while a writer works never goes back.</summary>
    [Test]
    public async Task Change_attribute_never_goes_back_under_load()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        using var stop = new CancellationTokenSource();
        Task writer = Task.Run(async () =>
        {
            for (int i = 0; !stop.IsCancellationRequested && i < 20_000; i++)
                Ok(await Fs.WriteAsync(RootContext, file, null, (ulong)(i % 1000), new byte[] { 1 }, FsalStability.FileSync));
        });
        ulong last = 0;
        for (int i = 0; i < 2000; i++)
        {
            ulong change = (await GetAttributesAsync(file)).Change;
            Assert.That(change, Is.GreaterThanOrEqualTo(last));
            last = change;
        }
        stop.Cancel();
        await writer;
    }
}
