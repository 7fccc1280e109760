using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;
using NUnit.Framework;

namespace Fsal.Conformance;

/// <summary>
/// POSIX permission enforcement for unprivileged callers (alice, bob), including the NFS owner
/// override and the sticky bit. Every test is ignored when <see cref="FileSystemConformanceBase.EnforcesPermissions"/> is false.
/// </summary>
public abstract class PermissionConformanceTests : FileSystemConformanceBase
{
    /// <summary>Ignores the fixture's tests when the backend does not enforce permissions.</summary>
    [SetUp]
    public void RequirePermissionsForEveryTest() => RequirePermissions();

    private async Task<FsalObject> AliceFileAsync(FsalObject dir, string name, uint mode, byte[]? data = null)
    {
        FsalObject file = await CreateFileAsync(dir, name, FileMode, Alice);
        if (data is not null) await WriteAsync(file, 0, data, Alice);
        await SetAttributesAsync(file, new FsalSetAttributes { Set = FsalAttrMask.Mode, Mode = mode }, Alice);
        return file;
    }

    private async Task<FsalStatus> ReadStatusAsync(FsalObject file, FsalContext ctx) =>
        (await Fs.ReadAsync(ctx, file, null, 0, new byte[10])).Status;

    private async Task<FsalStatus> WriteStatusAsync(FsalObject file, FsalContext ctx) =>
        (await Fs.WriteAsync(ctx, file, null, 0, new byte[] { 7 }, FsalStability.FileSync)).Status;

    /// <summary>Another user cannot read a 0600 file; its owner can.</summary>
    [Test]
    public async Task Private_file_is_unreadable_by_others()
    {
        FsalObject shared = await SharedDirectoryAsync();
        FsalObject file = await AliceFileAsync(shared, "secret", 0x180, Pattern(10));
        Assert.That(await ReadStatusAsync(file, Bob), Is.EqualTo(FsalStatus.AccessDenied));
        Assert.That(await ReadAsync(file, 0, 10, Alice), Is.EqualTo(Pattern(10)));
    }

    /// <summary>Another user cannot write a 0644 file.</summary>
    [Test]
    public async Task Read_only_file_is_unwritable_by_others()
    {
        FsalObject shared = await SharedDirectoryAsync();
        FsalObject file = await AliceFileAsync(shared, "f", 0x1A4, Pattern(10));
        Assert.That(await WriteStatusAsync(file, Bob), Is.EqualTo(FsalStatus.AccessDenied));
        Assert.That(await ReadAsync(file, 0, 10, Bob), Is.EqualTo(Pattern(10)));
    }

    /// <summary>The owner override: the owner of a 0444 (or 0000) file may still write and read it, as knfsd allows.</summary>
    [TestCase(0x124u)]
    [TestCase(0x000u)]
    public async Task Owner_may_use_own_read_only_file(uint mode)
    {
        FsalObject shared = await SharedDirectoryAsync();
        FsalObject file = await AliceFileAsync(shared, "f", mode);
        Assert.That(await WriteStatusAsync(file, Alice), Is.EqualTo(FsalStatus.Ok));
        Assert.That(await ReadStatusAsync(file, Alice), Is.EqualTo(FsalStatus.Ok));
        Assert.That((await Fs.OpenAsync(Alice, file, FsalOpenFlags.Read | FsalOpenFlags.Write)).Status, Is.EqualTo(FsalStatus.Ok));
        Assert.That(await WriteStatusAsync(file, Bob), Is.EqualTo(FsalStatus.AccessDenied));
    }

    /// <summary>Open checks access for others, without the owner override.</summary>
    [Test]
    public async Task Open_checks_access()
    {
        FsalObject shared = await SharedDirectoryAsync();
        FsalObject file = await AliceFileAsync(shared, "f", 0x1A4);
        Assert.That((await Fs.OpenAsync(Bob, file, FsalOpenFlags.Read)).Status, Is.EqualTo(FsalStatus.Ok));
        Assert.That((await Fs.OpenAsync(Bob, file, FsalOpenFlags.Write)).Status, Is.EqualTo(FsalStatus.AccessDenied));
    }

    /// <summary>Root reads and writes files whatever their mode.</summary>
    [Test]
    public async Task Root_ignores_file_modes()
    {
        FsalObject shared = await SharedDirectoryAsync();
        FsalObject file = await AliceFileAsync(shared, "f", 0x000, Pattern(5));
        Assert.That(await ReadAsync(file, 0, 5), Is.EqualTo(Pattern(5)));
        Assert.That(await WriteStatusAsync(file, RootContext), Is.EqualTo(FsalStatus.Ok));
    }

