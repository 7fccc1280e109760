using Nfs.Core.Cluster;
using Nfs.Core.Fsal;

namespace Nfs.Core.Tests.Cluster;

/// <summary>
/// The grace database on a shared backend (here a memory one with byte-range locks, each
/// "node" seeing it through a view of its own): changes are serialized by its lock, a
/// damaged or torn slot leaves the previous state readable, and liveness is a lock that the
/// backend drops when its holder dies, which a takeover claim does not stand in for.
/// </summary>
public sealed class GraceDatabaseFileTests
{
    private const string Directory = "cluster/db";
    private const int SlotSize = 64 * 1024;
    private readonly SharedMemoryBackend _backend = new();

    private async Task<(GraceDatabaseFile File, SharedMemoryBackend.View View)> OpenAsync(string node)
    {
        var view = _backend.NewView();
        return (await GraceDatabaseFile.OpenAsync(view, Directory, node), view);
    }

    private static Func<GraceDatabase, ValueTask<bool>> ChangeOf(Action<GraceDatabase> edit) => db =>
    {
        edit(db);
        return ValueTask.FromResult(true);
    };

    private static Func<GraceDatabase, ValueTask<bool>> EndPointOfA(string endPoint) => ChangeOf(db =>
    {
        var a = db.Member("a");
        a.Up = true;
        a.EndPoints = [endPoint];
    });

    private async Task<string?> EndPointSeenByAFreshReaderAsync()
    {
        var (reader, _) = await OpenAsync("reader");
        var db = await reader.ReadAsync();
        return db.Members.TryGetValue("a", out var a) ? a.EndPoints.Single() : null;
    }

    [Test]
    public async Task A_new_database_is_empty_at_epoch_one()
    {
        var (file, _) = await OpenAsync("a");
        var db = await file.ReadAsync();
        Assert.That((db.Current, db.Recovery, db.Members.Count), Is.EqualTo((1UL, 0UL, 0)));
    }

    [Test]
    public async Task A_change_is_seen_by_another_node_and_a_declined_change_writes_nothing()
    {
        var (a, _) = await OpenAsync("a");
        var (b, _) = await OpenAsync("b");
        await a.UpdateAsync(EndPointOfA("1.1.1.1:1"));
        Assert.That((await b.ReadAsync()).Member("a").EndPoints, Is.EqualTo(new[] { "1.1.1.1:1" }));
        var after = await b.UpdateAsync(db =>
        {
            db.Member("a").EndPoints = ["2.2.2.2:2"];
            return ValueTask.FromResult(false);
        });
        Assert.That(after.Member("a").EndPoints, Is.EqualTo(new[] { "2.2.2.2:2" }), "the caller sees its edit");
        Assert.That(await EndPointSeenByAFreshReaderAsync(), Is.EqualTo("1.1.1.1:1"), "but it was not written");
    }

    [Test]
    public async Task Concurrent_changes_from_two_nodes_are_serialized()
    {
        var (a, _) = await OpenAsync("a");
        var (b, _) = await OpenAsync("b");
        async Task BumpAsync(GraceDatabaseFile file)
        {
            for (int i = 0; i < 25; i++)
            {
                await file.UpdateAsync(async db =>
                {
                    ulong seen = db.Current;
                    await Task.Yield(); // let the other node try meanwhile
                    db.Current = seen + 1;
                    return true;
                });
            }
        }
        await Task.WhenAll(Task.Run(() => BumpAsync(a)), Task.Run(() => BumpAsync(b)));
        Assert.That((await a.ReadAsync()).Current, Is.EqualTo(51UL), "no increment lost");
    }

