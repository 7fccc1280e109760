using Fsal.Memory;
using Nfs.Core.Fsal;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Tests.Operations;

/// <summary>READDIR (RFC 7530 section 16.24): cookies, limits, pagination.</summary>
public sealed class ReadDirTests : ServerTest
{
    private byte[] _dir = null!;

    [SetUp]
    public async Task CreateDirectoryAsync() => _dir = await Session.MkdirAsync("dir");

    /// <summary>Fills the directory straight through the backend (the subject here is READDIR, not CREATE).</summary>
    private async Task FillAsync(int count)
    {
        var fs = Server.Memory!;
        var dir = (await fs.LookupAsync(FsalContext.Root, fs.Root, "dir", FsalAttrMask.None)).Value.Object;
        for (int i = 0; i < count; i++)
        {
            var request = new FsalCreateRequest { Type = FsalFileType.Regular, Attributes = new FsalSetAttributes { Set = FsalAttrMask.Mode, Mode = 0x1A4 } };
            var r = await fs.CreateAsync(FsalContext.Root, dir, $"entry-{i:D4}", request);
            Assert.That(r.IsOk, Is.True);
        }
    }

    private async Task<ReadDirResult> ReadDirAsync(ulong cookie, uint maxCount, Bitmap4 attrs)
    {
        var r = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutFh(_dir).ReadDir(cookie, maxCount, attrs));
        return ReadDirResult.Decode(r.Last(NfsOp4.Readdir).Reader);
    }

    [TestCase(1UL)]
    [TestCase(2UL)]
    public async Task Reserved_cookie_is_BAD_COOKIE(ulong cookie)
    {
        var r = await CompoundAsync(c => c.PutFh(_dir).ReadDir(cookie, 4096, Bitmap4.Empty));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.BadCookie));
    }

    [TestCase(0u)]
    [TestCase(15u)]
    public async Task Maxcount_below_the_fixed_reply_size_is_TOOSMALL(uint maxCount)
    {
        var r = await CompoundAsync(c => c.PutFh(_dir).ReadDir(0, maxCount, Bitmap4.Empty));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Toosmall));
    }

    [Test]
    public async Task Maxcount_too_small_for_the_first_entry_is_TOOSMALL()
    {
        await FillAsync(1);
        var r = await CompoundAsync(c => c.PutFh(_dir).ReadDir(0, 24, Bitmap4.Of(A.Type, A.Fileid)));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Toosmall));
    }

    [Test]
    public async Task Empty_directory_fits_in_the_smallest_reply()
    {
        var result = await ReadDirAsync(0, 16, Bitmap4.Empty);
        Assert.That(result.Entries, Is.Empty);
        Assert.That(result.Eof, Is.True);
    }

    [TestCase("file")]
    [TestCase("link")]
    public async Task READDIR_of_a_non_directory_is_NOTDIR(string name)
    {
        var fh = name == "file" ? await Session.CreateFileAsync("file") : await Session.SymlinkAsync("link", "dir");
        var r = await CompoundAsync(c => c.PutFh(fh).ReadDir(0, 4096, Bitmap4.Empty));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Notdir));
    }

    [Test]
    public async Task Write_only_attribute_requested_is_INVAL()
    {
        var r = await CompoundAsync(c => c.PutFh(_dir).ReadDir(0, 4096, Bitmap4.Of(A.Type, A.TimeModifySet)));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Inval));
    }

    [TestCase(512u)]
    [TestCase(1000u)]
    [TestCase(8192u)]
    public async Task Paging_through_500_entries_returns_each_exactly_once(uint maxCount)
    {
        await FillAsync(500);
        var seen = new List<string>();
        ulong cookie = 0;
        int pages = 0;
        while (true)
        {
            var page = await ReadDirAsync(cookie, maxCount, Bitmap4.Of(A.Type, A.Fileid));
            pages++;
            foreach (var e in page.Entries)
            {
                Assert.That(e.Cookie, Is.GreaterThan(2UL), "cookies 0, 1 and 2 are reserved");
                Assert.That(FattrReader.Decode(e.Attributes)[A.Type], Is.EqualTo(NfsFileType4.Regular));
                seen.Add(e.Name);
            }
            if (page.Eof) break;
            Assert.That(page.Entries, Is.Not.Empty);
            cookie = page.Entries[^1].Cookie;
            Assert.That(pages, Is.LessThan(1000), "no progress");
        }
        Assert.That(seen, Is.Unique);
        Assert.That(seen, Is.EquivalentTo(Enumerable.Range(0, 500).Select(i => $"entry-{i:D4}")));
        if (maxCount < 8192) Assert.That(pages, Is.GreaterThan(1));
    }

    [Test]
    public async Task Entries_do_not_include_dot_and_dotdot_and_carry_the_requested_attributes()
    {
        var sub = await Session.MkdirAsync("dir/sub");
        var file = await Session.CreateFileAsync("dir/file");
        var result = await ReadDirAsync(0, 8192, Bitmap4.Of(A.Type, A.Filehandle));
        Assert.That(result.Entries.Select(e => e.Name), Is.EquivalentTo(new[] { "sub", "file" }));
        var byName = result.Entries.ToDictionary(e => e.Name, e => FattrReader.Decode(e.Attributes));
        Assert.That(byName["sub"][A.Type], Is.EqualTo(NfsFileType4.Directory));
        Assert.That(byName["sub"][A.Filehandle], Is.EqualTo(sub));
        Assert.That(byName["file"][A.Filehandle], Is.EqualTo(file));
        Assert.That(result.Eof, Is.True);
    }

    [Test]
    public async Task Listing_resumes_after_the_entry_of_the_cookie_even_if_it_was_removed()
    {
        await FillAsync(5);
        var first = await ReadDirAsync(0, 8192, Bitmap4.Empty);
        var second = first.Entries[1];
        await Session.ExpectAsync(NfsStat4.Ok, c => c.PutFh(_dir).Remove(second.Name));
        var rest = await ReadDirAsync(second.Cookie, 8192, Bitmap4.Empty);
        Assert.That(rest.Entries.Select(e => e.Name), Is.EqualTo(first.Entries.Skip(2).Select(e => e.Name)));
    }
}
