using System.Text;
using Fsal.Memory;
using Nfs.Core.Fsal;
using Nfs.Core.Hosting;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Nfs42;

/// <summary>GETXATTR, SETXATTR, LISTXATTRS and REMOVEXATTR (RFC 8276) through the memory backend.</summary>
public sealed class XattrTests : Nfs42Test
{
    private static readonly byte[] Value1 = "value1"u8.ToArray();

    private async Task<byte[]> FileAsync() => (await CreateAsync("f")).Handle;

    private async Task<byte[]> GetAsync(byte[] fh, string name)
    {
        var r = await ExpectAsync(NfsStat4.Ok, c => c.PutFh(fh).GetXattr(name));
        return r.Last(NfsOp4.Getxattr).Reader.ReadOpaque(int.MaxValue).ToArray();
    }

    private async Task<ListXattrsResult> ListAsync(byte[] fh, ulong cookie, uint maxCount)
    {
        var r = await ExpectAsync(NfsStat4.Ok, c => c.PutFh(fh).ListXattrs(cookie, maxCount));
        return ListXattrsResult.Decode(r.Last(NfsOp4.Listxattrs).Reader);
    }

    [Test]
    public async Task Create_then_get_returns_the_value_and_change_info_moves()
    {
        var fh = await FileAsync();
        var r = await ExpectAsync(NfsStat4.Ok, c => c.PutFh(fh).SetXattr(SetXattrOption4.Create, "attr1", Value1));
        var info = ChangeInfo4.Decode(r.Last(NfsOp4.Setxattr).Reader);
        Assert.That(info.After, Is.GreaterThan(info.Before));
        Assert.That(await GetAsync(fh, "attr1"), Is.EqualTo(Value1));
    }

    [Test]
    public async Task Missing_names_are_NOXATTR()
    {
        var fh = await FileAsync();
        await ExpectAsync(NfsStat4.Noxattr, c => c.PutFh(fh).GetXattr("missing"));
        await ExpectAsync(NfsStat4.Noxattr, c => c.PutFh(fh).RemoveXattr("missing"));
        await ExpectAsync(NfsStat4.Noxattr, c => c.PutFh(fh).SetXattr(SetXattrOption4.Replace, "missing", Value1));
    }

    [Test]
    public async Task Create_of_an_existing_name_is_EXIST_and_replace_or_either_update_it()
    {
        var fh = await FileAsync();
        await ExpectAsync(NfsStat4.Ok, c => c.PutFh(fh).SetXattr(SetXattrOption4.Create, "a", Value1));
        await ExpectAsync(NfsStat4.Exist, c => c.PutFh(fh).SetXattr(SetXattrOption4.Create, "a", "other"u8.ToArray()));
        Assert.That(await GetAsync(fh, "a"), Is.EqualTo(Value1));
        await ExpectAsync(NfsStat4.Ok, c => c.PutFh(fh).SetXattr(SetXattrOption4.Replace, "a", "value2"u8.ToArray()));
        Assert.That(await GetAsync(fh, "a"), Is.EqualTo("value2"u8.ToArray()));
        await ExpectAsync(NfsStat4.Ok, c => c.PutFh(fh).SetXattr(SetXattrOption4.Either, "a", Array.Empty<byte>()));
        Assert.That(await GetAsync(fh, "a"), Is.Empty);
        await ExpectAsync(NfsStat4.Ok, c => c.PutFh(fh).SetXattr(SetXattrOption4.Either, "b", Value1));
        Assert.That(await GetAsync(fh, "b"), Is.EqualTo(Value1));
    }

    [Test]
    public async Task Remove_takes_the_name_away_with_change_info()
    {
        var fh = await FileAsync();
        await ExpectAsync(NfsStat4.Ok, c => c.PutFh(fh).SetXattr(SetXattrOption4.Create, "a", Value1));
        var r = await ExpectAsync(NfsStat4.Ok, c => c.PutFh(fh).RemoveXattr("a"));
        var info = ChangeInfo4.Decode(r.Last(NfsOp4.Removexattr).Reader);
        Assert.That(info.After, Is.GreaterThan(info.Before));
        await ExpectAsync(NfsStat4.Noxattr, c => c.PutFh(fh).GetXattr("a"));
        Assert.That((await ListAsync(fh, 0, 8192)).Names, Is.Empty);
    }

    [Test]
    public async Task Oversized_values_are_XATTR2BIG()
    {
        var fh = await FileAsync();
        await ExpectAsync(NfsStat4.Ok, c => c.PutFh(fh).SetXattr(SetXattrOption4.Either, "max", new byte[MemoryFileSystem.MaxXattrValueBytes]));
        await ExpectAsync(NfsStat4.Xattr2big, c => c.PutFh(fh).SetXattr(SetXattrOption4.Either, "big", new byte[MemoryFileSystem.MaxXattrValueBytes + 1]));
        await ExpectAsync(NfsStat4.Noxattr, c => c.PutFh(fh).GetXattr("big"));
    }

