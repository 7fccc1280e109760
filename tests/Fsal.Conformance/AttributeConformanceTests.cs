using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;
using NUnit.Framework;

namespace Fsal.Conformance;

/// <summary>GETATTR, SETATTR, the change attribute, ACCESS as root, and filesystem statistics.</summary>
public abstract class AttributeConformanceTests : FileSystemConformanceBase
{
    /// <summary>GETATTR fills at least every attribute the backend declares supported.</summary>
    [Test]
    public async Task GetAttributes_fills_the_supported_attributes()
    {
        FsalAttrMask supported = Fs.Capabilities.SupportedAttributes & FsalAttrMask.All;
        foreach (FsalObject obj in new[] { Root, await CreateFileAsync(Root, "f") })
        {
            FsalAttributes a = await GetAttributesAsync(obj);
            Assert.That(a.Valid & supported, Is.EqualTo(supported), obj.Type.ToString());
            Assert.That(a.Type, Is.EqualTo(obj.Type));
        }
    }

    /// <summary>The root is a directory with at least two links.</summary>
    [Test]
    public async Task Root_is_a_directory()
    {
        FsalAttributes a = await GetAttributesAsync(Root);
        Assert.That(a.Type, Is.EqualTo(FsalFileType.Directory));
        Assert.That(a.NumLinks, Is.GreaterThanOrEqualTo(2u));
        Assert.That(Root.Type, Is.EqualTo(FsalFileType.Directory));
    }

