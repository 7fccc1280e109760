using Nfs.Core.Fsal;
using NUnit.Framework;

namespace Fsal.Conformance;

/// <summary><see cref="IFileSystem.ReadDirAsync"/>: paging, cookies, resumption while the directory changes.</summary>
public abstract class ReadDirConformanceTests : FileSystemConformanceBase
{
    /// <summary>Entries in the large-directory tests.</summary>
    protected virtual int LargeDirectorySize => 1000;

    private async Task<FsalObject> DirectoryWithFilesAsync(int count, string prefix = "f")
    {
        FsalObject dir = await MakeDirectoryAsync(Root, "d");
        for (int i = 0; i < count; i++) await CreateFileAsync(dir, $"{prefix}{i:D5}");
        return dir;
    }

    private async Task<(List<ReadDirEntry> Entries, bool End)> PageAsync(FsalObject dir, ulong cookie, int size)
    {
        var sink = new RecordingSink(size);
        bool end = Ok(await Fs.ReadDirAsync(RootContext, dir, cookie, FsalAttrMask.All, sink));
        return (sink.Entries, end);
    }

    /// <summary>An empty directory has no entries (no "." or "..") and the end is reached at once.</summary>
    [Test]
    public async Task Empty_directory_has_no_entries()
    {
        FsalObject dir = await MakeDirectoryAsync(Root, "d");
        var sink = new RecordingSink(10);
        Assert.That(Ok(await Fs.ReadDirAsync(RootContext, dir, 0, FsalAttrMask.All, sink)), Is.True);
        Assert.That(sink.Offers, Is.Zero);
    }

    /// <summary>One entry comes with its name, a cookie NFSv4 allows (not 0, 1 or 2) and the object's attributes.</summary>
    [Test]
    public async Task Single_entry_has_name_cookie_and_attributes()
    {
        FsalObject dir = await MakeDirectoryAsync(Root, "d");
        FsalObject file = await CreateFileWithDataAsync(dir, "only", Pattern(33));
        var (entries, end) = await PageAsync(dir, 0, 10);
        Assert.That(end, Is.True);
        Assert.That(entries, Has.Count.EqualTo(1));
        ReadDirEntry entry = entries[0];
        Assert.That(entry.Name, Is.EqualTo("only"));
        Assert.That(entry.Cookie, Is.GreaterThan(2ul));
        Assert.That(entry.Attributes.FileId, Is.EqualTo(await FileIdAsync(file)));
        Assert.That(entry.Attributes.Type, Is.EqualTo(FsalFileType.Regular));
        Assert.That(entry.Attributes.Size, Is.EqualTo(33ul));
        Assert.That(entry.Object.Type, Is.EqualTo(FsalFileType.Regular));
    }

    /// <summary>"." and ".." are never listed, in the root or elsewhere.</summary>
    [Test]
    public async Task Dot_entries_are_not_listed()
    {
        FsalObject dir = await MakeDirectoryAsync(Root, "d");
        await CreateFileAsync(dir, "f");
        Assert.That(await NamesAsync(Root), Is.EqualTo(new[] { "d" }));
        Assert.That(await NamesAsync(dir), Is.EqualTo(new[] { "f" }));
    }

    /// <summary>Every type is listed with its type.</summary>
    [Test]
    public async Task Entries_report_their_types()
    {
        FsalObject dir = await MakeDirectoryAsync(Root, "d");
        var expected = new Dictionary<string, FsalFileType> { ["file"] = FsalFileType.Regular, ["dir"] = FsalFileType.Directory };
        await CreateFileAsync(dir, "file");
        await MakeDirectoryAsync(dir, "dir");
        if (SupportsSymlinks)
        {
            await MakeSymlinkAsync(dir, "link", "file");
            expected["link"] = FsalFileType.Symlink;
        }
        if (SupportsSpecialFiles)
        {
            await CreateAsync(dir, "fifo", Request(FsalFileType.Fifo, FileMode));
            expected["fifo"] = FsalFileType.Fifo;
        }
        List<ReadDirEntry> entries = await ListAsync(dir);
        Assert.That(entries.ToDictionary(e => e.Name, e => e.Attributes.Type), Is.EquivalentTo(expected));
        Assert.That(entries.ToDictionary(e => e.Name, e => e.Object.Type), Is.EquivalentTo(expected));
    }