    /// <summary>Group permissions apply to members of the file's group, including supplementary groups.</summary>
    [Test]
    public async Task Group_bits_apply_to_group_members()
    {
        FsalObject shared = await SharedDirectoryAsync();
        FsalObject file = await CreateFileWithDataAsync(shared, "f", Pattern(5));
        await SetAttributesAsync(file, new FsalSetAttributes { Set = FsalAttrMask.Mode | FsalAttrMask.Group, Mode = 0x1A0, Gid = SharedGid }); // 0640
        Assert.That(await ReadAsync(file, 0, 5, Alice), Is.EqualTo(Pattern(5)), "alice is in the group through a supplementary gid");
        Assert.That(await ReadStatusAsync(file, Bob), Is.EqualTo(FsalStatus.AccessDenied));
    }

    /// <summary>Creating in a directory without write permission is AccessDenied.</summary>
    [Test]
    public async Task Create_needs_write_on_the_directory()
    {
        FsalObject dir = await SharedDirectoryAsync("ro", 0x16D); // 0555
        var result = await TryCreateAsync(dir, "f", Request(FsalFileType.Regular, FileMode), Alice);
        Assert.That(result.Status, Is.EqualTo(FsalStatus.AccessDenied));
        Assert.That((await TryCreateAsync(dir, "d", Request(FsalFileType.Directory, DirectoryMode), Alice)).Status, Is.EqualTo(FsalStatus.AccessDenied));
    }

    /// <summary>Lookup needs search (execute) permission on the directory.</summary>
    [Test]
    public async Task Lookup_needs_search_permission()
    {
        FsalObject dir = await SharedDirectoryAsync("noexec", 0x1B6); // 0666
        await CreateFileAsync(dir, "f");
        Assert.That((await Fs.LookupAsync(Alice, dir, "f", FsalAttrMask.All)).Status, Is.EqualTo(FsalStatus.AccessDenied));
    }

    /// <summary>Listing needs read permission on the directory.</summary>
    [Test]
    public async Task ReadDir_needs_read_permission()
    {
        FsalObject dir = await SharedDirectoryAsync("noread", 0x1DB); // 0733
        await CreateFileAsync(dir, "f");
        var result = await Fs.ReadDirAsync(Alice, dir, 0, FsalAttrMask.All, new RecordingSink(10));
        Assert.That(result.Status, Is.EqualTo(FsalStatus.AccessDenied));
        Assert.That((await LookupAsync(dir, "f", Alice)).Type, Is.EqualTo(FsalFileType.Regular), "search permission still allows lookup");
    }

    /// <summary>Removing needs write permission on the directory.</summary>
    [Test]
    public async Task Remove_needs_write_on_the_directory()
    {
        FsalObject dir = await SharedDirectoryAsync("ro", 0x1ED); // 0755, owned by root
        await CreateFileAsync(dir, "f", 0x1B6);
        Assert.That((await Fs.RemoveAsync(Alice, dir, "f")).Status, Is.EqualTo(FsalStatus.AccessDenied));
        Assert.That((await LookupAsync(dir, "f")).Type, Is.EqualTo(FsalFileType.Regular));
    }

    /// <summary>Renaming needs write permission on both directories.</summary>
    [Test]
    public async Task Rename_needs_write_on_both_directories()
    {
        FsalObject open = await SharedDirectoryAsync("open", 0x1FF);
        FsalObject closed = await SharedDirectoryAsync("closed", 0x1ED);
        await CreateFileAsync(open, "f", FileMode, Alice);
        Assert.That((await Fs.RenameAsync(Alice, open, "f", closed, "f")).Status, Is.EqualTo(FsalStatus.AccessDenied));
        await CreateFileAsync(closed, "g");
        Assert.That((await Fs.RenameAsync(Alice, closed, "g", open, "g")).Status, Is.EqualTo(FsalStatus.AccessDenied));
    }

    /// <summary>Linking needs write permission on the target directory.</summary>
    [Test]
    public async Task Link_needs_write_on_the_directory()
    {
        RequireHardLinks();
        FsalObject open = await SharedDirectoryAsync("open", 0x1FF);
        FsalObject closed = await SharedDirectoryAsync("closed", 0x1ED);
        FsalObject file = await CreateFileAsync(open, "f", FileMode, Alice);
        Assert.That((await Fs.LinkAsync(Alice, file, closed, "g")).Status, Is.EqualTo(FsalStatus.AccessDenied));
    }

