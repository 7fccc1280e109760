using Nfs.Core.Fsal;
using NUnit.Framework;

namespace Fsal.Conformance;

/// <summary><see cref="IFileSystem.RenameAsync"/> with POSIX rename(2) semantics.</summary>
public abstract class RenameConformanceTests : FileSystemConformanceBase
{
    private async Task<FsalStatus> RenameAsync(FsalObject from, string fromName, FsalObject to, string toName) =>
        (await Fs.RenameAsync(RootContext, from, fromName, to, toName)).Status;

    /// <summary>A rename within a directory moves the name and keeps the object.</summary>
    [Test]
    public async Task Rename_in_one_directory_moves_the_name()
    {
        ulong id = await FileIdAsync(await CreateFileAsync(Root, "a"));
        Assert.That(await RenameAsync(Root, "a", Root, "b"), Is.EqualTo(FsalStatus.Ok));
        Assert.That((await Fs.LookupAsync(RootContext, Root, "a", FsalAttrMask.All)).Status, Is.EqualTo(FsalStatus.NoEntry));
        Assert.That(await FileIdAsync(await LookupAsync(Root, "b")), Is.EqualTo(id));
        Assert.That(await NamesAsync(Root), Is.EqualTo(new[] { "b" }));
    }

    /// <summary>A rename across directories moves the name; moving a directory moves a link between the parents.</summary>
    [Test]
    public async Task Rename_across_directories_moves_links()
    {
        FsalObject from = await MakeDirectoryAsync(Root, "from");
        FsalObject to = await MakeDirectoryAsync(Root, "to");
        FsalObject moved = await MakeDirectoryAsync(from, "sub");
        await CreateFileAsync(moved, "inside");
        Assert.That(await RenameAsync(from, "sub", to, "sub2"), Is.EqualTo(FsalStatus.Ok));
        Assert.That((await GetAttributesAsync(from)).NumLinks, Is.EqualTo(2u));
        Assert.That((await GetAttributesAsync(to)).NumLinks, Is.EqualTo(3u));
        FsalObject found = await LookupAsync(to, "sub2");
        Assert.That(await FileIdAsync(found), Is.EqualTo(await FileIdAsync(moved)));
        Assert.That(await NamesAsync(found), Is.EqualTo(new[] { "inside" }));
        Assert.That(await NamesAsync(from), Is.Empty);
    }

    /// <summary>A file renamed over a file replaces it.</summary>
    [Test]
    public async Task File_over_file_replaces_it()
    {
        FsalObject source = await CreateFileWithDataAsync(Root, "a", Pattern(10, 1));
        await CreateFileWithDataAsync(Root, "b", Pattern(10, 2));
        Assert.That(await RenameAsync(Root, "a", Root, "b"), Is.EqualTo(FsalStatus.Ok));
        FsalObject b = await LookupAsync(Root, "b");
        Assert.That(await FileIdAsync(b), Is.EqualTo(await FileIdAsync(source)));
        Assert.That(await ReadAsync(b, 0, 10), Is.EqualTo(Pattern(10, 1)));
        Assert.That(await NamesAsync(Root), Is.EqualTo(new[] { "b" }));
    }

    /// <summary>Replacing a name of a hard-linked file removes one of its links only.</summary>
    [Test]
    public async Task Replacing_a_linked_file_drops_one_link()
    {
        RequireHardLinks();
        await CreateFileAsync(Root, "a");
        FsalObject victim = await CreateFileWithDataAsync(Root, "b", Pattern(10));
        Ok(await Fs.LinkAsync(RootContext, victim, Root, "c"));
        Assert.That(await RenameAsync(Root, "a", Root, "b"), Is.EqualTo(FsalStatus.Ok));
        FsalObject c = await LookupAsync(Root, "c");
        Assert.That((await GetAttributesAsync(c)).NumLinks, Is.EqualTo(1u));
        Assert.That(await ReadAsync(c, 0, 10), Is.EqualTo(Pattern(10)));
    }

