using Nfs.Core.Fsal;
using NUnit.Framework;

namespace Fsal.Conformance;

/// <summary>Keys and <see cref="IFileSystem.Resolve"/>: round trips, garbage keys, stale objects.</summary>
public abstract class HandleConformanceTests : FileSystemConformanceBase
{
    /// <summary>The root's key resolves to the root directory.</summary>
    [Test]
    public async Task Root_key_resolves_to_the_root()
    {
        FsalStatus status = Resolve(KeyOf(Root), out FsalObject? resolved);
        Assert.That(status, Is.EqualTo(FsalStatus.Ok));
        Assert.That(resolved!.Type, Is.EqualTo(FsalFileType.Directory));
        Assert.That(await FileIdAsync(resolved), Is.EqualTo(await FileIdAsync(Root)));
    }

    /// <summary>Keys of every object type fit in <see cref="FsalCapabilities.MaxKeyLength"/> and resolve to an object of that type.</summary>
    [Test]
    public async Task Keys_of_every_type_round_trip()
    {
        var objects = new List<FsalObject> { await CreateFileAsync(Root, "file"), await MakeDirectoryAsync(Root, "dir") };
        if (SupportsSymlinks) objects.Add(await MakeSymlinkAsync(Root, "link", "file"));
        if (SupportsSpecialFiles) objects.Add((await CreateAsync(Root, "fifo", Request(FsalFileType.Fifo, FileMode))).Object);
        foreach (FsalObject obj in objects)
        {
            Assert.That(Resolve(KeyOf(obj), out FsalObject? resolved), Is.EqualTo(FsalStatus.Ok), obj.Type.ToString());
            Assert.That(resolved!.Type, Is.EqualTo(obj.Type));
            Assert.That(await FileIdAsync(resolved), Is.EqualTo(await FileIdAsync(obj)));
        }
    }

    /// <summary>An object found through its key behaves as the original: data written through one is read through the other.</summary>
    [Test]
    public async Task Resolved_object_shares_data_with_the_original()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        Ok(Resolve(KeyOf(file), out FsalObject? again));
        byte[] data = Pattern(100);
        await WriteAsync(again!, 0, data);
        Assert.That(await ReadAsync(file, 0, 100), Is.EqualTo(data));
    }

    /// <summary>Writing a key twice gives the same bytes, and distinct objects have distinct keys.</summary>
    [Test]
    public async Task Keys_are_stable_and_distinct()
    {
        FsalObject a = await CreateFileAsync(Root, "a");
        FsalObject b = await CreateFileAsync(Root, "b");
        Assert.That(KeyOf(a), Is.EqualTo(KeyOf(a)));
        Assert.That(KeyOf(a), Is.Not.EqualTo(KeyOf(b)));
        Assert.That(KeyOf(a), Is.Not.EqualTo(KeyOf(Root)));
    }

    /// <summary>A key survives a rename: it still resolves to the same object.</summary>
    [Test]
    public async Task Key_survives_rename()
    {
        FsalObject dir = await MakeDirectoryAsync(Root, "d");
        FsalObject file = await CreateFileAsync(Root, "f");
        byte[] key = KeyOf(file);
        Ok(await Fs.RenameAsync(RootContext, Root, "f", dir, "g"));
        Assert.That(Resolve(key, out FsalObject? resolved), Is.EqualTo(FsalStatus.Ok));
        Assert.That(await FileIdAsync(resolved!), Is.EqualTo(await FileIdAsync(await LookupAsync(dir, "g"))));
    }

    /// <summary>An empty key is not a handle.</summary>
    [Test]
    public void Empty_key_is_a_bad_handle()
    {
        Assert.That(Resolve([], out FsalObject? obj), Is.EqualTo(FsalStatus.BadHandle));
        Assert.That(obj, Is.Null);
    }

    /// <summary>A key longer than the backend's maximum cannot have been issued.</summary>
    [Test]
    public void Overlong_key_is_a_bad_handle()
    {
        byte[] key = Pattern(Fs.Capabilities.MaxKeyLength + 1);
        Assert.That(Resolve(key, out _), Is.EqualTo(FsalStatus.BadHandle));
    }

    /// <summary>The key of a removed file is stale.</summary>
    [Test]
    public async Task Key_of_a_removed_file_is_stale()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        byte[] key = KeyOf(file);
        Ok(await Fs.RemoveAsync(RootContext, Root, "f"));
        Assert.That(await ResolveLazilyAsync(key), Is.EqualTo(FsalStatus.Stale));
    }

    /// <summary>The key of a removed directory is stale.</summary>
    [Test]
    public async Task Key_of_a_removed_directory_is_stale()
    {
        FsalObject dir = await MakeDirectoryAsync(Root, "d");
        byte[] key = KeyOf(dir);
        Ok(await Fs.RemoveAsync(RootContext, Root, "d"));
        Assert.That(await ResolveLazilyAsync(key), Is.EqualTo(FsalStatus.Stale));
    }

    /// <summary>A hard-linked file stays resolvable until its last link is removed, then becomes stale.</summary>
    [Test]
    public async Task Key_of_a_linked_file_is_stale_only_after_the_last_link()
    {
        RequireHardLinks();
        FsalObject file = await CreateFileAsync(Root, "f");
        Ok(await Fs.LinkAsync(RootContext, file, Root, "g"));
        byte[] key = KeyOf(file);
        Ok(await Fs.RemoveAsync(RootContext, Root, "f"));
        Assert.That(Resolve(key, out FsalObject? stillThere), Is.EqualTo(FsalStatus.Ok));
        Assert.That((await GetAttributesAsync(stillThere!)).NumLinks, Is.EqualTo(1u));
        Ok(await Fs.RemoveAsync(RootContext, Root, "g"));
        Assert.That(await ResolveLazilyAsync(key), Is.EqualTo(FsalStatus.Stale));
    }

    /// <summary>The key of a file replaced by a rename is stale.</summary>
    [Test]
    public async Task Key_of_a_file_replaced_by_rename_is_stale()
    {
        await CreateFileAsync(Root, "a");
        FsalObject victim = await CreateFileAsync(Root, "b");
        byte[] key = KeyOf(victim);
        Ok(await Fs.RenameAsync(RootContext, Root, "a", Root, "b"));
        Assert.That(await ResolveLazilyAsync(key), Is.EqualTo(FsalStatus.Stale));
    }

    /// <summary>
    /// What a key resolves to, allowing the lazy validation the contract permits: Resolve may
    /// accept a key and leave it to the first operation to report the object stale.
    /// </summary>
    private async Task<FsalStatus> ResolveLazilyAsync(byte[] key)
    {
        var status = Resolve(key, out var obj);
        if (status != FsalStatus.Ok) return status;
        return (await Fs.GetAttributesAsync(RootContext, obj!, FsalAttrMask.All)).Status;
    }
}