    /// <summary>In a sticky directory only the entry's owner, the directory's owner or root may remove or rename it.</summary>
    [Test]
    public async Task Sticky_directory_protects_entries()
    {
        FsalObject tmp = await SharedDirectoryAsync("tmp", 0x3FF); // 1777
        await CreateFileAsync(tmp, "alices", FileMode, Alice);
        await CreateFileAsync(tmp, "alices2", FileMode, Alice);
        await CreateFileAsync(tmp, "bobs", FileMode, Bob);
        FsalStatus[] denied = [FsalStatus.AccessDenied, FsalStatus.NotPermitted];
        Assert.That((await Fs.RemoveAsync(Bob, tmp, "alices")).Status, Is.AnyOf(denied));
        Assert.That((await Fs.RenameAsync(Bob, tmp, "alices", tmp, "stolen")).Status, Is.AnyOf(denied));
        Assert.That((await Fs.RenameAsync(Bob, tmp, "bobs", tmp, "alices")).Status, Is.AnyOf(denied), "replacing another's entry");
        Ok((await Fs.RemoveAsync(Alice, tmp, "alices")).Status);
        Ok((await Fs.RemoveAsync(Bob, tmp, "bobs")).Status);
        Ok((await Fs.RemoveAsync(RootContext, tmp, "alices2")).Status);
    }

    /// <summary>Without the sticky bit, anyone with write permission on the directory may remove any entry.</summary>
    [Test]
    public async Task Non_sticky_directory_allows_removing_others_entries()
    {
        FsalObject dir = await SharedDirectoryAsync("open", 0x1FF);
        await CreateFileAsync(dir, "alices", 0x180, Alice);
        Ok((await Fs.RemoveAsync(Bob, dir, "alices")).Status);
    }

    /// <summary>Only the owner (or root) may chmod: NotPermitted for others, even with write permission.</summary>
    [Test]
    public async Task Chmod_by_non_owner_is_not_permitted()
    {
        FsalObject shared = await SharedDirectoryAsync();
        FsalObject file = await AliceFileAsync(shared, "f", 0x1B6); // 0666
        var result = await Fs.SetAttributesAsync(Bob, file, new FsalSetAttributes { Set = FsalAttrMask.Mode, Mode = 0x1FF });
        Assert.That(result.Status, Is.EqualTo(FsalStatus.NotPermitted));
        Assert.That((await GetAttributesAsync(file)).Mode, Is.EqualTo(0x1B6u));
        await SetAttributesAsync(file, new FsalSetAttributes { Set = FsalAttrMask.Mode, Mode = 0x180 }, Alice);
        Assert.That((await GetAttributesAsync(file)).Mode, Is.EqualTo(0x180u));
    }

    /// <summary>With restricted chown, even the owner cannot give a file away.</summary>
    [Test]
    public async Task Chown_by_non_root_is_not_permitted()
    {
        if (!Fs.Capabilities.ChownRestricted) Assert.Ignore("chown is not restricted.");
        FsalObject shared = await SharedDirectoryAsync();
        FsalObject file = await AliceFileAsync(shared, "f", FileMode);
        var result = await Fs.SetAttributesAsync(Alice, file, new FsalSetAttributes { Set = FsalAttrMask.Owner, Uid = BobUid });
        Assert.That(result.Status, Is.EqualTo(FsalStatus.NotPermitted));
        Assert.That((await GetAttributesAsync(file)).Uid, Is.EqualTo(AliceUid));
    }

    /// <summary>The owner may change the group to one of their groups, but not to another.</summary>
    [Test]
    public async Task Chgrp_by_owner_only_to_own_groups()
    {
        FsalObject shared = await SharedDirectoryAsync();
        FsalObject file = await AliceFileAsync(shared, "f", FileMode);
        await SetAttributesAsync(file, new FsalSetAttributes { Set = FsalAttrMask.Group, Gid = SharedGid }, Alice);
        Assert.That((await GetAttributesAsync(file)).Gid, Is.EqualTo(SharedGid));
        var result = await Fs.SetAttributesAsync(Alice, file, new FsalSetAttributes { Set = FsalAttrMask.Group, Gid = BobGid });
        Assert.That(result.Status, Is.EqualTo(FsalStatus.NotPermitted));
        var byOther = await Fs.SetAttributesAsync(Bob, file, new FsalSetAttributes { Set = FsalAttrMask.Group, Gid = BobGid });
        Assert.That(byOther.Status, Is.EqualTo(FsalStatus.NotPermitted));
    }