    /// <summary>A directory renamed over an empty directory replaces it.</summary>
    [Test]
    public async Task Directory_over_empty_directory_replaces_it()
    {
        FsalObject source = await MakeDirectoryAsync(Root, "a");
        await MakeDirectoryAsync(Root, "b");
        uint rootLinks = (await GetAttributesAsync(Root)).NumLinks;
        Assert.That(await RenameAsync(Root, "a", Root, "b"), Is.EqualTo(FsalStatus.Ok));
        Assert.That(await FileIdAsync(await LookupAsync(Root, "b")), Is.EqualTo(await FileIdAsync(source)));
        Assert.That((await GetAttributesAsync(Root)).NumLinks, Is.EqualTo(rootLinks - 1));
    }

    /// <summary>A directory cannot replace a non-empty directory (NotEmpty, or Exists as some systems answer).</summary>
    [Test]
    public async Task Directory_over_non_empty_directory_fails()
    {
        await MakeDirectoryAsync(Root, "a");
        FsalObject b = await MakeDirectoryAsync(Root, "b");
        await CreateFileAsync(b, "f");
        Assert.That(await RenameAsync(Root, "a", Root, "b"), Is.AnyOf(FsalStatus.NotEmpty, FsalStatus.Exists));
        Assert.That(await NamesAsync(Root), Is.EquivalentTo(new[] { "a", "b" }));
    }

    /// <summary>A file cannot replace a directory.</summary>
    [Test]
    public async Task File_over_directory_is_is_directory()
    {
        await CreateFileAsync(Root, "f");
        await MakeDirectoryAsync(Root, "d");
        Assert.That(await RenameAsync(Root, "f", Root, "d"), Is.EqualTo(FsalStatus.IsDirectory));
        Assert.That((await LookupAsync(Root, "d")).Type, Is.EqualTo(FsalFileType.Directory));
    }

    /// <summary>A directory cannot replace a file.</summary>
    [Test]
    public async Task Directory_over_file_is_not_directory()
    {
        await MakeDirectoryAsync(Root, "d");
        await CreateFileAsync(Root, "f");
        Assert.That(await RenameAsync(Root, "d", Root, "f"), Is.EqualTo(FsalStatus.NotDirectory));
        Assert.That((await LookupAsync(Root, "f")).Type, Is.EqualTo(FsalFileType.Regular));
    }

    /// <summary>A directory cannot move into itself or below itself.</summary>
    [Test]
    public async Task Directory_into_its_own_subtree_is_invalid()
    {
        FsalObject a = await MakeDirectoryAsync(Root, "a");
        FsalObject b = await MakeDirectoryAsync(a, "b");
        FsalObject c = await MakeDirectoryAsync(b, "c");
        Assert.That(await RenameAsync(Root, "a", c, "a"), Is.EqualTo(FsalStatus.Invalid));
        Assert.That(await RenameAsync(Root, "a", a, "a"), Is.EqualTo(FsalStatus.Invalid));
        Assert.That(await NamesAsync(Root), Is.EqualTo(new[] { "a" }));
    }

