using Nfs.Protocol.Nfs3;

namespace Nfs.Core.Tests.Nfs3;

public sealed class Nfs3ReadDirTests : Nfs3Test
{
    private async Task<Protocol.Nfs4.NfsFileHandle> DirectoryOfAsync(int count)
    {
        var dir = await MkdirAsync(Root, "many");
        var creates = Enumerable.Range(0, count).Select(i => Nfs.CreateAsync(dir, $"entry-{i:D5}", CreateMode3.Guarded)).ToList();
        foreach (var c in await Task.WhenAll(creates)) Assert.That(c.Status, Is.EqualTo(NfsStat3.Ok));
        return dir;
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task AListingResumesByCookieWithoutLossOrDuplicates(bool plus)
    {
        var dir = await DirectoryOfAsync(1000);
        var all = await Nfs.ListAllAsync(dir, plus, count: 4096);
        var names = all.Select(e => e.Name).ToList();
        Assert.That(names, Is.Unique);
        Assert.That(names, Has.Count.EqualTo(1002));
        Assert.That(names.Take(2), Is.EqualTo(new[] { ".", ".." }));
        Assert.That(all.Select(e => e.Cookie), Is.Unique);
        if (plus)
        {
            Assert.That(all.All(e => e.Attributes is not null && e.Handle.IsSet), Is.True);
            var f = all.First(e => e.Name == "entry-00007");
            Assert.That(f.Handle, Is.EqualTo((await Nfs.LookupAsync(dir, "entry-00007")).Handle));
            Assert.That(f.FileId, Is.EqualTo(f.Attributes!.Value.FileId));
            Assert.That(all[1].Handle, Is.EqualTo(Root), "'..' is the parent");
        }
    }

    [Test]
    public async Task ReplyStaysWithinCountAndDirCount()
    {
        var dir = await DirectoryOfAsync(300);
        var small = await Nfs.ReadDirAsync(dir, count: 1024);
        Assert.That(small.Eof, Is.False);
        Assert.That(small.Entries.Count, Is.InRange(1, 1024 / 28));
        var plus = await Nfs.ReadDirPlusAsync(dir, dirCount: 512, maxCount: 65536);
        int dirBytes = plus.Entries.Sum(e => 8 + 4 + (e.Name.Length + 3) / 4 * 4 + 8);
        Assert.That(dirBytes, Is.LessThanOrEqualTo(512));
        var wide = await Nfs.ReadDirPlusAsync(dir, dirCount: 65536, maxCount: 65536);
        Assert.That(wide.Entries.Count, Is.GreaterThan(plus.Entries.Count));
    }

    [Test]
    public async Task ACountTooSmallForOneEntryIsTooSmall()
    {
        var r = await Nfs.ReadDirAsync(Root, count: 100);
        Assert.That(r.Status, Is.EqualTo(NfsStat3.TooSmall));
        Assert.That(r.DirectoryAttributes, Is.Not.Null);
    }

    [Test]
    public async Task AStaleCookieVerifierIsAccepted()
    {
        var dir = await DirectoryOfAsync(50);
        var first = await Nfs.ReadDirAsync(dir, count: 512);
        var rest = await Nfs.ReadDirAsync(dir, first.Entries[^1].Cookie, verifier: 0xDEADBEEFCAFE, count: 65536);
        Assert.That(rest.Status, Is.EqualTo(NfsStat3.Ok), "knfsd's leniency: the verifier is not checked");
        Assert.That(first.Entries.Concat(rest.Entries).Select(e => e.Name).ToList(), Is.Unique.And.Count.EqualTo(52));
    }

    [Test]
    public async Task EntriesAddedAndRemovedDuringAListingDoNotDisturbTheRest()
    {
        var dir = await DirectoryOfAsync(200);
        var first = await Nfs.ReadDirAsync(dir, count: 2048);
        var seen = first.Entries.Select(e => e.Name).ToHashSet();
        await Nfs.RemoveAsync(dir, first.Entries[^1].Name);
        await Nfs.CreateAsync(dir, "late", CreateMode3.Guarded);
        var cookie = first.Entries[^1].Cookie;
        var later = new List<string>();
        while (true)
        {
            var page = await Nfs.ReadDirAsync(dir, cookie, count: 2048);
            Assert.That(page.Status, Is.EqualTo(NfsStat3.Ok));
            later.AddRange(page.Entries.Select(e => e.Name));
            if (page.Eof) break;
            cookie = page.Entries[^1].Cookie;
        }
        Assert.That(later.Intersect(seen), Is.Empty, "no entry listed twice");
        var expected = Enumerable.Range(0, 200).Select(i => $"entry-{i:D5}").Where(n => !seen.Contains(n));
        Assert.That(later, Is.SupersetOf(expected));
    }

    [Test]
    public async Task ListingAFileIsNotDir()
    {
        var fh = await CreateFileAsync(Root, "f");
        Assert.That((await Nfs.ReadDirAsync(fh)).Status, Is.EqualTo(NfsStat3.NotDir));
        Assert.That((await Nfs.ReadDirPlusAsync(fh)).Status, Is.EqualTo(NfsStat3.NotDir));
    }
}
