using System.Buffers.Binary;
using Fsal.Conformance;
using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;
using NUnit.Framework;

namespace Fsal.Memory.Tests;

/// <summary>Behaviour specific to the memory backend, beyond the conformance kit.</summary>
public sealed class MemoryFileSystemTests
{
    private static readonly FsalContext Root = FsalContext.Root;
    private static readonly FsalContext User = new(new Credential(1000, 1000));

    private MemoryFileSystem _fs = null!;

    [SetUp]
    public void CreateFileSystem() => _fs = new MemoryFileSystem();

    private static FsalCreateRequest Request(FsalFileType type, uint mode = 0x1A4, string? target = null) => new()
    {
        Type = type,
        Attributes = new FsalSetAttributes { Set = FsalAttrMask.Mode, Mode = mode },
        LinkTarget = target,
        Device = new SpecData4(1, 3),
    };

    private async Task<FsalObject> CreateAsync(string name, FsalFileType type = FsalFileType.Regular, uint mode = 0x1A4, FsalContext? ctx = null) =>
        (await _fs.CreateAsync(ctx ?? Root, _fs.Root, name, Request(type, mode))).Value.Object;

    private async Task<FsalAttributes> AttributesAsync(FsalObject obj) => (await _fs.GetAttributesAsync(Root, obj, FsalAttrMask.All)).Value;

    private static byte[] KeyOf(FsalObject obj)
    {
        byte[] key = new byte[8];
        Assert.That(obj.WriteKey(key), Is.EqualTo(8));
        return key;
    }

    [Test]
    public void Capabilities_describe_the_backend()
    {
        FsalCapabilities caps = _fs.Capabilities;
        Assert.That(caps.MaxKeyLength, Is.EqualTo(8));
        Assert.That(caps.SupportsHardLinks && caps.SupportsSymlinks && caps.SupportsSpecialFiles, Is.True);
        Assert.That(caps.ChownRestricted, Is.True);
        Assert.That(caps.CanSetTime, Is.True);
        Assert.That(caps.TimeDeltaNanoseconds, Is.EqualTo(1u));
        Assert.That(caps.MaxNameLength, Is.EqualTo(255u));
        Assert.That(caps.MaxFileSize, Is.EqualTo((ulong)long.MaxValue));
        Assert.That(caps.SupportedAttributes, Is.EqualTo(FsalAttrMask.All));
        Assert.That(caps.ReadOnly, Is.False);
    }

    [Test]
    public async Task Root_comes_from_the_options()
    {
        var fs = new MemoryFileSystem(new MemoryFsalOptions { RootMode = 0x3FF, RootUid = 12, RootGid = 34 });
        FsalAttributes a = (await fs.GetAttributesAsync(Root, fs.Root, FsalAttrMask.All)).Value;
        Assert.That(a.Mode, Is.EqualTo(0x3FFu));
        Assert.That(a.Uid, Is.EqualTo(12u));
        Assert.That(a.Gid, Is.EqualTo(34u));
        Assert.That(a.FileId, Is.EqualTo(MemoryFileSystem.RootId));
        Assert.That(a.Valid, Is.EqualTo(FsalAttrMask.All));
        Assert.That(KeyOf(fs.Root), Is.EqualTo(new byte[] { 0, 0, 0, 0, 0, 0, 0, 1 }));
    }

    [Test]
    public async Task Key_is_the_file_id_big_endian()
    {
        FsalObject file = await CreateAsync("f");
        Assert.That(BinaryPrimitives.ReadUInt64BigEndian(KeyOf(file)), Is.EqualTo((await AttributesAsync(file)).FileId));
    }

    [TestCase(7)]
    [TestCase(9)]
    public void Key_of_the_wrong_length_is_a_bad_handle(int length)
    {
        Assert.That(_fs.Resolve(new byte[length], out _), Is.EqualTo(FsalStatus.BadHandle));
    }

    [Test]
    public void Id_zero_is_a_bad_handle_and_an_unknown_id_is_stale()
    {
        Assert.That(_fs.Resolve(new byte[8], out _), Is.EqualTo(FsalStatus.BadHandle));
        Assert.That(_fs.Resolve([0, 0, 0, 0, 0, 0, 0, 2], out FsalObject? obj), Is.EqualTo(FsalStatus.Stale));
        Assert.That(obj, Is.Null);
    }

