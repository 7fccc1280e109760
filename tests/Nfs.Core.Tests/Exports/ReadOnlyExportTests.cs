using System.Text;
using Fsal.Memory;
using Nfs.Core.Fsal;
using Nfs.Core.Hosting;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Exports;

/// <summary>A read-only export refuses every modification with ROFS and still serves reads.</summary>
public sealed class ReadOnlyExportTests : ServerTest
{
    protected override void Configure(NfsServerOptions options)
    {
        var fs = (MemoryFileSystem)options.Exports[0].FileSystem!;
        var file = new FsalCreateRequest { Type = FsalFileType.Regular, Attributes = new FsalSetAttributes { Set = FsalAttrMask.Mode, Mode = 0x1B6 } };
        var created = fs.CreateAsync(FsalContext.Root, fs.Root, "file", file).AsTask().GetAwaiter().GetResult().Value.Object;
        fs.WriteAsync(FsalContext.Root, created, null, 0, "content"u8.ToArray(), FsalStability.FileSync).AsTask().GetAwaiter().GetResult();
        var dir = new FsalCreateRequest { Type = FsalFileType.Directory, Attributes = new FsalSetAttributes { Set = FsalAttrMask.Mode, Mode = 0x1FF } };
        fs.CreateAsync(FsalContext.Root, fs.Root, "dir", dir).AsTask().GetAwaiter().GetResult();
        options.Exports[0].ReadOnly = true;
    }

    public static IEnumerable<TestCaseData> Modifications()
    {
        TestCaseData Case(string name, Action<Nfs.TestClient.Compound> build) => new TestCaseData(build).SetArgDisplayNames(name);
        yield return Case("CREATE", c => c.PutRootFh().Mkdir("new"));
        yield return Case("CREATE symlink", c => c.PutRootFh().Create(new CreateArgs(NfsFileType4.Symlink, "t", default, "l"u8.ToArray(), default)));
        yield return Case("REMOVE", c => c.PutRootFh().Remove("file"));
        yield return Case("RENAME", c => c.PutRootFh().SaveFh().Rename("file", "moved"));
        yield return Case("LINK", c => c.PutRootFh().Lookup("file").SaveFh().PutRootFh().Link("hard"));
        yield return Case("WRITE", c => c.PutRootFh().Lookup("file").Write(default, 0, new byte[1]));
        yield return Case("SETATTR mode", c => c.PutRootFh().Lookup("file").SetAttr(default, new FattrBuilder().Mode(0x1FF).Build()));
        yield return Case("SETATTR size", c => c.PutRootFh().Lookup("file").SetAttr(default, new FattrBuilder().Size(0).Build()));
    }

    [TestCaseSource(nameof(Modifications))]
    public async Task Modification_is_ROFS(Action<Nfs.TestClient.Compound> build)
    {
        var r = await CompoundAsync(build);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Rofs), r.Describe());
    }

    [Test]
    public async Task OPEN_with_create_is_ROFS()
    {
        Assert.That((await Session.OpenRawAsync("new", Session.NewOwner())).Status, Is.EqualTo(NfsStat4.Rofs));
        Assert.That((await Session.OpenRawAsync("file", Session.NewOwner(), create: true)).Status, Is.EqualTo(NfsStat4.Rofs));
    }

    [Test]
    public async Task OPEN_for_writing_is_ROFS()
    {
        var r = await Session.OpenRawAsync("file", Session.NewOwner(), create: false, access: OpenShare4.AccessWrite);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Rofs));
    }

    [Test]
    public async Task Reading_works()
    {
        var open = await Session.OpenAsync("file", create: false, access: OpenShare4.AccessRead);
        var read = await Session.ReadAsync(open.Handle, open.StateId, 0, 100);
        Assert.That(Encoding.UTF8.GetString(read.Data.Span), Is.EqualTo("content"));
        var listing = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().ReadDir(0, 4096, Bitmap4.Empty));
        Assert.That(ReadDirResult.Decode(listing.Last(NfsOp4.Readdir).Reader).Entries.Select(e => e.Name), Is.EquivalentTo(new[] { "file", "dir" }));
    }

    [Test]
    public async Task ACCESS_never_grants_modification()
    {
        var r = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().Lookup("dir").Access(Access4.Read | Access4.Lookup | Access4.Modify | Access4.Extend | Access4.Delete));
        var access = AccessResult.Decode(r.Last(NfsOp4.Access).Reader);
        Assert.That(access.Access, Is.EqualTo(Access4.Read | Access4.Lookup));
    }
}
