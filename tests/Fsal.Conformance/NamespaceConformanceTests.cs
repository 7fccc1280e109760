using Nfs.Core.Fsal;
using NUnit.Framework;

namespace Fsal.Conformance;

/// <summary>Lookup, parent lookup, remove, hard links and symlinks.</summary>
public abstract class NamespaceConformanceTests : FileSystemConformanceBase
{
    /// <summary>Lookup finds the object create made, with its attributes.</summary>
    [Test]
    public async Task Lookup_finds_the_created_object()
    {
        FsalCreated created = await CreateAsync(Root, "f", Request(FsalFileType.Regular, FileMode));
        FsalLookup found = Ok(await Fs.LookupAsync(RootContext, Root, "f", FsalAttrMask.All));
        Assert.That(found.Object.Type, Is.EqualTo(FsalFileType.Regular));
        Assert.That(found.Attributes.FileId, Is.EqualTo(created.Attributes.FileId));
        Assert.That(found.Attributes.Type, Is.EqualTo(FsalFileType.Regular));
    }

    /// <summary>Looking up a missing name is NoEntry.</summary>
    [Test]
    public async Task Lookup_of_a_missing_name_is_no_entry()
    {
        await CreateFileAsync(Root, "present");
        Assert.That((await Fs.LookupAsync(RootContext, Root, "absent", FsalAttrMask.All)).Status, Is.EqualTo(FsalStatus.NoEntry));
    }

