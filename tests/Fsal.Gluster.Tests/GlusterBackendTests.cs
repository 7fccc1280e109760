using Nfs.Core.Fsal;
using NUnit.Framework;

namespace Fsal.Gluster.Tests;

/// <summary>What the Gluster backend promises beyond the conformance kit: keys that name the volume and survive a restart, identities and bytes on the brick, the volume's locks.</summary>
[TestFixture]
public sealed class GlusterBackendTests
{
    private string _path = "";
    private GlusterFileSystem _fs = null!;
    private static readonly FsalContext Root = FsalContext.Root;

    [SetUp]
    public void Open()
    {
        _path = GlusterTestVolume.CreateDirectory();
        _fs = GlusterTestVolume.Open(_path);
    }

    [TearDown]
    public void Close() => _fs?.Dispose();

    private static T Ok<T>(FsalResult<T> r) => r.IsOk ? r.Value : throw new AssertionException($"expected Ok, was {r.Status}");

    private async Task<FsalObject> WriteFileAsync(GlusterFileSystem fs, FsalContext ctx, string name, byte[] data)
    {
        var request = new FsalCreateRequest { Type = FsalFileType.Regular };
        request.Attributes.Set = FsalAttrMask.Mode;
        request.Attributes.Mode = 0x1A4;
        var file = Ok(await fs.CreateAsync(ctx, fs.Root, name, request)).Object;
        var token = Ok(await fs.OpenAsync(ctx, file, FsalOpenFlags.Write));
        Assert.That(Ok(await fs.WriteAsync(ctx, file, token, 0, data, FsalStability.FileSync)).Count, Is.EqualTo(data.Length));
        await fs.CloseAsync(file, token);
        return file;
    }

    private static byte[] KeyOf(FsalObject obj)
    {
        var key = new byte[64];
        return key[..obj.WriteKey(key)];
    }

    [Test]
    public async Task A_key_names_the_volume_and_resolves_in_a_new_instance()
    {
        var data = new byte[100_000];
        new Random(5).NextBytes(data);
        var file = await WriteFileAsync(_fs, Root, "kept", data);
        var key = KeyOf(file);
        Assert.That(key.Length, Is.EqualTo(33));
        Assert.That(key.AsSpan(1, 16).ToArray(), Is.EqualTo(_fs.VolumeId.ToArray()));

        using var restarted = GlusterTestVolume.Open(_path);
        Assert.That(restarted.Resolve(key, out var again), Is.EqualTo(FsalStatus.Ok));
        var buffer = new byte[200_000];
        var read = Ok(await restarted.ReadAsync(Root, again!, null, 0, buffer));
        Assert.That((read.Count, read.EndOfFile), Is.EqualTo((data.Length, true)));
        Assert.That(buffer[..read.Count], Is.EqualTo(data));
        var looked = Ok(await restarted.LookupAsync(Root, restarted.Root, "kept", FsalAttrMask.All));
        Assert.That(KeyOf(looked.Object), Is.EqualTo(key), "lookup in another instance gives the same key");
    }

    [Test]
    public async Task Keys_of_another_volume_are_stale_and_malformed_keys_bad()
    {
        var key = KeyOf(await WriteFileAsync(_fs, Root, "f", [1]));
        var foreign = (byte[])key.Clone();
        foreign[5] ^= 0xFF;
        Assert.That(_fs.Resolve(foreign, out _), Is.EqualTo(FsalStatus.Stale));
        Assert.That(_fs.Resolve(key.AsSpan(0, 20), out _), Is.EqualTo(FsalStatus.BadHandle));
        var badType = (byte[])key.Clone();
        badType[0] = 99;
        Assert.That(_fs.Resolve(badType, out _), Is.EqualTo(FsalStatus.BadHandle));
    }

    [Test]
    public async Task A_removed_file_is_stale_through_a_new_instance()
    {
        var key = KeyOf(await WriteFileAsync(_fs, Root, "gone", [1, 2, 3]));
        Assert.That(await _fs.RemoveAsync(Root, _fs.Root, "gone") is { IsOk: true });
        using var other = GlusterTestVolume.Open(_path);
        Assert.That(other.Resolve(key, out var obj), Is.EqualTo(FsalStatus.Ok), "resolving is lazy");
        Assert.That((await other.GetAttributesAsync(Root, obj!, FsalAttrMask.All)).Status, Is.EqualTo(FsalStatus.Stale));
    }