    /// <summary>Root can set any mode, including setuid, setgid and sticky; only the low 12 bits are kept.</summary>
    [TestCase(0x000u)]
    [TestCase(0x1EDu)]
    [TestCase(0xFFFu)]
    [TestCase(0x9A4u)]
    public async Task SetAttributes_mode(uint mode)
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        FsalAttributes returned = await SetAttributesAsync(file, new FsalSetAttributes { Set = FsalAttrMask.Mode, Mode = mode });
        Assert.That(returned.Mode, Is.EqualTo(mode));
        Assert.That((await GetAttributesAsync(file)).Mode, Is.EqualTo(mode));
    }

    /// <summary>Root can change owner and group.</summary>
    [Test]
    public async Task SetAttributes_owner_and_group()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        await SetAttributesAsync(file, new FsalSetAttributes { Set = FsalAttrMask.Owner | FsalAttrMask.Group, Uid = BobUid, Gid = SharedGid });
        FsalAttributes a = await GetAttributesAsync(file);
        Assert.That(a.Uid, Is.EqualTo(BobUid));
        Assert.That(a.Gid, Is.EqualTo(SharedGid));
    }

    /// <summary>Client-given access and modification times are stored exactly (to the backend's time granularity).</summary>
    [Test]
    public async Task SetAttributes_client_times()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        var atime = new NfsTime4(1_500_000_000, 111_111_111);
        var mtime = new NfsTime4(1_600_000_000, 987_654_321);
        await SetAttributesAsync(file, new FsalSetAttributes
        {
            AccessTimeHow = FsalTimeSet.ClientTime, AccessTime = atime,
            ModifyTimeHow = FsalTimeSet.ClientTime, ModifyTime = mtime,
        });
        FsalAttributes a = await GetAttributesAsync(file);
        long delta = Math.Max(1, Fs.Capabilities.TimeDeltaNanoseconds);
        Assert.That(Nanos(a.AccessTime), Is.EqualTo(Nanos(atime)).Within(delta - 1));
        Assert.That(Nanos(a.ModifyTime), Is.EqualTo(Nanos(mtime)).Within(delta - 1));
    }

    /// <summary>Times set to the server's clock are now.</summary>
    [Test]
    public async Task SetAttributes_server_times()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        await AgeAsync(file);
        long start = Nanos(Now()) - 2_000_000_000;
        await SetAttributesAsync(file, new FsalSetAttributes { AccessTimeHow = FsalTimeSet.ServerTime, ModifyTimeHow = FsalTimeSet.ServerTime });
        long end = Nanos(Now()) + 2_000_000_000;
        FsalAttributes a = await GetAttributesAsync(file);
        Assert.That(Nanos(a.AccessTime), Is.InRange(start, end));
        Assert.That(Nanos(a.ModifyTime), Is.InRange(start, end));
    }

    /// <summary>Setting one time leaves the other alone.</summary>
    [Test]
    public async Task SetAttributes_one_time_keeps_the_other()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        await AgeAsync(file);
        await SetAttributesAsync(file, new FsalSetAttributes { ModifyTimeHow = FsalTimeSet.ServerTime });
        FsalAttributes a = await GetAttributesAsync(file);
        Assert.That(a.AccessTime, Is.EqualTo(PastTime));
        Assert.That(Nanos(a.ModifyTime), Is.GreaterThan(Nanos(PastTime)));
    }

    /// <summary>SETATTR is a metadata change: the change attribute grows and ctime does not go back.</summary>
    [Test]
    public async Task SetAttributes_changes_ctime_and_change()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        FsalAttributes before = await GetAttributesAsync(file);
        await SetAttributesAsync(file, new FsalSetAttributes { Set = FsalAttrMask.Mode, Mode = 0x180 });
        FsalAttributes after = await GetAttributesAsync(file);
        Assert.That(after.Change, Is.GreaterThan(before.Change));
        Assert.That(Nanos(after.ChangeTime), Is.GreaterThanOrEqualTo(Nanos(before.ChangeTime)));
        Assert.That(after.ModifyTime, Is.EqualTo(before.ModifyTime), "a mode change is not a data change");
    }

    /// <summary>SETATTR with nothing to change succeeds and returns the attributes.</summary>
    [Test]
    public async Task SetAttributes_with_nothing_to_change_succeeds()
    {
        FsalObject file = await CreateFileWithDataAsync(Root, "f", Pattern(7));
        FsalAttributes a = await SetAttributesAsync(file, new FsalSetAttributes());
        Assert.That(a.Size, Is.EqualTo(7ul));
        Assert.That(a.FileId, Is.EqualTo(await FileIdAsync(file)));
    }

    /// <summary>Setting the size returns the new size and updates mtime.</summary>
    [Test]
    public async Task SetAttributes_size_updates_mtime()
    {
        FsalObject file = await CreateFileWithDataAsync(Root, "f", Pattern(100));
        await AgeAsync(file);
        FsalAttributes a = await SetAttributesAsync(file, new FsalSetAttributes { Set = FsalAttrMask.Size, Size = 10 });
        Assert.That(a.Size, Is.EqualTo(10ul));
        Assert.That(Nanos(a.ModifyTime), Is.GreaterThan(Nanos(PastTime)));
    }

    /// <summary>The change attribute of a directory grows with each entry added, removed or renamed.</summary>
    [Test]
    public async Task Directory_change_grows_with_each_namespace_operation()
    {
        FsalObject dir = await MakeDirectoryAsync(Root, "d");
        var changes = new List<ulong> { await ChangeAsync(dir) };
        await CreateFileAsync(dir, "a");
        changes.Add(await ChangeAsync(dir));
        await MakeDirectoryAsync(dir, "sub");
        changes.Add(await ChangeAsync(dir));
        Ok(await Fs.RenameAsync(RootContext, dir, "a", dir, "b"));
        changes.Add(await ChangeAsync(dir));
        Ok(await Fs.RemoveAsync(RootContext, dir, "b"));
        changes.Add(await ChangeAsync(dir));
        Assert.That(changes, Is.Ordered.Ascending);
        Assert.That(changes, Is.Unique);
    }

    /// <summary>Root is granted every access it asks for on a file with an execute bit, and on a directory.</summary>
    [Test]
    public async Task Root_access_is_granted()
    {
        FsalObject file = await CreateFileAsync(Root, "f", 0x140); // 0500
        Access4 fileBits = Access4.Read | Access4.Modify | Access4.Extend | Access4.Execute;
        Assert.That(Ok(await Fs.CheckAccessAsync(RootContext, file, fileBits)), Is.EqualTo(fileBits));
        Access4 dirBits = Access4.Read | Access4.Lookup | Access4.Modify | Access4.Extend | Access4.Delete;
        Assert.That(Ok(await Fs.CheckAccessAsync(RootContext, Root, dirBits)), Is.EqualTo(dirBits));
    }

    /// <summary>ACCESS answers only the bits asked for.</summary>
    [Test]
    public async Task Access_is_limited_to_the_request()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        Assert.That(Ok(await Fs.CheckAccessAsync(RootContext, file, Access4.Read)), Is.EqualTo(Access4.Read));
        Assert.That(Ok(await Fs.CheckAccessAsync(RootContext, file, Access4.None)), Is.EqualTo(Access4.None));
    }

    /// <summary>Filesystem statistics are consistent: free is at most total, available at most free.</summary>
    [Test]
    public async Task FsStats_are_consistent()
    {
        FsalFsStats stats = Ok(await Fs.GetFsStatsAsync(RootContext, Root));
        Assert.That(stats.TotalBytes, Is.GreaterThan(0ul));
        Assert.That(stats.FreeBytes, Is.LessThanOrEqualTo(stats.TotalBytes));
        Assert.That(stats.AvailableBytes, Is.LessThanOrEqualTo(stats.FreeBytes));
        Assert.That(stats.FreeFiles, Is.LessThanOrEqualTo(stats.TotalFiles));
        Assert.That(stats.AvailableFiles, Is.LessThanOrEqualTo(stats.FreeFiles));
        FsalObject file = await CreateFileAsync(Root, "f");
        Assert.That(Ok(await Fs.GetFsStatsAsync(RootContext, file)).TotalBytes, Is.EqualTo(stats.TotalBytes));
    }

    /// <summary>Space used by a file with data is reported and grows with it.</summary>
    [Test]
    public async Task SpaceUsed_grows_with_data()
    {
        if ((Fs.Capabilities.SupportedAttributes & FsalAttrMask.SpaceUsed) == 0) Assert.Ignore("SpaceUsed is not supported.");
        FsalObject file = await CreateFileWithDataAsync(Root, "f", Pattern(10));
        ulong small = (await GetAttributesAsync(file)).SpaceUsed;
        await WriteAsync(file, 0, Pattern(4 << 20));
        ulong large = (await GetAttributesAsync(file)).SpaceUsed;
        Assert.That(large, Is.GreaterThanOrEqualTo(4ul << 20));
        Assert.That(large, Is.GreaterThan(small));
    }
}