    /// <summary>Truncating needs write permission (with the owner override).</summary>
    [Test]
    public async Task Truncate_needs_write_permission()
    {
        FsalObject shared = await SharedDirectoryAsync();
        FsalObject file = await AliceFileAsync(shared, "f", 0x124, Pattern(100)); // 0444
        var byOther = await Fs.SetAttributesAsync(Bob, file, new FsalSetAttributes { Set = FsalAttrMask.Size, Size = 0 });
        Assert.That(byOther.Status, Is.EqualTo(FsalStatus.AccessDenied));
        Assert.That((await GetAttributesAsync(file)).Size, Is.EqualTo(100ul));
        FsalAttributes byOwner = await SetAttributesAsync(file, new FsalSetAttributes { Set = FsalAttrMask.Size, Size = 0 }, Alice);
        Assert.That(byOwner.Size, Is.Zero);
    }

    /// <summary>Times: a writer may set them to now, but only the owner may set them to given values.</summary>
    [Test]
    public async Task Setting_times_needs_write_or_ownership()
    {
        FsalObject shared = await SharedDirectoryAsync();
        FsalObject writable = await AliceFileAsync(shared, "w", 0x1B6); // 0666
        FsalObject readOnly = await AliceFileAsync(shared, "r", 0x1A4); // 0644
        var toNow = new FsalSetAttributes { ModifyTimeHow = FsalTimeSet.ServerTime, AccessTimeHow = FsalTimeSet.ServerTime };
        var toGiven = new FsalSetAttributes { ModifyTimeHow = FsalTimeSet.ClientTime, ModifyTime = PastTime };
        Assert.That((await Fs.SetAttributesAsync(Bob, writable, toNow)).Status, Is.EqualTo(FsalStatus.Ok));
        Assert.That((await Fs.SetAttributesAsync(Bob, readOnly, toNow)).Status, Is.EqualTo(FsalStatus.AccessDenied));
        Assert.That((await Fs.SetAttributesAsync(Bob, writable, toGiven)).Status, Is.AnyOf(FsalStatus.NotPermitted, FsalStatus.AccessDenied));
        Assert.That((await Fs.SetAttributesAsync(Alice, readOnly, toGiven)).Status, Is.EqualTo(FsalStatus.Ok));
        Assert.That((await GetAttributesAsync(readOnly)).ModifyTime, Is.EqualTo(PastTime));
    }

    /// <summary>ACCESS reports what the mode grants a user, never failing for lack of access.</summary>
    [Test]
    public async Task Access_reflects_the_mode_for_users()
    {
        FsalObject shared = await SharedDirectoryAsync();
        FsalObject file = await AliceFileAsync(shared, "f", 0x1A4); // 0644
        Access4 all = Access4.Read | Access4.Modify | Access4.Extend | Access4.Execute;
        Assert.That(Ok(await Fs.CheckAccessAsync(Bob, file, all)), Is.EqualTo(Access4.Read));
        Assert.That(Ok(await Fs.CheckAccessAsync(Alice, file, all)), Is.EqualTo(Access4.Read | Access4.Modify | Access4.Extend));
        await SetAttributesAsync(file, new FsalSetAttributes { Set = FsalAttrMask.Mode, Mode = 0x180 }, Alice);
        Assert.That(Ok(await Fs.CheckAccessAsync(Bob, file, all)), Is.EqualTo(Access4.None));
    }

    /// <summary>A setgid directory gives new entries its group, and new subdirectories its setgid bit.</summary>
    [Test]
    public async Task Setgid_directory_passes_on_its_group()
    {
        FsalObject dir = await MakeDirectoryAsync(Root, "project");
        await SetAttributesAsync(dir, new FsalSetAttributes { Set = FsalAttrMask.Mode | FsalAttrMask.Group, Mode = Mode4.SetGid | 0x1FF, Gid = SharedGid });
        FsalAttributes file = await GetAttributesAsync(await CreateFileAsync(dir, "f", FileMode, Bob));
        Assert.That(file.Gid, Is.EqualTo(SharedGid));
        Assert.That(file.Uid, Is.EqualTo(BobUid));
        FsalAttributes sub = await GetAttributesAsync(await MakeDirectoryAsync(dir, "sub", DirectoryMode, Bob));
        Assert.That(sub.Gid, Is.EqualTo(SharedGid));
        Assert.That(sub.Mode & Mode4.SetGid, Is.EqualTo(Mode4.SetGid));
    }

    /// <summary>Users cannot create objects owned by someone else.</summary>
    [Test]
    public async Task User_cannot_create_for_another_owner()
    {
        FsalObject shared = await SharedDirectoryAsync();
        FsalCreateRequest request = Request(FsalFileType.Regular, FileMode);
        request.Attributes.Set |= FsalAttrMask.Owner;
        request.Attributes.Uid = BobUid;
        Assert.That((await TryCreateAsync(shared, "f", request, Alice)).Status, Is.EqualTo(FsalStatus.NotPermitted));
    }
}