    [Test]
    public async Task Directories_have_attributes_too()
    {
        var dir = (await ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().Mkdir("d").GetFh())).FileHandle;
        await ExpectAsync(NfsStat4.Ok, c => c.PutFh(dir).SetXattr(SetXattrOption4.Create, "a", Value1));
        Assert.That(await GetAsync(dir, "a"), Is.EqualTo(Value1));
    }

    [Test]
    public async Task An_object_without_attributes_lists_nothing_with_eof()
    {
        var list = await ListAsync(await FileAsync(), 0, 8192);
        Assert.That(list.Names, Is.Empty);
        Assert.That(list.Eof, Is.True);
    }

    [Test]
    public async Task LISTXATTRS_pages_with_the_cookie()
    {
        var fh = await FileAsync();
        string[] names = ["attr1", "attr2", "attr3", "attr4", "attr5", "attr6"];
        foreach (var n in names) await ExpectAsync(NfsStat4.Ok, c => c.PutFh(fh).SetXattr(SetXattrOption4.Create, n, Value1));

        var all = await ListAsync(fh, 0, 8192);
        Assert.That(all.Names, Is.EquivalentTo(names));
        Assert.That(all.Eof, Is.True);

        // Each name costs 4 + 8 bytes; 16 bytes of cookie, count and eof: room for two names.
        const uint twoNames = 16 + 2 * 12;
        var seen = new List<string>();
        ulong cookie = 0;
        for (int page = 0; ; page++)
        {
            Assert.That(page, Is.LessThan(10), "paging ends");
            var part = await ListAsync(fh, cookie, twoNames);
            Assert.That(part.Names, Has.Count.InRange(1, 2));
            seen.AddRange(part.Names);
            cookie = part.Cookie;
            if (part.Eof) break;
        }
        Assert.That(seen, Is.EqualTo(all.Names), "every name once, in order");

        var past = await ListAsync(fh, 100, 8192);
        Assert.That(past.Names, Is.Empty);
        Assert.That(past.Eof, Is.True);
    }

    [Test]
    public async Task LISTXATTRS_that_cannot_hold_one_name_is_TOOSMALL()
    {
        var fh = await FileAsync();
        await ExpectAsync(NfsStat4.Ok, c => c.PutFh(fh).SetXattr(SetXattrOption4.Create, "a-rather-long-name", Value1));
        await ExpectAsync(NfsStat4.Toosmall, c => c.PutFh(fh).ListXattrs(0, 16 + 8));
        await ExpectAsync(NfsStat4.Toosmall, c => c.PutFh(fh).ListXattrs(0, 4));
        Assert.That((await ListAsync(fh, 0, 16 + 4 + 20)).Names, Is.EqualTo(new[] { "a-rather-long-name" }));
    }

    [Test]
    public async Task Bad_names_and_options()
    {
        var fh = await FileAsync();
        await ExpectAsync(NfsStat4.Inval, c => c.PutFh(fh).Raw(NfsOp4.Getxattr, w => w.WriteOpaque([])));
        await ExpectAsync(NfsStat4.Inval, c => c.PutFh(fh).Raw(NfsOp4.Removexattr, w => w.WriteOpaque([0xff, 0xfe])));
        await ExpectAsync(NfsStat4.Nametoolong, c => c.PutFh(fh).GetXattr(new string('x', 256)));
        await ExpectAsync(NfsStat4.Inval, c => c.PutFh(fh).Raw(NfsOp4.Setxattr, w => new SetXattrArgs((SetXattrOption4)3, "a"u8.ToArray(), Value1).Encode(w)));
        await ExpectAsync(NfsStat4.Nofilehandle, c => c.GetXattr("a"));
        await ExpectAsync(NfsStat4.Nofilehandle, c => c.ListXattrs(0, 100));
    }
}

/// <summary>SETXATTR and REMOVEXATTR on a read-only export are ROFS; reading still works.</summary>
public sealed class XattrReadOnlyExportTests : Nfs42Test
{
    protected override void Configure(NfsServerOptions options)
    {
        var fs = (MemoryFileSystem)options.Exports[0].FileSystem!;
        var file = CreateInBackend(fs, "f");
        fs.SetXattrAsync(FsalContext.Root, file, "a", "v"u8.ToArray(), XattrSetMode.Create).AsTask().GetAwaiter().GetResult();
        options.Exports[0].ReadOnly = true;
    }

    [Test]
    public async Task Set_and_remove_are_ROFS()
    {
        await ExpectAsync(NfsStat4.Rofs, c => c.PutRootFh().Lookup("f").SetXattr(SetXattrOption4.Either, "b", new byte[] { 1 }));
        await ExpectAsync(NfsStat4.Rofs, c => c.PutRootFh().Lookup("f").RemoveXattr("a"));
        var r = await ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().Lookup("f").GetXattr("a"));
        Assert.That(r.Last(NfsOp4.Getxattr).Reader.ReadOpaque(100).ToArray(), Is.EqualTo("v"u8.ToArray()));
        r = await ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().Lookup("f").ListXattrs(0, 1000));
        Assert.That(ListXattrsResult.Decode(r.Last(NfsOp4.Listxattrs).Reader).Names, Is.EqualTo(new[] { "a" }));
    }
}

/// <summary>The xattr operations without <see cref="IExtendedAttributes"/> are NOTSUPP.</summary>
public sealed class XattrWithoutExtendedAttributesTests : Nfs42Test
{
    protected override IFileSystem CreateFileSystem() => new PlainFileSystem();

    public static IEnumerable<TestCaseData> Operations()
    {
        TestCaseData Case(string name, Action<Compound> op) => new TestCaseData(op).SetArgDisplayNames(name);
        yield return Case("GETXATTR", c => c.GetXattr("a"));
        yield return Case("SETXATTR", c => c.SetXattr(SetXattrOption4.Either, "a", Encoding.UTF8.GetBytes("v")));
        yield return Case("LISTXATTRS", c => c.ListXattrs(0, 1000));
        yield return Case("REMOVEXATTR", c => c.RemoveXattr("a"));
    }

    [TestCaseSource(nameof(Operations))]
    public async Task Is_NOTSUPP(Action<Compound> op)
    {
        var (fh, _) = await CreateAsync("f");
        await ExpectAsync(NfsStat4.Notsupp, c => op(c.PutFh(fh)));
    }
}
