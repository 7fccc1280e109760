using Nfs.Core.Fsal;
using NUnit.Framework;

namespace Fsal.Posix.Tests;

/// <summary>
/// The attribute and directory caches: changes through the backend show at once, changes by
/// other processes show in a directory listing at once and in attributes within the cache
/// time, and a cached listing gives nobody what the kernel would refuse them.
/// </summary>
[TestFixture]
public sealed class PosixCacheTests
{
    private const int CacheMilliseconds = 300;
    private string _dir = "";
    private PosixFileSystem _fs = null!;
    private static readonly FsalContext Root = FsalContext.Root;

    [SetUp]
    public void Open()
    {
        _dir = PosixTestDirectory.Create();
        _fs = new PosixFileSystem(new PosixFsalOptions { Path = _dir, Threads = 4, AttributeCacheMilliseconds = CacheMilliseconds });
    }

    [TearDown]
    public void Close()
    {
        _fs?.Dispose();
        PosixTestDirectory.Delete(_dir);
    }

    private static T Ok<T>(FsalResult<T> r) => r.IsOk ? r.Value : throw new AssertionException($"expected Ok, was {r.Status}");

    private async Task<FsalObject> LookupAsync(string name) => Ok(await _fs.LookupAsync(Root, _fs.Root, name, FsalAttrMask.All)).Object;

    private async Task<ulong> SizeAsync(FsalObject obj) => Ok(await _fs.GetAttributesAsync(Root, obj, FsalAttrMask.All)).Size;

    private async Task<List<(string Name, ulong Cookie, ulong Size)>> ListAsync(FsalContext ctx, ulong cookie = 0, int max = int.MaxValue)
    {
        var sink = new Sink(max);
        var result = await _fs.ReadDirAsync(ctx, _fs.Root, cookie, FsalAttrMask.All, sink);
        Assert.That(result.Status, Is.EqualTo(FsalStatus.Ok));
        return sink.Entries;
    }

    [Test]
    public async Task Writes_and_size_changes_through_the_backend_show_at_once()
    {
        await File.WriteAllBytesAsync(Path.Combine(_dir, "f"), new byte[10]);
        var file = await LookupAsync("f");
        Assert.That(await SizeAsync(file), Is.EqualTo(10UL));
        Assert.That((await _fs.WriteAsync(Root, file, null, 100, new byte[50], FsalStability.Unstable)).Status, Is.EqualTo(FsalStatus.Ok));
        Assert.That(await SizeAsync(file), Is.EqualTo(150UL));
        Assert.That((await _fs.SetAttributesAsync(Root, file, new FsalSetAttributes { Set = FsalAttrMask.Size, Size = 7 })).Status, Is.EqualTo(FsalStatus.Ok));
        Assert.That(await SizeAsync(file), Is.EqualTo(7UL));
        Assert.That((await ListAsync(Root)).Single().Size, Is.EqualTo(7UL), "READDIR's attributes too");
    }

    [Test]
    public async Task Link_count_and_change_follow_links_and_renames_through_the_backend()
    {
        await File.WriteAllBytesAsync(Path.Combine(_dir, "f"), new byte[1]);
        var file = await LookupAsync("f");
        var before = Ok(await _fs.GetAttributesAsync(Root, file, FsalAttrMask.All));
        Assert.That((await _fs.LinkAsync(Root, file, _fs.Root, "g")).Status, Is.EqualTo(FsalStatus.Ok));
        var linked = Ok(await _fs.GetAttributesAsync(Root, file, FsalAttrMask.All));
        Assert.That(linked.NumLinks, Is.EqualTo(2U));
        Assert.That((await _fs.RemoveAsync(Root, _fs.Root, "g")).Status, Is.EqualTo(FsalStatus.Ok));
        Assert.That(Ok(await _fs.GetAttributesAsync(Root, file, FsalAttrMask.All)).NumLinks, Is.EqualTo(1U));
        Assert.That((await _fs.RenameAsync(Root, _fs.Root, "f", _fs.Root, "h")).Status, Is.EqualTo(FsalStatus.Ok));
        var renamed = Ok(await _fs.GetAttributesAsync(Root, file, FsalAttrMask.All));
        Assert.That(renamed.Change, Is.GreaterThan(before.Change), "a rename changes the moved file's ctime");
        Assert.That((await ListAsync(Root)).Select(e => e.Name), Is.EqualTo(new[] { "h" }));
    }