    /// <summary>A large directory read in pages of any size yields every entry exactly once.</summary>
    [TestCase(1)]
    [TestCase(7)]
    [TestCase(100)]
    [TestCase(999)]
    [TestCase(1000)]
    [TestCase(5000)]
    public async Task Paged_listing_has_no_duplicates_and_no_omissions(int pageSize)
    {
        int count = LargeDirectorySize;
        FsalObject dir = await DirectoryWithFilesAsync(count);
        List<ReadDirEntry> entries = await ListAsync(dir, pageSize);
        Assert.That(entries.Select(e => e.Name), Is.Unique);
        Assert.That(entries.Select(e => e.Name), Is.EquivalentTo(Enumerable.Range(0, count).Select(i => $"f{i:D5}")));
        Assert.That(entries.Select(e => e.Attributes.FileId), Is.Unique);
    }

    /// <summary>A sink that refuses an entry does not consume it: the call returns false and a resumption delivers it.</summary>
    [Test]
    public async Task Refused_entry_is_not_consumed()
    {
        FsalObject dir = await DirectoryWithFilesAsync(3);
        var refusing = new RecordingSink(0);
        Assert.That(Ok(await Fs.ReadDirAsync(RootContext, dir, 0, FsalAttrMask.All, refusing)), Is.False);
        Assert.That(refusing.Offers, Is.EqualTo(1), "the backend stops at the first refusal");
        var (first, _) = await PageAsync(dir, 0, 1);
        var (rest, end) = await PageAsync(dir, first[0].Cookie, 10);
        Assert.That(end, Is.True);
        Assert.That(first.Concat(rest).Select(e => e.Name), Is.EquivalentTo(new[] { "f00000", "f00001", "f00002" }));
    }

    /// <summary>Reading a full page exactly at the end may or may not report the end; the next call must then report it with nothing more.</summary>
    [Test]
    public async Task Page_ending_at_the_last_entry_resumes_to_an_empty_end()
    {
        FsalObject dir = await DirectoryWithFilesAsync(5);
        var (entries, end) = await PageAsync(dir, 0, 5);
        Assert.That(entries, Has.Count.EqualTo(5));
        if (!end)
        {
            var (more, nowEnd) = await PageAsync(dir, entries[^1].Cookie, 5);
            Assert.That(more, Is.Empty);
            Assert.That(nowEnd, Is.True);
        }
    }

    /// <summary>Cookies stay valid while entries are added and removed between pages: entries present throughout appear exactly once.</summary>
    [Test]
    public async Task Resumption_survives_additions_and_removals()
    {
        int count = LargeDirectorySize;
        FsalObject dir = await DirectoryWithFilesAsync(count);
        var seen = new List<string>();
        var removedUnseen = new HashSet<string>();
        ulong cookie = 0;
        int round = 0;
        while (true)
        {
            var (page, end) = await PageAsync(dir, cookie, 97);
            seen.AddRange(page.Select(e => e.Name));
            if (end) break;
            cookie = page[^1].Cookie;
            round++;
            // Remove one entry already returned and one not yet returned, and add a new one.
            string seenVictim = page[0].Name;
            Ok(await Fs.RemoveAsync(RootContext, dir, seenVictim));
            // The highest-numbered name not yet returned (listing order is the backend's own).
            var seenNames = seen.ToHashSet();
            string? unseenVictim = Enumerable.Range(0, count).Reverse().Select(i => $"f{i:D5}")
                .FirstOrDefault(n => !seenNames.Contains(n) && !removedUnseen.Contains(n));
            if (unseenVictim is not null)
            {
                Ok(await Fs.RemoveAsync(RootContext, dir, unseenVictim));
                removedUnseen.Add(unseenVictim);
            }
            await CreateFileAsync(dir, $"new{round:D5}");
        }
        Assert.That(seen, Is.Unique, "no entry may be returned twice");
        var expected = Enumerable.Range(0, count).Select(i => $"f{i:D5}").Where(n => !removedUnseen.Contains(n));
        Assert.That(seen.Where(n => n.StartsWith('f')), Is.EquivalentTo(expected));
        Assert.That(removedUnseen, Is.Not.Empty, "the test removed entries ahead of the reader");
    }