    [Test]
    public async Task Ids_are_not_reused_after_removal()
    {
        FsalObject first = await CreateAsync("f");
        ulong firstId = (await AttributesAsync(first)).FileId;
        await _fs.RemoveAsync(Root, _fs.Root, "f");
        FsalObject second = await CreateAsync("f");
        Assert.That((await AttributesAsync(second)).FileId, Is.GreaterThan(firstId));
    }

    [Test]
    public async Task A_new_instance_does_not_reissue_ids_of_an_older_one()
    {
        ulong oldId = (await AttributesAsync(await CreateAsync("f"))).FileId;
        await Task.Delay(5); // ids derive from the millisecond clock
        var restarted = new MemoryFileSystem();
        var created = await restarted.CreateAsync(Root, restarted.Root, "f", Request(FsalFileType.Regular));
        Assert.That(created.Value.Attributes.FileId, Is.GreaterThan(oldId));
        byte[] oldKey = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(oldKey, oldId);
        Assert.That(restarted.Resolve(oldKey, out _), Is.EqualTo(FsalStatus.Stale));
    }

    [Test]
    public async Task Every_operation_on_a_held_removed_object_is_stale()
    {
        FsalObject file = await CreateAsync("f");
        FsalObject dir = await CreateAsync("d", FsalFileType.Directory, 0x1ED);
        await _fs.RemoveAsync(Root, _fs.Root, "f");
        await _fs.RemoveAsync(Root, _fs.Root, "d");
        Assert.That((await _fs.GetAttributesAsync(Root, file, FsalAttrMask.All)).Status, Is.EqualTo(FsalStatus.Stale));
        Assert.That((await _fs.SetAttributesAsync(Root, file, new FsalSetAttributes { Set = FsalAttrMask.Mode, Mode = 0 })).Status, Is.EqualTo(FsalStatus.Stale));
        Assert.That((await _fs.ReadAsync(Root, file, null, 0, new byte[1])).Status, Is.EqualTo(FsalStatus.Stale));
        Assert.That((await _fs.WriteAsync(Root, file, null, 0, new byte[] { 1 }, FsalStability.FileSync)).Status, Is.EqualTo(FsalStatus.Stale));
        Assert.That(await _fs.CommitAsync(Root, file, 0, 0), Is.EqualTo(FsalStatus.Stale));
        Assert.That((await _fs.OpenAsync(Root, file, FsalOpenFlags.Read)).Status, Is.EqualTo(FsalStatus.Stale));
        Assert.That((await _fs.CheckAccessAsync(Root, file, Access4.Read)).Status, Is.EqualTo(FsalStatus.Stale));
        Assert.That((await _fs.LinkAsync(Root, file, _fs.Root, "again")).Status, Is.EqualTo(FsalStatus.Stale));
        Assert.That(await _fs.SetXattrAsync(Root, file, "a", new byte[1], XattrSetMode.Either), Is.EqualTo(FsalStatus.Stale));
        Assert.That((await _fs.LookupAsync(Root, dir, "x", FsalAttrMask.All)).Status, Is.EqualTo(FsalStatus.Stale));
        Assert.That((await _fs.ReadDirAsync(Root, dir, 0, FsalAttrMask.All, new RecordingSink(1))).Status, Is.EqualTo(FsalStatus.Stale));
        Assert.That((await _fs.LookupParentAsync(Root, dir, FsalAttrMask.All)).Status, Is.EqualTo(FsalStatus.Stale));
        Assert.That((await _fs.CreateAsync(Root, dir, "x", Request(FsalFileType.Regular))).Status, Is.EqualTo(FsalStatus.Stale));
        Assert.That(_fs.UsedBytes, Is.Zero);
    }

    [Test]
    public async Task Objects_of_another_kind_are_bad_handles()
    {
        var foreign = new ForeignObject();
        Assert.That((await _fs.GetAttributesAsync(Root, foreign, FsalAttrMask.All)).Status, Is.EqualTo(FsalStatus.BadHandle));
        Assert.That((await _fs.ReadAsync(Root, foreign, null, 0, new byte[1])).Status, Is.EqualTo(FsalStatus.BadHandle));
        Assert.That((await _fs.LookupAsync(Root, foreign, "x", FsalAttrMask.All)).Status, Is.EqualTo(FsalStatus.BadHandle));
        Assert.That((await _fs.RenameAsync(Root, foreign, "x", _fs.Root, "y")).Status, Is.EqualTo(FsalStatus.BadHandle));
    }