    [Test]
    public async Task Names_added_or_removed_by_another_process_show_in_the_next_listing()
    {
        for (int i = 0; i < 20; i++) await File.WriteAllBytesAsync(Path.Combine(_dir, "n" + i), []);
        Assert.That((await ListAsync(Root)).Count, Is.EqualTo(20));
        File.Delete(Path.Combine(_dir, "n3"));
        await File.WriteAllBytesAsync(Path.Combine(_dir, "added"), []);
        var names = (await ListAsync(Root)).Select(e => e.Name).ToList();
        Assert.That(names, Has.Count.EqualTo(20));
        Assert.That(names, Does.Contain("added").And.Not.Contain("n3"));
    }

    [Test]
    public async Task Attributes_changed_by_another_process_show_within_the_cache_time()
    {
        await File.WriteAllBytesAsync(Path.Combine(_dir, "f"), new byte[10]);
        var file = await LookupAsync("f");
        Assert.That(await SizeAsync(file), Is.EqualTo(10UL));
        await File.WriteAllBytesAsync(Path.Combine(_dir, "f"), new byte[20]);
        // Still within the cache time the old size may be answered; after it, the new one must be.
        await Task.Delay(CacheMilliseconds + 100);
        Assert.That(await SizeAsync(file), Is.EqualTo(20UL));
        Assert.That((await ListAsync(Root)).Single().Size, Is.EqualTo(20UL));
    }

    [Test]
    public async Task A_listed_entry_shows_new_attributes_after_a_change_through_the_backend_or_the_cache_time()
    {
        for (int i = 0; i < 5; i++) await File.WriteAllBytesAsync(Path.Combine(_dir, "e" + i), new byte[10]);
        // Twice: the second walk answers from what the first kept with each entry.
        await ListAsync(Root);
        Assert.That((await ListAsync(Root)).Select(e => e.Size), Is.All.EqualTo(10UL));
        var e2 = await LookupAsync("e2");
        Assert.That((await _fs.WriteAsync(Root, e2, null, 0, new byte[30], FsalStability.Unstable)).Status, Is.EqualTo(FsalStatus.Ok));
        Assert.That((await ListAsync(Root)).Single(e => e.Name == "e2").Size, Is.EqualTo(30UL), "a change through the backend shows at once");
        await ListAsync(Root);
        await File.WriteAllBytesAsync(Path.Combine(_dir, "e4"), new byte[40]);
        await Task.Delay(CacheMilliseconds + 100);
        Assert.That((await ListAsync(Root)).Single(e => e.Name == "e4").Size, Is.EqualTo(40UL), "another process's change shows after the cache time");
    }

    [Test]
    public async Task A_listing_resumes_at_any_cookie_it_gave_and_lists_every_name_once()
    {
        for (int i = 0; i < 300; i++) await File.WriteAllBytesAsync(Path.Combine(_dir, "e" + i), []);
        var all = new List<(string Name, ulong Cookie, ulong Size)>();
        ulong cookie = 0;
        while (true)
        {
            var page = await ListAsync(Root, cookie, max: 37);
            if (page.Count == 0) break;
            all.AddRange(page);
            cookie = page[^1].Cookie;
        }
        Assert.That(all.Select(e => e.Name).Distinct().Count(), Is.EqualTo(300));
        Assert.That(all, Has.Count.EqualTo(300));
        // A cookie from the middle, asked again, gives the same rest.
        var rest = await ListAsync(Root, all[99].Cookie);
        Assert.That(rest.Select(e => e.Name), Is.EqualTo(all.Skip(100).Select(e => e.Name)));
    }

    [Test]
    public async Task A_cached_listing_is_refused_to_a_caller_the_kernel_refuses()
    {
        await File.WriteAllBytesAsync(Path.Combine(_dir, "secret"), []);
        // The mode first: changing it changes the directory's ctime, which would drop the listing.
        File.SetUnixFileMode(_dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Assert.That(await ListAsync(Root), Has.Count.EqualTo(1), "root fills the cache");
        var stranger = new FsalContext(new Credential(4321, 4321));
        var result = await _fs.ReadDirAsync(stranger, _fs.Root, 0, FsalAttrMask.All, new Sink(int.MaxValue));
        Assert.That(result.Status, Is.EqualTo(FsalStatus.AccessDenied));
    }

    private sealed class Sink(int max) : IReadDirSink
    {
        public List<(string Name, ulong Cookie, ulong Size)> Entries { get; } = [];

        public bool Add(string name, ulong cookie, FsalObject obj, in FsalAttributes attributes)
        {
            if (Entries.Count == max) return false;
            Entries.Add((name, cookie, attributes.Size));
            return true;
        }
    }
}