    [Test]
    public async Task A_damaged_newest_slot_leaves_the_previous_state_readable()
    {
        var (a, _) = await OpenAsync("a");
        await a.UpdateAsync(EndPointOfA("1.1.1.1:1")); // generation 1: slot 1
        await a.UpdateAsync(EndPointOfA("2.2.2.2:2")); // generation 2: slot 0
        Assert.That(await EndPointSeenByAFreshReaderAsync(), Is.EqualTo("2.2.2.2:2"));
        var dir = (await _backend.Inner.LookupAsync(FsalContext.Root, _backend.Inner.Root, "cluster", FsalAttrMask.Type)).Value.Object;
        dir = (await _backend.Inner.LookupAsync(FsalContext.Root, dir, "db", FsalAttrMask.Type)).Value.Object;
        var grace = (await _backend.Inner.LookupAsync(FsalContext.Root, dir, "grace.db", FsalAttrMask.Type)).Value.Object;
        await _backend.Inner.WriteAsync(FsalContext.Root, grace, null, 40, "#"u8.ToArray(), FsalStability.FileSync);
        Assert.That(await EndPointSeenByAFreshReaderAsync(), Is.EqualTo("1.1.1.1:1"));
    }

    [Test]
    public async Task A_write_torn_by_an_error_leaves_the_previous_state_readable()
    {
        var (a, view) = await OpenAsync("a");
        await a.UpdateAsync(EndPointOfA("1.1.1.1:1"));
        view.TearNextWrite(30);
        Assert.That(async () => await a.UpdateAsync(EndPointOfA("2.2.2.2:2")), Throws.InstanceOf<IOException>());
        Assert.That(await EndPointSeenByAFreshReaderAsync(), Is.EqualTo("1.1.1.1:1"));
        var (b, _) = await OpenAsync("b");
        await b.UpdateAsync(ChangeOf(_ => { }));
        Assert.That(await EndPointSeenByAFreshReaderAsync(), Is.EqualTo("1.1.1.1:1"), "the lock was released: others can write");
    }

    [Test]
    public async Task After_a_failed_write_the_next_one_does_not_overwrite_the_last_intact_slot()
    {
        var (a, view) = await OpenAsync("a");
        await a.UpdateAsync(EndPointOfA("1.1.1.1:1"));
        view.TearNextWrite(30);
        Assert.That(async () => await a.UpdateAsync(EndPointOfA("2.2.2.2:2")), Throws.InstanceOf<IOException>());
        // The next write is torn too (a crash this time): readers, who take no lock, must still find an intact slot.
        view.TearNextWrite(30);
        Assert.That(async () => await a.UpdateAsync(EndPointOfA("3.3.3.3:3")), Throws.InstanceOf<IOException>());
        Assert.That(await EndPointSeenByAFreshReaderAsync(), Is.EqualTo("1.1.1.1:1"));
        await a.UpdateAsync(EndPointOfA("4.4.4.4:4"));
        Assert.That(await EndPointSeenByAFreshReaderAsync(), Is.EqualTo("4.4.4.4:4"));
    }

    [Test]
    public async Task Liveness_is_a_lock_dropped_when_its_holder_dies()
    {
        var (a, aView) = await OpenAsync("a");
        var (b, _) = await OpenAsync("b");
        Assert.That(await b.IsAliveAsync("a"), Is.False, "a holds nothing yet");
        Assert.That(await a.TryHoldAliveAsync(), Is.True);
        Assert.That(await b.IsAliveAsync("a"), Is.True);
        var (twin, _) = await OpenAsync("a");
        Assert.That(await twin.TryHoldAliveAsync(), Is.False, "a runs elsewhere");
        aView.Die();
        Assert.That(await b.IsAliveAsync("a"), Is.False);
        Assert.That(await twin.TryHoldAliveAsync(), Is.True);
    }

    [Test]
    public async Task A_takeover_claim_is_exclusive_and_does_not_make_the_dead_node_look_alive()
    {
        var (b, _) = await OpenAsync("b");
        var (c, _) = await OpenAsync("c");
        Assert.That(await b.TryClaimAsync("a"), Is.True);
        Assert.That(await c.TryClaimAsync("a"), Is.False);
        Assert.That(await c.IsAliveAsync("a"), Is.False);
        var (a, _) = await OpenAsync("a");
        Assert.That(await a.TryHoldAliveAsync(), Is.True, "the claim is on a byte of its own");
        await b.ReleaseClaimAsync("a");
        Assert.That(await c.TryClaimAsync("a"), Is.True);
    }
}