    [Test]
    public async Task Readdir_cookies_start_at_3_and_increase_in_creation_order()
    {
        for (int i = 0; i < 5; i++) await CreateAsync($"f{i}");
        var sink = new RecordingSink(100);
        await _fs.ReadDirAsync(Root, _fs.Root, 0, FsalAttrMask.All, sink);
        Assert.That(sink.Entries.Select(e => e.Cookie), Is.EqualTo(new ulong[] { 3, 4, 5, 6, 7 }));
        Assert.That(sink.Entries.Select(e => e.Name), Is.EqualTo(new[] { "f0", "f1", "f2", "f3", "f4" }));
    }

    [TestCase(1ul)]
    [TestCase(2ul)]
    public async Task Reserved_cookies_read_from_the_start(ulong cookie)
    {
        await CreateAsync("a");
        var sink = new RecordingSink(10);
        Assert.That((await _fs.ReadDirAsync(Root, _fs.Root, cookie, FsalAttrMask.All, sink)).Value, Is.True);
        Assert.That(sink.Entries.Select(e => e.Name), Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public async Task Cookies_past_the_end_are_lenient()
    {
        await CreateAsync("a");
        foreach (ulong cookie in new[] { 1000ul, ulong.MaxValue })
        {
            var sink = new RecordingSink(10);
            var result = await _fs.ReadDirAsync(Root, _fs.Root, cookie, FsalAttrMask.All, sink);
            Assert.That(result.Status, Is.EqualTo(FsalStatus.Ok));
            Assert.That(result.Value, Is.True);
            Assert.That(sink.Entries, Is.Empty);
        }
    }

    [Test]
    public async Task Readdir_of_fifty_thousand_entries_pages_in_linear_time()
    {
        const int count = 50_000;
        for (int i = 0; i < count; i++)
            Assert.That((await _fs.CreateAsync(Root, _fs.Root, $"entry-{i}", Request(FsalFileType.Regular))).Status, Is.EqualTo(FsalStatus.Ok));
        // Remove every third entry so that resumption has tombstones to skip.
        for (int i = 0; i < count; i += 3) await _fs.RemoveAsync(Root, _fs.Root, $"entry-{i}");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var names = new HashSet<string>();
        ulong cookie = 0;
        int pages = 0;
        while (true)
        {
            var sink = new RecordingSink(50);
            bool end = (await _fs.ReadDirAsync(Root, _fs.Root, cookie, FsalAttrMask.All, sink)).Value;
            foreach (ReadDirEntry entry in sink.Entries) Assert.That(names.Add(entry.Name), Is.True);
            pages++;
            if (end) break;
            cookie = sink.Entries[^1].Cookie;
        }
        watch.Stop();
        Assert.That(names, Has.Count.EqualTo(count - (count + 2) / 3));
        Assert.That(pages, Is.GreaterThanOrEqualTo(names.Count / 50));
        // ~670 pages: a scan from the start per page would be ~17 million entry visits.
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public async Task Change_values_never_repeat_across_instances()
    {
        var other = new MemoryFileSystem();
        var changes = new List<ulong>();
        for (int i = 0; i < 5; i++)
        {
            changes.Add((await _fs.CreateAsync(Root, _fs.Root, $"a{i}", Request(FsalFileType.Regular))).Value.Attributes.Change);
            changes.Add((await other.CreateAsync(Root, other.Root, $"b{i}", Request(FsalFileType.Regular))).Value.Attributes.Change);
        }
        Assert.That(changes, Is.Unique);
        Assert.That(changes, Is.Ordered.Ascending);
    }

    [Test]
    public async Task Writes_are_file_sync_whatever_was_asked()
    {
        FsalObject file = await CreateAsync("f");
        var written = await _fs.WriteAsync(Root, file, null, 0, new byte[] { 1, 2 }, FsalStability.Unstable);
        Assert.That(written.Value, Is.EqualTo(new FsalWrite(2, FsalStability.FileSync)));
    }

    [Test]
    public async Task Reads_leave_the_access_time_alone()
    {
        FsalObject file = await CreateAsync("f");
        await _fs.WriteAsync(Root, file, null, 0, new byte[] { 1 }, FsalStability.FileSync);
        NfsTime4 before = (await AttributesAsync(file)).AccessTime;
        await _fs.ReadAsync(Root, file, null, 0, new byte[1]);
        Assert.That((await AttributesAsync(file)).AccessTime, Is.EqualTo(before));
    }

    [Test]
    public async Task Rename_updates_the_ctime_of_the_moved_object()
    {
        FsalObject file = await CreateAsync("f");
        ulong change = (await AttributesAsync(file)).Change;
        await _fs.RenameAsync(Root, _fs.Root, "f", _fs.Root, "g");
        Assert.That((await AttributesAsync(file)).Change, Is.GreaterThan(change));
    }

    [Test]
    public async Task Symlink_mode_is_always_0777()
    {
        var created = await _fs.CreateAsync(Root, _fs.Root, "l", Request(FsalFileType.Symlink, 0x100, "t"));
        Assert.That(created.Value.Attributes.Mode, Is.EqualTo(0x1FFu));
        var changed = await _fs.SetAttributesAsync(Root, created.Value.Object, new FsalSetAttributes { Set = FsalAttrMask.Mode, Mode = 0 });
        Assert.That(changed.Value.Mode, Is.EqualTo(0x1FFu));
    }

    [Test]
    public async Task Overlong_symlink_target_is_name_too_long()
    {
        var result = await _fs.CreateAsync(Root, _fs.Root, "l", Request(FsalFileType.Symlink, 0x1FF, new string('t', 4096)));
        Assert.That(result.Status, Is.EqualTo(FsalStatus.NameTooLong));
        var longest = await _fs.CreateAsync(Root, _fs.Root, "l", Request(FsalFileType.Symlink, 0x1FF, new string('t', 4095)));
        Assert.That(longest.Status, Is.EqualTo(FsalStatus.Ok));
    }

    [TestCase("")]
    [TestCase(".")]
    [TestCase("..")]
    [TestCase("a/b")]
    [TestCase("nul\0")]
    public async Task Invalid_names_are_refused(string name)
    {
        Assert.That((await _fs.CreateAsync(Root, _fs.Root, name, Request(FsalFileType.Regular))).Status, Is.EqualTo(FsalStatus.Invalid));
        Assert.That((await _fs.LookupAsync(Root, _fs.Root, name, FsalAttrMask.All)).Status, Is.EqualTo(FsalStatus.Invalid));
    }

    [Test]
    public async Task Unknown_object_types_are_bad_type()
    {
        var result = await _fs.CreateAsync(Root, _fs.Root, "x", Request((FsalFileType)42));
        Assert.That(result.Status, Is.EqualTo(FsalStatus.BadType));
    }

    [Test]
    public async Task Only_root_creates_devices()
    {
        var byUser = await _fs.CreateAsync(User, _fs.Root, "dev", Request(FsalFileType.CharacterDevice));
        Assert.That(byUser.Status, Is.EqualTo(FsalStatus.NotPermitted));
        var fifo = await _fs.CreateAsync(User, _fs.Root, "fifo", Request(FsalFileType.Fifo));
        Assert.That(fifo.Status, Is.EqualTo(FsalStatus.Ok));
    }

    [Test]
    public async Task Unprivileged_write_clears_setuid()
    {
        FsalObject file = await CreateAsync("f", mode: 0x1FF, ctx: User);
        await _fs.SetAttributesAsync(User, file, new FsalSetAttributes { Set = FsalAttrMask.Mode, Mode = 0xDFF }); // 06777
        Assert.That((await AttributesAsync(file)).Mode, Is.EqualTo(0xDFFu));
        await _fs.WriteAsync(User, file, null, 0, new byte[] { 1 }, FsalStability.FileSync);
        Assert.That((await AttributesAsync(file)).Mode, Is.EqualTo(0x1FFu), "setuid and (group-executable) setgid go");
        await _fs.SetAttributesAsync(Root, file, new FsalSetAttributes { Set = FsalAttrMask.Mode, Mode = 0xDFF });
        await _fs.WriteAsync(Root, file, null, 0, new byte[] { 1 }, FsalStability.FileSync);
        Assert.That((await AttributesAsync(file)).Mode, Is.EqualTo(0xDFFu), "root's writes keep them");
    }

    [Test]
    public async Task Chown_clears_setuid()
    {
        FsalObject file = await CreateAsync("f", mode: 0x9ED); // 04755
        await _fs.SetAttributesAsync(Root, file, new FsalSetAttributes { Set = FsalAttrMask.Owner, Uid = 1000 });
        FsalAttributes a = await AttributesAsync(file);
        Assert.That(a.Uid, Is.EqualTo(1000u));
        Assert.That(a.Mode, Is.EqualTo(0x1EDu));
    }

    [Test]
    public async Task Chmod_by_a_non_member_drops_setgid()
    {
        FsalObject file = await CreateAsync("f", ctx: User);
        await _fs.SetAttributesAsync(Root, file, new FsalSetAttributes { Set = FsalAttrMask.Group, Gid = 5000 });
        var result = await _fs.SetAttributesAsync(User, file, new FsalSetAttributes { Set = FsalAttrMask.Mode, Mode = 0x5ED }); // 02755
        Assert.That(result.Value.Mode, Is.EqualTo(0x1EDu));
    }

    [Test]
    public async Task Invalid_client_time_is_invalid()
    {
        FsalObject file = await CreateAsync("f");
        var result = await _fs.SetAttributesAsync(Root, file, new FsalSetAttributes { ModifyTimeHow = FsalTimeSet.ClientTime, ModifyTime = new NfsTime4(1, 1_000_000_000) });
        Assert.That(result.Status, Is.EqualTo(FsalStatus.Invalid));
    }

    [Test]
    public async Task Size_of_a_non_regular_file_cannot_be_set()
    {
        FsalObject fifo = await CreateAsync("p", FsalFileType.Fifo);
        var result = await _fs.SetAttributesAsync(Root, fifo, new FsalSetAttributes { Set = FsalAttrMask.Size, Size = 1 });
        Assert.That(result.Status, Is.EqualTo(FsalStatus.Invalid));
        Assert.That((await _fs.ReadAsync(Root, fifo, null, 0, new byte[1])).Status, Is.EqualTo(FsalStatus.Invalid));
    }

    [Test]
    public async Task Extended_attribute_limits()
    {
        FsalObject file = await CreateAsync("f");
        Assert.That(await _fs.SetXattrAsync(Root, file, "big", new byte[MemoryFileSystem.MaxXattrValueBytes], XattrSetMode.Either), Is.EqualTo(FsalStatus.Ok));
        Assert.That(await _fs.SetXattrAsync(Root, file, "bigger", new byte[MemoryFileSystem.MaxXattrValueBytes + 1], XattrSetMode.Either), Is.EqualTo(FsalStatus.XattrTooBig));
        Assert.That(await _fs.SetXattrAsync(Root, file, new string('n', 256), new byte[1], XattrSetMode.Either), Is.EqualTo(FsalStatus.NameTooLong));
        Assert.That(await _fs.SetXattrAsync(Root, file, "", new byte[1], XattrSetMode.Either), Is.EqualTo(FsalStatus.Invalid));
    }

    [Test]
    public async Task Extended_attribute_names_are_listed_in_order()
    {
        FsalObject file = await CreateAsync("f");
        foreach (string name in new[] { "b", "c", "a" }) await _fs.SetXattrAsync(Root, file, name, new byte[1], XattrSetMode.Either);
        Assert.That((await _fs.ListXattrsAsync(Root, file)).Value, Is.EqualTo(new[] { "a", "b", "c" }));
    }

    [Test]
    public async Task Rename_moving_a_directory_needs_write_on_it()
    {
        var shared = await _fs.CreateAsync(Root, _fs.Root, "shared", Request(FsalFileType.Directory, 0x1FF));
        var target = await _fs.CreateAsync(Root, _fs.Root, "target", Request(FsalFileType.Directory, 0x1FF));
        await _fs.CreateAsync(Root, shared.Value.Object, "sub", Request(FsalFileType.Directory, 0x16D)); // root's, 0555
        var moved = await _fs.RenameAsync(User, shared.Value.Object, "sub", target.Value.Object, "sub");
        Assert.That(moved.Status, Is.EqualTo(FsalStatus.AccessDenied));
        var renamedInPlace = await _fs.RenameAsync(User, shared.Value.Object, "sub", shared.Value.Object, "sub2");
        Assert.That(renamedInPlace.Status, Is.EqualTo(FsalStatus.Ok), "a rename within one parent leaves \"..\" alone");
    }

    [Test]
    public async Task Default_context_is_treated_as_anonymous()
    {
        FsalObject file = await CreateAsync("f", mode: 0x180);
        var result = await _fs.ReadAsync(default, file, null, 0, new byte[1]);
        Assert.That(result.Status, Is.EqualTo(FsalStatus.AccessDenied));
    }

    private sealed class ForeignObject : FsalObject
    {
        public override FsalFileType Type => FsalFileType.Regular;

        public override int WriteKey(Span<byte> destination) => 0;
    }
}
