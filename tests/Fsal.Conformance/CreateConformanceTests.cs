using System.Text;
using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;
using NUnit.Framework;

namespace Fsal.Conformance;

/// <summary><see cref="IFileSystem.CreateAsync"/>: every object type, its initial attributes, existing names, bad names.</summary>
public abstract class CreateConformanceTests : FileSystemConformanceBase
{
    /// <summary>A new regular file belongs to the caller, has the requested mode, one link and no data.</summary>
    [Test]
    public async Task New_file_has_caller_ownership_mode_one_link_and_size_zero()
    {
        FsalObject shared = await SharedDirectoryAsync();
        FsalCreated created = await CreateAsync(shared, "f", Request(FsalFileType.Regular, 0x1A0), Alice); // 0640
        FsalAttributes a = await GetAttributesAsync(created.Object);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.Object.Type, Is.EqualTo(FsalFileType.Regular));
            Assert.That(created.Existed, Is.False);
            Assert.That(a.Type, Is.EqualTo(FsalFileType.Regular));
            Assert.That(a.Mode, Is.EqualTo(0x1A0u));
            Assert.That(a.Uid, Is.EqualTo(AliceUid));
            Assert.That(a.Gid, Is.EqualTo(AliceGid));
            Assert.That(a.NumLinks, Is.EqualTo(1u));
            Assert.That(a.Size, Is.EqualTo(0ul));
            Assert.That(a.FileId, Is.Not.EqualTo(await FileIdAsync(shared)));
            Assert.That(created.Attributes.FileId, Is.EqualTo(a.FileId), "attributes returned by create");
        }
    }

    /// <summary>A new directory has two links and adds one to its parent.</summary>
    [Test]
    public async Task New_directory_has_two_links_and_adds_one_to_its_parent()
    {
        uint parentLinks = (await GetAttributesAsync(Root)).NumLinks;
        FsalObject dir = await MakeDirectoryAsync(Root, "d", 0x1C0); // 0700
        FsalAttributes a = await GetAttributesAsync(dir);
        Assert.That(a.Type, Is.EqualTo(FsalFileType.Directory));
        Assert.That(a.Mode, Is.EqualTo(0x1C0u));
        Assert.That(a.NumLinks, Is.EqualTo(2u));
        Assert.That((await GetAttributesAsync(Root)).NumLinks, Is.EqualTo(parentLinks + 1));
        Assert.That(await NamesAsync(dir), Is.Empty);
    }

    /// <summary>A symlink stores its target verbatim; its size is the target's length in bytes.</summary>
    [Test]
    public async Task New_symlink_keeps_its_target()
    {
        RequireSymlinks();
        const string target = "../some/where/ünïcode";
        FsalObject link = await MakeSymlinkAsync(Root, "l", target);
        FsalAttributes a = await GetAttributesAsync(link);
        Assert.That(a.Type, Is.EqualTo(FsalFileType.Symlink));
        Assert.That(a.Size, Is.EqualTo((ulong)Encoding.UTF8.GetByteCount(target)));
        Assert.That(a.NumLinks, Is.EqualTo(1u));
        Assert.That(Ok(await Fs.ReadLinkAsync(RootContext, link)), Is.EqualTo(target));
    }

    /// <summary>A symlink needs a target.</summary>
    [Test]
    public async Task Symlink_without_target_is_invalid()
    {
        RequireSymlinks();
        var result = await TryCreateAsync(Root, "l", Request(FsalFileType.Symlink, 0x1FF, linkTarget: null));
        Assert.That(result.Status, Is.EqualTo(FsalStatus.Invalid));
        Assert.That((await Fs.LookupAsync(RootContext, Root, "l", FsalAttrMask.All)).Status, Is.EqualTo(FsalStatus.NoEntry));
    }

    /// <summary>Fifos and sockets can be created and report their type.</summary>
    [TestCase(FsalFileType.Fifo)]
    [TestCase(FsalFileType.Socket)]
    public async Task New_fifo_or_socket_has_its_type(FsalFileType type)
    {
        RequireSpecialFiles();
        FsalObject obj = (await CreateAsync(Root, "s", Request(type, 0x1B6))).Object;
        FsalAttributes a = await GetAttributesAsync(obj);
        Assert.That(a.Type, Is.EqualTo(type));
        Assert.That(a.Mode, Is.EqualTo(0x1B6u));
        Assert.That(a.NumLinks, Is.EqualTo(1u));
    }

    /// <summary>Block and character devices keep their device numbers.</summary>
    [TestCase(FsalFileType.BlockDevice)]
    [TestCase(FsalFileType.CharacterDevice)]
    public async Task New_device_keeps_its_numbers(FsalFileType type)
    {
        RequireSpecialFiles();
        var device = new SpecData4(8, 17);
        FsalObject obj = (await CreateAsync(Root, "dev", Request(type, 0x1B0, device: device))).Object;
        FsalAttributes a = await GetAttributesAsync(obj);
        Assert.That(a.Type, Is.EqualTo(type));
        Assert.That(a.RawDevice, Is.EqualTo(device));
    }

    /// <summary>An exclusive create of a taken name fails with Exists, whatever is there.</summary>
    [TestCase(FsalFileType.Regular)]
    [TestCase(FsalFileType.Directory)]
    public async Task Exclusive_create_of_existing_name_is_exists(FsalFileType existingType)
    {
        await CreateAsync(Root, "x", Request(existingType, FileMode, exclusive: true));
        var result = await TryCreateAsync(Root, "x", Request(FsalFileType.Regular, FileMode, exclusive: true));
        Assert.That(result.Status, Is.EqualTo(FsalStatus.Exists));
    }

    /// <summary>A non-exclusive create of an existing regular file returns it unchanged, without changing the directory.</summary>
    [Test]
    public async Task Unchecked_create_of_existing_file_returns_it_unchanged()
    {
        FsalObject file = await CreateFileWithDataAsync(Root, "f", Pattern(10));
        FsalAttributes before = await GetAttributesAsync(file);
        ulong dirChange = await ChangeAsync(Root);
        FsalCreateRequest request = Request(FsalFileType.Regular, 0x1FF);
        request.Attributes.Set |= FsalAttrMask.Size; // must not be applied to the existing file
        FsalCreated created = await CreateAsync(Root, "f", request);
        FsalAttributes after = await GetAttributesAsync(created.Object);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.Existed, Is.True);
            Assert.That(after.FileId, Is.EqualTo(before.FileId));
            Assert.That(after.Size, Is.EqualTo(10ul));
            Assert.That(after.Mode, Is.EqualTo(before.Mode));
            Assert.That(created.DirectoryChange.Before, Is.EqualTo(created.DirectoryChange.After));
            Assert.That(await ChangeAsync(Root), Is.EqualTo(dirChange));
        }
    }

    /// <summary>A non-exclusive create only reuses regular files: a directory, or a different requested type, is Exists.</summary>
    [TestCase(FsalFileType.Directory, FsalFileType.Regular)]
    [TestCase(FsalFileType.Regular, FsalFileType.Directory)]
    public async Task Unchecked_create_over_another_type_is_exists(FsalFileType existingType, FsalFileType requestedType)
    {
        await CreateAsync(Root, "x", Request(existingType, DirectoryMode));
        var result = await TryCreateAsync(Root, "x", Request(requestedType, DirectoryMode));
        Assert.That(result.Status, Is.EqualTo(FsalStatus.Exists));
    }

    /// <summary>Creating inside a regular file is NotDirectory.</summary>
    [Test]
    public async Task Create_in_a_file_is_not_directory()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        var result = await TryCreateAsync(file, "x", Request(FsalFileType.Regular, FileMode));
        Assert.That(result.Status, Is.EqualTo(FsalStatus.NotDirectory));
    }

    /// <summary>A name of exactly the maximum length works; one byte more is NameTooLong.</summary>
    [Test]
    public async Task Name_length_limit_is_enforced_in_bytes()
    {
        int max = (int)Fs.Capabilities.MaxNameLength;
        string longest = new('n', max);
        await CreateFileAsync(Root, longest);
        Assert.That(await FileIdAsync(await LookupAsync(Root, longest)), Is.Not.Zero);
        var tooLong = await TryCreateAsync(Root, new string('n', max + 1), Request(FsalFileType.Regular, FileMode));
        Assert.That(tooLong.Status, Is.EqualTo(FsalStatus.NameTooLong));
        // Two UTF-8 bytes per character: fewer characters than the limit, more bytes.
        var multiByte = await TryCreateAsync(Root, new string('é', max / 2 + 1), Request(FsalFileType.Regular, FileMode));
        Assert.That(multiByte.Status, Is.EqualTo(FsalStatus.NameTooLong));
    }

    /// <summary>Names with non-ASCII characters, spaces and punctuation round-trip through lookup and readdir.</summary>
    [Test]
    public async Task Unusual_names_round_trip()
    {
        string[] names = ["ünïcödé", "日本語のファイル", "with space", "emoji-😀", "-dash", "dot.", ".hidden", "a\\b", "tab\tname"];
        foreach (string name in names) await CreateFileAsync(Root, name);
        foreach (string name in names) Assert.That((await LookupAsync(Root, name)).Type, Is.EqualTo(FsalFileType.Regular), name);
        Assert.That(await NamesAsync(Root), Is.EquivalentTo(names));
    }

    /// <summary>File ids are unique among many objects.</summary>
    [Test]
    public async Task File_ids_are_unique()
    {
        var ids = new HashSet<ulong> { await FileIdAsync(Root) };
        FsalObject dir = await MakeDirectoryAsync(Root, "d");
        Assert.That(ids.Add(await FileIdAsync(dir)), Is.True);
        for (int i = 0; i < 200; i++)
        {
            FsalObject obj = i % 2 == 0 ? await CreateFileAsync(dir, $"f{i}") : await MakeDirectoryAsync(dir, $"d{i}");
            Assert.That(ids.Add(await FileIdAsync(obj)), Is.True, $"duplicate file id at object {i}");
        }
    }

    /// <summary>Create reports the directory's change attribute just before and just after, and updates its times.</summary>
    [Test]
    public async Task Create_reports_directory_change_and_updates_its_times()
    {
        FsalObject dir = await MakeDirectoryAsync(Root, "d");
        await AgeAsync(dir);
        FsalAttributes before = await GetAttributesAsync(dir);
        FsalCreated created = await CreateAsync(dir, "f", Request(FsalFileType.Regular, FileMode));
        FsalAttributes after = await GetAttributesAsync(dir);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.DirectoryChange.Before, Is.EqualTo(before.Change));
            Assert.That(created.DirectoryChange.After, Is.EqualTo(after.Change));
            Assert.That(after.Change, Is.GreaterThan(before.Change));
            Assert.That(Nanos(after.ModifyTime), Is.GreaterThan(Nanos(before.ModifyTime)));
            Assert.That(Nanos(after.ChangeTime), Is.GreaterThanOrEqualTo(Nanos(before.ChangeTime)));
        }
    }

    /// <summary>A new object's times are the current time.</summary>
    [Test]
    public async Task New_object_times_are_now()
    {
        long start = Nanos(Now()) - 2_000_000_000;
        FsalAttributes a = await GetAttributesAsync(await CreateFileAsync(Root, "f"));
        long end = Nanos(Now()) + 2_000_000_000;
        Assert.That(Nanos(a.ModifyTime), Is.InRange(start, end));
        Assert.That(Nanos(a.ChangeTime), Is.InRange(start, end));
        Assert.That(Nanos(a.AccessTime), Is.InRange(start, end));
        if ((Fs.Capabilities.SupportedAttributes & FsalAttrMask.CreateTime) != 0)
            Assert.That(Nanos(a.CreateTime), Is.InRange(start, end));
    }

    /// <summary>A size given with the create of a new regular file applies: the file reads as zeros up to it.</summary>
    [Test]
    public async Task Create_with_size_makes_a_file_of_that_size()
    {
        FsalCreateRequest request = Request(FsalFileType.Regular, FileMode, exclusive: true);
        request.Attributes.Set |= FsalAttrMask.Size;
        request.Attributes.Size = 5000;
        FsalObject file = (await CreateAsync(Root, "f", request)).Object;
        Assert.That((await GetAttributesAsync(file)).Size, Is.EqualTo(5000ul));
        Assert.That(await ReadAsync(file, 0, 6000), Is.EqualTo(new byte[5000]));
    }

    /// <summary>Root may create an object owned by someone else.</summary>
    [Test]
    public async Task Root_may_create_with_explicit_owner_and_group()
    {
        FsalCreateRequest request = Request(FsalFileType.Regular, FileMode);
        request.Attributes.Set |= FsalAttrMask.Owner | FsalAttrMask.Group;
        request.Attributes.Uid = BobUid;
        request.Attributes.Gid = SharedGid;
        FsalAttributes a = await GetAttributesAsync((await CreateAsync(Root, "f", request)).Object);
        Assert.That(a.Uid, Is.EqualTo(BobUid));
        Assert.That(a.Gid, Is.EqualTo(SharedGid));
    }

    /// <summary>Creating in a directory that has been removed fails.</summary>
    [Test]
    public async Task Create_in_a_removed_directory_fails()
    {
        FsalObject dir = await MakeDirectoryAsync(Root, "d");
        Ok(await Fs.RemoveAsync(RootContext, Root, "d"));
        var result = await TryCreateAsync(dir, "f", Request(FsalFileType.Regular, FileMode));
        Assert.That(result.Status, Is.AnyOf(FsalStatus.Stale, FsalStatus.NoEntry));
    }
}