    /// <summary>Renaming a name to itself succeeds and changes nothing.</summary>
    [Test]
    public async Task Rename_to_the_same_name_changes_nothing()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        ulong fileChange = await ChangeAsync(file);
        ulong dirChange = await ChangeAsync(Root);
        FsalRenamed renamed = Ok(await Fs.RenameAsync(RootContext, Root, "f", Root, "f"));
        Assert.That(await NamesAsync(Root), Is.EqualTo(new[] { "f" }));
        Assert.That(await ChangeAsync(Root), Is.EqualTo(dirChange));
        Assert.That(await ChangeAsync(file), Is.EqualTo(fileChange));
        Assert.That(renamed.Source.After, Is.EqualTo(renamed.Source.Before));
    }

    /// <summary>Renaming one name of a file onto another name of the same file succeeds and changes nothing (POSIX rename(2), pynfs RNM20).</summary>
    [Test]
    public async Task Rename_between_links_of_one_file_changes_nothing()
    {
        RequireHardLinks();
        FsalObject file = await CreateFileAsync(Root, "a");
        Ok(await Fs.LinkAsync(RootContext, file, Root, "b"));
        ulong dirChange = await ChangeAsync(Root);
        Assert.That(await RenameAsync(Root, "a", Root, "b"), Is.EqualTo(FsalStatus.Ok));
        Assert.That(await NamesAsync(Root), Is.EquivalentTo(new[] { "a", "b" }));
        Assert.That(await ChangeAsync(Root), Is.EqualTo(dirChange), "the directory did not change");
        Assert.That((await GetAttributesAsync(file)).NumLinks, Is.EqualTo(2u));
    }

    /// <summary>Renaming a missing name is NoEntry.</summary>
    [Test]
    public async Task Rename_of_a_missing_name_is_no_entry()
    {
        Assert.That(await RenameAsync(Root, "absent", Root, "b"), Is.EqualTo(FsalStatus.NoEntry));
    }

    /// <summary>Either directory being a regular file is NotDirectory.</summary>
    [Test]
    public async Task Rename_with_a_file_as_directory_is_not_directory()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        await CreateFileAsync(Root, "g");
        Assert.That(await RenameAsync(file, "x", Root, "y"), Is.EqualTo(FsalStatus.NotDirectory));
        Assert.That(await RenameAsync(Root, "g", file, "y"), Is.EqualTo(FsalStatus.NotDirectory));
    }

    /// <summary>An overlong target name is NameTooLong and leaves the source in place.</summary>
    [Test]
    public async Task Rename_to_an_overlong_name_is_name_too_long()
    {
        await CreateFileAsync(Root, "f");
        string name = new('n', (int)Fs.Capabilities.MaxNameLength + 1);
        Assert.That(await RenameAsync(Root, "f", Root, name), Is.EqualTo(FsalStatus.NameTooLong));
        Assert.That(await NamesAsync(Root), Is.EqualTo(new[] { "f" }));
    }

    /// <summary>Both change infos are the directories' change attributes just before and just after.</summary>
    [Test]
    public async Task Rename_reports_both_directories_changes()
    {
        FsalObject from = await MakeDirectoryAsync(Root, "from");
        FsalObject to = await MakeDirectoryAsync(Root, "to");
        await CreateFileAsync(from, "f");
        ulong fromBefore = await ChangeAsync(from), toBefore = await ChangeAsync(to);
        FsalRenamed renamed = Ok(await Fs.RenameAsync(RootContext, from, "f", to, "g"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(renamed.Source.Before, Is.EqualTo(fromBefore));
            Assert.That(renamed.Source.After, Is.EqualTo(await ChangeAsync(from)));
            Assert.That(renamed.Target.Before, Is.EqualTo(toBefore));
            Assert.That(renamed.Target.After, Is.EqualTo(await ChangeAsync(to)));
            Assert.That(renamed.Source.After, Is.GreaterThan(renamed.Source.Before));
            Assert.That(renamed.Target.After, Is.GreaterThan(renamed.Target.Before));
        }
    }

    /// <summary>Within one directory both change infos describe the same directory.</summary>
    [Test]
    public async Task Rename_in_one_directory_reports_the_same_change_twice()
    {
        await CreateFileAsync(Root, "a");
        ulong before = await ChangeAsync(Root);
        FsalRenamed renamed = Ok(await Fs.RenameAsync(RootContext, Root, "a", Root, "b"));
        Assert.That(renamed.Source, Is.EqualTo(renamed.Target));
        Assert.That(renamed.Source.Before, Is.EqualTo(before));
        Assert.That(renamed.Source.After, Is.EqualTo(await ChangeAsync(Root)));
    }

    /// <summary>Rename updates the modification time of both directories.</summary>
    [Test]
    public async Task Rename_updates_directory_times()
    {
        FsalObject from = await MakeDirectoryAsync(Root, "from");
        FsalObject to = await MakeDirectoryAsync(Root, "to");
        await CreateFileAsync(from, "f");
        await AgeAsync(from);
        await AgeAsync(to);
        Ok(await Fs.RenameAsync(RootContext, from, "f", to, "f"));
        Assert.That(Nanos((await GetAttributesAsync(from)).ModifyTime), Is.GreaterThan(Nanos(PastTime)));
        Assert.That(Nanos((await GetAttributesAsync(to)).ModifyTime), Is.GreaterThan(Nanos(PastTime)));
    }
}
