using Nfs.Core.Hosting;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Tests.Operations;

/// <summary>READ and WRITE beyond maxread / maxwrite are shortened, and READDIR stays within maxcount.</summary>
public sealed class IoLimitTests : ServerTest
{
    private const int Max = 4096;

    protected override void Configure(NfsServerOptions options)
    {
        options.Nfs4.MaxReadSize = Max;
        options.Nfs4.MaxWriteSize = Max;
    }

    [Test]
    public async Task WRITE_larger_than_maxwrite_is_shortened_to_maxwrite()
    {
        var open = await Session.OpenAsync("f");
        var data = Enumerable.Range(0, Max + 1000).Select(i => (byte)i).ToArray();
        var written = await Session.WriteAsync(open.Handle, open.StateId, 0, data);
        Assert.That(written.Count, Is.EqualTo((uint)Max));
        Assert.That((await Session.GetAttrsAsync(open.Handle, A.Size))[A.Size], Is.EqualTo((ulong)Max));
    }

    [Test]
    public async Task READ_larger_than_maxread_is_shortened_to_maxread()
    {
        var open = await Session.OpenAsync("f");
        for (int i = 0; i < 3; i++) await Session.WriteAsync(open.Handle, open.StateId, (ulong)(i * Max), new byte[Max]);
        var read = await Session.ReadAsync(open.Handle, open.StateId, 0, 3 * Max);
        Assert.That(read.Data.Length, Is.EqualTo(Max));
        Assert.That(read.Eof, Is.False);
    }

    [TestCase(128u)]
    [TestCase(300u)]
    [TestCase(1000u)]
    public async Task READDIR_reply_never_exceeds_maxcount(uint maxCount)
    {
        for (int i = 0; i < 40; i++) await Session.MkdirAsync($"directory-with-a-longish-name-{i:D3}");
        ulong cookie = 0;
        var names = new List<string>();
        while (true)
        {
            var r = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().ReadDir(cookie, maxCount, Bitmap4.Of(A.Type, A.Fileid, A.Owner)));
            var result = r.Last(NfsOp4.Readdir);
            Assert.That(result.Body.Length, Is.LessThanOrEqualTo((int)maxCount), "READDIR4resok must fit in maxcount");
            var page = ReadDirResult.Decode(result.Reader);
            names.AddRange(page.Entries.Select(e => e.Name));
            if (page.Eof) break;
            cookie = page.Entries[^1].Cookie;
        }
        Assert.That(names, Is.Unique.And.Count.EqualTo(40));
    }
}