    [Test]
    public async Task Files_lie_on_the_brick_with_their_creator_and_bytes()
    {
        var alice = new FsalContext(new Credential(1000, 1000, [2000]));
        var data = new byte[300_000];
        new Random(9).NextBytes(data);
        await WriteFileAsync(_fs, alice, "hers", data);
        string onBrick = Path.Combine(GlusterTestVolume.Brick, _path.TrimStart('/'), "hers");
        Assert.That(await File.ReadAllBytesAsync(onBrick), Is.EqualTo(data));
        var info = new Mono.Unix.UnixFileInfo(onBrick);
        Assert.That((info.OwnerUserId, info.OwnerGroupId), Is.EqualTo((1000L, 1000L)));
    }

    [Test]
    public async Task Locks_of_two_owners_conflict_and_a_test_sees_the_holder()
    {
        var file = await WriteFileAsync(_fs, Root, "locked", new byte[10]);
        byte[] a = [1, 2, 3], b = [4, 5, 6];
        Assert.That(await _fs.LockAsync(Root, file, null, a, FsalLockType.Write, 0, 100), Is.EqualTo(FsalStatus.Ok));
        Assert.That(await _fs.LockAsync(Root, file, null, b, FsalLockType.Read, 50, 10), Is.EqualTo(FsalStatus.Locked));
        Assert.That(await _fs.LockAsync(Root, file, null, b, FsalLockType.Write, 100, ulong.MaxValue), Is.EqualTo(FsalStatus.Ok), "beyond the range");

        var seenByB = Ok(await _fs.TestLockAsync(Root, file, b, FsalLockType.Read, 0, 1));
        Assert.That(seenByB, Is.EqualTo(new FsalLockConflict(FsalLockType.Write, 0, 100)));
        var seenByA = Ok(await _fs.TestLockAsync(Root, file, a, FsalLockType.Write, 0, 100));
        Assert.That(seenByA.Exists, Is.False, "an owner's own lock is no conflict");
        var seenByC = Ok(await _fs.TestLockAsync(Root, file, new byte[300], FsalLockType.Write, 200, 1));
        Assert.That(seenByC, Is.EqualTo(new FsalLockConflict(FsalLockType.Write, 100, ulong.MaxValue)), "an owner longer than gfapi's limit");

        await _fs.ReleaseAsync(file, a);
        Assert.That(await _fs.LockAsync(Root, file, null, b, FsalLockType.Write, 0, 100), Is.EqualTo(FsalStatus.Ok), "released with its owner");
    }

    [Test]
    public async Task An_export_of_a_subdirectory_refuses_handles_from_outside_it()
    {
        var request = new FsalCreateRequest { Type = FsalFileType.Directory };
        request.Attributes.Set = FsalAttrMask.Mode;
        request.Attributes.Mode = 0x1FF;
        var inner = Ok(await _fs.CreateAsync(Root, _fs.Root, "inner", request)).Object;
        var outside = KeyOf(await WriteFileAsync(_fs, Root, "outside", [1]));
        var innerKey = KeyOf(inner);

        using var innerExport = GlusterTestVolume.Open(_path + "/inner/");
        var inside = KeyOf(await WriteFileAsync(innerExport, Root, "inside", [2]));
        Ok(await innerExport.LinkAsync(Root, Resolved(innerExport, inside), innerExport.Root, "second-name"));

        using var restarted = GlusterTestVolume.Open(_path + "/inner");
        Assert.That((await restarted.GetAttributesAsync(Root, Resolved(restarted, inside), FsalAttrMask.All)).Status, Is.EqualTo(FsalStatus.Ok), "a file inside");
        Assert.That((await restarted.GetAttributesAsync(Root, Resolved(restarted, innerKey), FsalAttrMask.All)).Status, Is.EqualTo(FsalStatus.Ok), "the exported directory itself");
        Assert.That((await restarted.GetAttributesAsync(Root, Resolved(restarted, outside), FsalAttrMask.All)).Status, Is.EqualTo(FsalStatus.Stale), "a file outside");
        Assert.That((await restarted.ReadAsync(Root, Resolved(restarted, outside), null, 0, new byte[10])).Status, Is.EqualTo(FsalStatus.Stale));
        var parentKey = KeyOf(_fs.Root);
        Assert.That((await restarted.GetAttributesAsync(Root, Resolved(restarted, parentKey), FsalAttrMask.All)).Status, Is.EqualTo(FsalStatus.Stale), "the directory above");
    }

    private static FsalObject Resolved(GlusterFileSystem fs, byte[] key)
    {
        Assert.That(fs.Resolve(key, out var obj), Is.EqualTo(FsalStatus.Ok));
        return obj!;
    }
}
