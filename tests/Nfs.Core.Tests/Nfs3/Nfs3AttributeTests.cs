using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Tests.Nfs3;

public sealed class Nfs3AttributeTests : Nfs3Test
{
    [Test]
    public async Task GetAttrDescribesTheObject()
    {
        var fh = await CreateFileAsync(Root, "f", new byte[1000], 0x1A4);
        var a = (await Nfs.GetAttrAsync(fh)).Attributes!.Value;
        Assert.That(a.Type, Is.EqualTo(FileType3.Regular));
        Assert.That(a.Mode, Is.EqualTo(0x1A4u));
        Assert.That(a.Size, Is.EqualTo(1000ul));
        Assert.That(a.NumLinks, Is.EqualTo(1u));
        Assert.That(a.Fsid, Is.EqualTo(1ul), "the export id");
        var root = (await Nfs.GetAttrAsync(Root)).Attributes!.Value;
        Assert.That(a.FileId, Is.Not.EqualTo(root.FileId));
    }

    [Test]
    public async Task SetAttrReturnsAttributesBeforeAndAfter()
    {
        var fh = await CreateFileAsync(Root, "f", new byte[100]);
        var r = await Nfs.SetAttrAsync(fh, new Sattr3(Mode: 0x180, Size: 10));
        Assert.That(r.Status, Is.EqualTo(NfsStat3.Ok));
        Assert.That(r.Wcc.Before!.Value.Size, Is.EqualTo(100ul));
        Assert.That(r.Wcc.After!.Value.Size, Is.EqualTo(10ul));
        Assert.That(r.Wcc.After!.Value.Mode, Is.EqualTo(0x180u));
    }

    [Test]
    public async Task SetAttrSetsClientAndServerTimes()
    {
        var fh = await CreateFileAsync(Root, "f");
        var r = await Nfs.SetAttrAsync(fh, new Sattr3(AccessTimeHow: TimeHow3.ClientTime, AccessTime: new NfsTime3(1000, 5), ModifyTimeHow: TimeHow3.ClientTime, ModifyTime: new NfsTime3(2000, 6)));
        Assert.That(r.Status, Is.EqualTo(NfsStat3.Ok));
        Assert.That(r.Wcc.After!.Value.AccessTime, Is.EqualTo(new NfsTime3(1000, 5)));
        Assert.That(r.Wcc.After!.Value.ModifyTime, Is.EqualTo(new NfsTime3(2000, 6)));
        r = await Nfs.SetAttrAsync(fh, new Sattr3(ModifyTimeHow: TimeHow3.ServerTime));
        Assert.That(r.Wcc.After!.Value.ModifyTime.Seconds, Is.GreaterThan(1_600_000_000u));
    }

    [Test]
    public async Task AGuardWithTheCurrentCtimeAllowsTheChange()
    {
        var fh = await CreateFileAsync(Root, "f");
        var ctime = (await Nfs.GetAttrAsync(fh)).Attributes!.Value.ChangeTime;
        var r = await Nfs.SetAttrAsync(fh, new Sattr3(Mode: 0x1C0), ctime);
        Assert.That(r.Status, Is.EqualTo(NfsStat3.Ok));
    }

    [Test]
    public async Task AGuardWithAnOldCtimeIsNotSyncAndChangesNothing()
    {
        var fh = await CreateFileAsync(Root, "f");
        var ctime = (await Nfs.GetAttrAsync(fh)).Attributes!.Value.ChangeTime;
        var stale = new NfsTime3(ctime.Seconds - 10, ctime.Nanoseconds);
        var r = await Nfs.SetAttrAsync(fh, new Sattr3(Mode: 0x1C0), stale);
        Assert.That(r.Status, Is.EqualTo(NfsStat3.NotSync));
        Assert.That(r.Wcc.After!.Value.Mode, Is.EqualTo(0x1A4u));
    }

    [Test]
    public async Task SizeOfADirectoryIsIsDir()
    {
        var dir = await MkdirAsync(Root, "d");
        Assert.That((await Nfs.SetAttrAsync(dir, new Sattr3(Size: 0))).Status, Is.EqualTo(NfsStat3.IsDir));
    }

    [Test]
    public async Task AccessGrantsWhatTheModeAllows()
    {
        var fh = await CreateFileAsync(Root, "f", mode: 0x1A4); // 0644, owned by root
        var all = Access3.Read | Access3.Modify | Access3.Extend | Access3.Execute;
        var asRoot = await Nfs.AccessAsync(fh, all);
        Assert.That(asRoot.Status, Is.EqualTo(NfsStat3.Ok));
        Assert.That(asRoot.Access & (Access3.Read | Access3.Modify), Is.EqualTo(Access3.Read | Access3.Modify));
        Assert.That(asRoot.Attributes, Is.Not.Null);
        Nfs.Credential = Infrastructure.Credentials.Sys(1000);
        var asUser = await Nfs.AccessAsync(fh, all);
        Assert.That(asUser.Access, Is.EqualTo(Access3.Read));
    }

    [Test]
    public async Task FsInfoPathConfAndFsStatDescribeTheExport()
    {
        var info = await Nfs.FsInfoAsync(Root);
        Assert.That(info.Status, Is.EqualTo(NfsStat3.Ok));
        Assert.That(info.ReadMax, Is.EqualTo((uint)Server.Options.Nfs3.MaxReadSize));
        Assert.That(info.WriteMax, Is.EqualTo((uint)Server.Options.Nfs3.MaxWriteSize));
        Assert.That(info.Properties, Is.EqualTo(FsInfoProperties3.Link | FsInfoProperties3.Symlink | FsInfoProperties3.Homogeneous | FsInfoProperties3.CanSetTime));
        Assert.That(info.DirectoryPreferred, Is.GreaterThan(0u));
        var conf = await Nfs.PathConfAsync(Root);
        Assert.That(conf.Status, Is.EqualTo(NfsStat3.Ok));
        Assert.That(conf.NameMax, Is.EqualTo(255u));
        Assert.That(conf.NoTrunc && conf.CasePreserving, Is.True);
        var stat = await Nfs.FsStatAsync(Root);
        Assert.That(stat.Status, Is.EqualTo(NfsStat3.Ok));
        Assert.That(stat.TotalBytes, Is.GreaterThanOrEqualTo(stat.FreeBytes));
    }

    [Test]
    public async Task ForeignStaleAndEmptyHandlesAreRefused()
    {
        Assert.That((await Nfs.GetAttrAsync(NfsFileHandle.From([9, 9, 9, 9, 9]))).Status, Is.EqualTo(NfsStat3.BadHandle));
        Assert.That((await Nfs.GetAttrAsync(default)).Status, Is.EqualTo(NfsStat3.BadHandle));
        var otherExport = Root.Span.ToArray();
        otherExport[3] = 77;
        Assert.That((await Nfs.GetAttrAsync(NfsFileHandle.From(otherExport))).Status, Is.EqualTo(NfsStat3.Stale));
        var fh = await CreateFileAsync(Root, "gone");
        await Nfs.RemoveAsync(Root, "gone");
        Assert.That((await Nfs.GetAttrAsync(fh)).Status, Is.EqualTo(NfsStat3.Stale));
    }
}