    /// <summary>Resuming from the cookie of an entry that has since been removed continues with the entries after it.</summary>
    [Test]
    public async Task Resuming_after_a_removed_entry_continues_after_it()
    {
        FsalObject dir = await DirectoryWithFilesAsync(30);
        var (first, _) = await PageAsync(dir, 0, 10);
        Ok(await Fs.RemoveAsync(RootContext, dir, first[^1].Name));
        List<ReadDirEntry> rest = [];
        ulong cookie = first[^1].Cookie;
        while (true)
        {
            var (page, end) = await PageAsync(dir, cookie, 7);
            rest.AddRange(page);
            if (end) break;
            cookie = page[^1].Cookie;
        }
        var all = first.Select(e => e.Name).Concat(rest.Select(e => e.Name)).ToList();
        Assert.That(all, Is.Unique);
        Assert.That(all, Is.EquivalentTo(Enumerable.Range(0, 30).Select(i => $"f{i:D5}")));
    }

    /// <summary>Two complete listings give each name the same cookie.</summary>
    [Test]
    public async Task Cookie_resumes_after_an_insertion()
    {
        // What the contract promises: a cookie stays valid for the remaining entries while
        // others are added. (The cookie an entry is listed with may change: on ext4 it is the
        // hash position of the entry after it, as with knfsd.)
        FsalObject dir = await DirectoryWithFilesAsync(50);
        var all = await NamesAsync(dir);
        var firstPage = new RecordingSink(13);
        Assert.That(Ok(await Fs.ReadDirAsync(RootContext, dir, 0, FsalAttrMask.All, firstPage)), Is.False);
        await CreateFileAsync(dir, "later");
        var rest = new List<string>();
        ulong cookie = firstPage.Entries[^1].Cookie;
        while (true)
        {
            var sink = new RecordingSink(7);
            bool end = Ok(await Fs.ReadDirAsync(RootContext, dir, cookie, FsalAttrMask.All, sink));
            rest.AddRange(sink.Entries.Select(e => e.Name));
            if (end) break;
            cookie = sink.Entries[^1].Cookie;
        }
        var seen = firstPage.Entries.Select(e => e.Name).Concat(rest).Where(n => n != "later").ToList();
        Assert.That(seen, Is.EquivalentTo(all), "every entry once, none lost or repeated");
    }

    /// <summary>Listing a regular file is NotDirectory.</summary>
    [Test]
    public async Task ReadDir_of_a_file_is_not_directory()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        var result = await Fs.ReadDirAsync(RootContext, file, 0, FsalAttrMask.All, new RecordingSink(10));
        Assert.That(result.Status, Is.EqualTo(FsalStatus.NotDirectory));
    }

    /// <summary>A directory's entries and its names after removals and renames agree with lookups.</summary>
    [Test]
    public async Task Listing_reflects_removals_and_renames()
    {
        FsalObject dir = await DirectoryWithFilesAsync(10);
        Ok(await Fs.RemoveAsync(RootContext, dir, "f00003"));
        Ok(await Fs.RenameAsync(RootContext, dir, "f00005", dir, "renamed"));
        List<string> names = await NamesAsync(dir);
        Assert.That(names, Has.Count.EqualTo(9));
        Assert.That(names, Does.Contain("renamed"));
        Assert.That(names, Does.Not.Contain("f00003"));
        Assert.That(names, Does.Not.Contain("f00005"));
    }
}