    /// <summary>Looking up in a regular file is NotDirectory.</summary>
    [Test]
    public async Task Lookup_in_a_file_is_not_directory()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        Assert.That((await Fs.LookupAsync(RootContext, file, "x", FsalAttrMask.All)).Status, Is.EqualTo(FsalStatus.NotDirectory));
    }

    /// <summary>Looking up a name longer than the limit is NameTooLong.</summary>
    [Test]
    public async Task Lookup_of_an_overlong_name_is_name_too_long()
    {
        string name = new('n', (int)Fs.Capabilities.MaxNameLength + 1);
        Assert.That((await Fs.LookupAsync(RootContext, Root, name, FsalAttrMask.All)).Status, Is.EqualTo(FsalStatus.NameTooLong));
    }

    /// <summary>Names differing only in case are different names, unless the backend says it is case-insensitive.</summary>
    [Test]
    public async Task Names_are_case_sensitive()
    {
        if (Fs.Capabilities.CaseInsensitive) Assert.Ignore("The backend is case-insensitive.");
        FsalObject upper = await CreateFileAsync(Root, "Name");
        FsalObject lower = await CreateFileAsync(Root, "name");
        Assert.That(await FileIdAsync(upper), Is.Not.EqualTo(await FileIdAsync(lower)));
        Assert.That((await Fs.LookupAsync(RootContext, Root, "NAME", FsalAttrMask.All)).Status, Is.EqualTo(FsalStatus.NoEntry));
    }

    /// <summary>Lookup does not follow symlinks.</summary>
    [Test]
    public async Task Lookup_does_not_follow_symlinks()
    {
        RequireSymlinks();
        await MakeDirectoryAsync(Root, "d");
        await MakeSymlinkAsync(Root, "l", "d");
        Assert.That((await LookupAsync(Root, "l")).Type, Is.EqualTo(FsalFileType.Symlink));
    }

    /// <summary>The root's parent is the root.</summary>
    [Test]
    public async Task Parent_of_root_is_root()
    {
        FsalLookup parent = Ok(await Fs.LookupParentAsync(RootContext, Root, FsalAttrMask.All));
        Assert.That(parent.Attributes.FileId, Is.EqualTo(await FileIdAsync(Root)));
    }

    /// <summary>A directory's parent is the directory holding it, at any depth.</summary>
    [Test]
    public async Task Parent_of_a_directory_is_its_container()
    {
        FsalObject a = await MakeDirectoryAsync(Root, "a");
        FsalObject b = await MakeDirectoryAsync(a, "b");
        Assert.That(Ok(await Fs.LookupParentAsync(RootContext, b, FsalAttrMask.All)).Attributes.FileId, Is.EqualTo(await FileIdAsync(a)));
        Assert.That(Ok(await Fs.LookupParentAsync(RootContext, a, FsalAttrMask.All)).Attributes.FileId, Is.EqualTo(await FileIdAsync(Root)));
    }

    /// <summary>The parent of a moved directory is its new container.</summary>
    [Test]
    public async Task Parent_follows_a_rename()
    {
        FsalObject a = await MakeDirectoryAsync(Root, "a");
        FsalObject b = await MakeDirectoryAsync(Root, "b");
        FsalObject moved = await MakeDirectoryAsync(a, "m");
        Ok(await Fs.RenameAsync(RootContext, a, "m", b, "m"));
        Assert.That(Ok(await Fs.LookupParentAsync(RootContext, moved, FsalAttrMask.All)).Attributes.FileId, Is.EqualTo(await FileIdAsync(b)));
    }

    /// <summary>The parent of a regular file is not defined: NotDirectory.</summary>
    [Test]
    public async Task Parent_of_a_file_is_not_directory()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        Assert.That((await Fs.LookupParentAsync(RootContext, file, FsalAttrMask.All)).Status, Is.EqualTo(FsalStatus.NotDirectory));
    }

    /// <summary>Removing a file removes its name and reports the directory's change.</summary>
    [Test]
    public async Task Remove_deletes_the_name()
    {
        await CreateFileAsync(Root, "f");
        await CreateFileAsync(Root, "keep");
        ulong before = await ChangeAsync(Root);
        FsalChangeInfo change = Ok(await Fs.RemoveAsync(RootContext, Root, "f"));
        Assert.That((await Fs.LookupAsync(RootContext, Root, "f", FsalAttrMask.All)).Status, Is.EqualTo(FsalStatus.NoEntry));
        Assert.That(await NamesAsync(Root), Is.EqualTo(new[] { "keep" }));
        Assert.That(change.Before, Is.EqualTo(before));
        Assert.That(change.After, Is.EqualTo(await ChangeAsync(Root)));
        Assert.That(change.After, Is.GreaterThan(change.Before));
    }

    /// <summary>Removing a missing name is NoEntry.</summary>
    [Test]
    public async Task Remove_of_a_missing_name_is_no_entry()
    {
        Assert.That((await Fs.RemoveAsync(RootContext, Root, "absent")).Status, Is.EqualTo(FsalStatus.NoEntry));
    }

    /// <summary>A directory that is not empty cannot be removed; once emptied it can, and its parent loses a link.</summary>
    [Test]
    public async Task Remove_of_a_non_empty_directory_is_not_empty()
    {
        FsalObject dir = await MakeDirectoryAsync(Root, "d");
        await CreateFileAsync(dir, "f");
        uint rootLinks = (await GetAttributesAsync(Root)).NumLinks;
        Assert.That((await Fs.RemoveAsync(RootContext, Root, "d")).Status, Is.EqualTo(FsalStatus.NotEmpty));
        Assert.That((await LookupAsync(Root, "d")).Type, Is.EqualTo(FsalFileType.Directory));
        Ok(await Fs.RemoveAsync(RootContext, dir, "f"));
        Ok(await Fs.RemoveAsync(RootContext, Root, "d"));
        Assert.That((await GetAttributesAsync(Root)).NumLinks, Is.EqualTo(rootLinks - 1));
    }

    /// <summary>Removing from a regular file is NotDirectory.</summary>
    [Test]
    public async Task Remove_in_a_file_is_not_directory()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        Assert.That((await Fs.RemoveAsync(RootContext, file, "x")).Status, Is.EqualTo(FsalStatus.NotDirectory));
    }

    /// <summary>Removing a symlink removes the link, not its target.</summary>
    [Test]
    public async Task Remove_of_a_symlink_keeps_the_target()
    {
        RequireSymlinks();
        await CreateFileWithDataAsync(Root, "target", Pattern(5));
        await MakeSymlinkAsync(Root, "link", "target");
        Ok(await Fs.RemoveAsync(RootContext, Root, "link"));
        Assert.That(await ReadAsync(await LookupAsync(Root, "target"), 0, 5), Is.EqualTo(Pattern(5)));
    }

    /// <summary>A hard link is the same object under a second name: same file id, data, two links.</summary>
    [Test]
    public async Task Link_adds_a_second_name_for_the_same_object()
    {
        RequireHardLinks();
        FsalObject dir = await MakeDirectoryAsync(Root, "d");
        FsalObject file = await CreateFileWithDataAsync(Root, "f", Pattern(50));
        await AgeAsync(file);
        FsalAttributes before = await GetAttributesAsync(file);
        ulong dirBefore = await ChangeAsync(dir);
        FsalChangeInfo change = Ok(await Fs.LinkAsync(RootContext, file, dir, "g"));
        FsalObject other = await LookupAsync(dir, "g");
        FsalAttributes after = await GetAttributesAsync(other);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(after.FileId, Is.EqualTo(before.FileId));
            Assert.That(after.NumLinks, Is.EqualTo(2u));
            Assert.That(after.Change, Is.GreaterThan(before.Change), "a link count change is a metadata change");
            Assert.That(await ReadAsync(other, 0, 50), Is.EqualTo(Pattern(50)));
            Assert.That(change.Before, Is.EqualTo(dirBefore));
            Assert.That(change.After, Is.EqualTo(await ChangeAsync(dir)));
        }
    }

    /// <summary>Removing one of two names leaves the other working with one link.</summary>
    [Test]
    public async Task Removing_one_link_keeps_the_other()
    {
        RequireHardLinks();
        FsalObject file = await CreateFileWithDataAsync(Root, "f", Pattern(20));
        Ok(await Fs.LinkAsync(RootContext, file, Root, "g"));
        ulong change = await ChangeAsync(file);
        Ok(await Fs.RemoveAsync(RootContext, Root, "f"));
        FsalObject remaining = await LookupAsync(Root, "g");
        FsalAttributes a = await GetAttributesAsync(remaining);
        Assert.That(a.NumLinks, Is.EqualTo(1u));
        Assert.That(a.Change, Is.GreaterThan(change));
        Assert.That(await ReadAsync(remaining, 0, 20), Is.EqualTo(Pattern(20)));
    }

    /// <summary>Directories cannot be hard-linked.</summary>
    [Test]
    public async Task Link_to_a_directory_is_is_directory()
    {
        RequireHardLinks();
        FsalObject dir = await MakeDirectoryAsync(Root, "d");
        Assert.That((await Fs.LinkAsync(RootContext, dir, Root, "e")).Status, Is.EqualTo(FsalStatus.IsDirectory));
    }

    /// <summary>A link to a taken name is Exists.</summary>
    [Test]
    public async Task Link_to_an_existing_name_is_exists()
    {
        RequireHardLinks();
        FsalObject file = await CreateFileAsync(Root, "f");
        await CreateFileAsync(Root, "g");
        Assert.That((await Fs.LinkAsync(RootContext, file, Root, "g")).Status, Is.EqualTo(FsalStatus.Exists));
        Assert.That((await GetAttributesAsync(file)).NumLinks, Is.EqualTo(1u));
    }

    /// <summary>A link into a regular file is NotDirectory.</summary>
    [Test]
    public async Task Link_into_a_file_is_not_directory()
    {
        RequireHardLinks();
        FsalObject file = await CreateFileAsync(Root, "f");
        FsalObject other = await CreateFileAsync(Root, "g");
        Assert.That((await Fs.LinkAsync(RootContext, file, other, "x")).Status, Is.EqualTo(FsalStatus.NotDirectory));
    }

    /// <summary>Symlinks can be hard-linked too.</summary>
    [Test]
    public async Task Link_to_a_symlink_works()
    {
        RequireHardLinks();
        RequireSymlinks();
        FsalObject link = await MakeSymlinkAsync(Root, "l", "target");
        Ok(await Fs.LinkAsync(RootContext, link, Root, "l2"));
        Assert.That(Ok(await Fs.ReadLinkAsync(RootContext, await LookupAsync(Root, "l2"))), Is.EqualTo("target"));
        Assert.That((await GetAttributesAsync(link)).NumLinks, Is.EqualTo(2u));
    }

    /// <summary>No more than <see cref="FsalCapabilities.MaxLinks"/> links: the next is TooManyLinks.</summary>
    [Test]
    public async Task Links_beyond_the_maximum_are_too_many_links()
    {
        RequireHardLinks();
        uint max = Fs.Capabilities.MaxLinks;
        if (max > 70_000) Assert.Ignore($"MaxLinks {max} is too large to reach in a test.");
        FsalObject dir = await MakeDirectoryAsync(Root, "d");
        FsalObject file = await CreateFileAsync(dir, "l1");
        for (uint i = 2; i <= max; i++)
        {
            FsalStatus status = (await Fs.LinkAsync(RootContext, file, dir, $"l{i}")).Status;
            if (status != FsalStatus.Ok) Assert.Fail($"link {i} of {max}: {status}");
        }
        Assert.That((await GetAttributesAsync(file)).NumLinks, Is.EqualTo(max));
        Assert.That((await Fs.LinkAsync(RootContext, file, dir, "one-too-many")).Status, Is.EqualTo(FsalStatus.TooManyLinks));
    }

    /// <summary>READLINK of something that is not a symlink is Invalid.</summary>
    [Test]
    public async Task ReadLink_of_a_non_symlink_is_invalid()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        Assert.That((await Fs.ReadLinkAsync(RootContext, file)).Status, Is.EqualTo(FsalStatus.Invalid));
        Assert.That((await Fs.ReadLinkAsync(RootContext, Root)).Status, Is.EqualTo(FsalStatus.Invalid));
    }

    /// <summary>Symlink targets are stored verbatim, dangling or absolute.</summary>
    [TestCase("/absolute/path")]
    [TestCase("dangling")]
    [TestCase("a/../../b/./c//d")]
    public async Task Symlink_target_is_verbatim(string target)
    {
        RequireSymlinks();
        FsalObject link = await MakeSymlinkAsync(Root, "l", target);
        Assert.That(Ok(await Fs.ReadLinkAsync(RootContext, link)), Is.EqualTo(target));
    }
}
