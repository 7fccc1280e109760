using Nfs.Core.Cluster;

namespace Nfs.Core.Tests.Cluster;

/// <summary>
/// What an operator does to a running cluster (nodes over a shared memory backend, each
/// through a view of its own, checks driven by the test): a held grace period lasts until the
/// operator lifts it, lifting ends it whoever still needs it, a failed request changes nothing
/// and leaves the database usable; and, seen from the nodes, whether every serving peer is
/// alive, and a node that does not take over.
/// </summary>
public sealed class ClusterAdminTests
{
    private readonly SharedMemoryBackend _backend = new();
    private readonly ClusterOptions _options = new() { Enabled = true, CheckIntervalMilliseconds = 50 };
    private readonly List<ClusterNode> _nodes = [];

    [TearDown]
    public async Task Close()
    {
        foreach (var n in _nodes) await n.DisposeAsync();
    }

    private async Task<(ClusterNode Node, SharedMemoryBackend.View View)> JoinAsync(string id, ClusterOptions? options = null)
    {
        var view = _backend.NewView();
        var node = new ClusterNode(view, id, options ?? _options);
        _nodes.Add(node);
        await node.JoinAsync([id + ":2049"]);
        return (node, view);
    }

    private Task<ClusterAdmin> AdminAsync() => ClusterAdmin.OpenAsync(_backend.NewView(), _options);

    [Test]
    public async Task A_held_grace_period_lasts_until_the_operator_lifts_it()
    {
        var (a, _) = await JoinAsync("a");
        var (b, _) = await JoinAsync("b");
        var admin = await AdminAsync();
        var db = await admin.StartGraceAsync();
        Assert.That((db.InGrace, db.AdminHold, db.Recovery, db.Current), Is.EqualTo((true, true, 1UL, 2UL)));
        await a.CheckAsync();
        await b.CheckAsync();
        await a.CheckAsync();
        Assert.That((a.InGrace, a.ReclaimsAllowed, b.InGrace), Is.EqualTo((true, true, true)), "nobody needs it, but it is held");

        db = await admin.LiftGraceAsync();
        Assert.That((db.InGrace, db.AdminHold), Is.EqualTo((false, false)));
        await a.CheckAsync();
        Assert.That(a.InGrace, Is.False);
        var status = await admin.StatusAsync();
        Assert.That(status.Database.Members.Values.Select(m => (m.Need, m.Enforcing)), Is.All.EqualTo((false, false)));
        Assert.That(status.Alive, Is.EqualTo(new Dictionary<string, bool> { ["a"] = true, ["b"] = true }));
    }

    [Test]
    public async Task Lifting_ends_the_grace_period_whoever_still_needs_it()
    {
        var (a, aView) = await JoinAsync("a");
        await a.RecordAsync(new("a", "c"u8.ToArray(), 1, 0));
        aView.Die();
        var again = new ClusterNode(_backend.NewView(), "a", _options);
        _nodes.Add(again);
        var start = await again.JoinAsync(["a:2049"]);
        Assert.That(start.Reclaimable, Has.Count.EqualTo(1));
        again.LocalReclaimDone = () => false;
        var admin = await AdminAsync();
        var db = await admin.LiftGraceAsync();
        Assert.That((db.InGrace, db.Members["a"].Need), Is.EqualTo((false, false)));
        await again.CheckAsync();
        Assert.That(again.InGrace, Is.False);
        Assert.That((await admin.StatusAsync()).Database.InGrace, Is.False, "the node does not put it back");
    }

    [Test]
    public async Task Lifting_outside_a_grace_period_writes_nothing()
    {
        await JoinAsync("a");
        var admin = await AdminAsync();
        var db = await admin.LiftGraceAsync();
        Assert.That((db.InGrace, db.Current), Is.EqualTo((false, 1UL)));
    }

    [Test]
    public async Task Refused_requests_change_nothing_and_leave_the_database_usable()
    {
        await JoinAsync("a");
        await JoinAsync("b");
        var admin = await AdminAsync();
        Assert.That(async () => await admin.RequestTakeoverAsync("nobody"), Throws.InvalidOperationException);
        Assert.That(async () => await admin.RemoveAsync("a"), Throws.InvalidOperationException, "a serves");
        Assert.That(async () => await admin.RemoveAsync("nobody"), Throws.InvalidOperationException);
        // The database lock was given back each time.
        var db = (await admin.StatusAsync()).Database;
        Assert.That(db.Members.Keys, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(db.Members.Values.Select(m => (m.Up, m.TakeoverRequested)), Is.All.EqualTo((true, false)));
        await admin.RequestTakeoverAsync("a");
        Assert.That((await admin.StatusAsync()).Database.Members["a"].TakeoverRequested, Is.True);
    }

    [Test]
    public async Task A_node_taken_over_can_be_forgotten()
    {
        var (a, aView) = await JoinAsync("a");
        var (b, _) = await JoinAsync("b");
        aView.Die();
        await b.CheckAsync();
        var admin = await AdminAsync();
        var db = await admin.RemoveAsync("a");
        Assert.That(db.Members.Keys, Is.EqualTo(new[] { "b" }));
        await b.CheckAsync();
        Assert.That(await b.PeersAliveAsync(), Is.True);
    }

    [Test]
    public async Task PeersAlive_is_false_from_a_peer_death_until_its_takeover()
    {
        var (a, aView) = await JoinAsync("a");
        var (b, _) = await JoinAsync("b");
        await b.CheckAsync();
        Assert.That(await b.PeersAliveAsync(), Is.True);
        aView.Die();
        Assert.That(await b.PeersAliveAsync(), Is.False, "a lock granted now might conflict with one a's clients held");
        await b.CheckAsync();
        Assert.That(await b.PeersAliveAsync(), Is.True, "a is down in the database: its clients are in grace");
    }

    [Test]
    public async Task A_node_that_does_not_take_over_only_follows_the_grace_period()
    {
        var (a, aView) = await JoinAsync("a");
        var (b, _) = await JoinAsync("b", new ClusterOptions { Enabled = true, TakeOver = false });
        await a.RecordAsync(new("a", "c"u8.ToArray(), 1, 0));
        aView.Die();
        int tookOver = 0;
        b.TookOver += (_, _) => tookOver++;
        await b.CheckAsync();
        Assert.That(tookOver, Is.Zero);
        var db = (await (await AdminAsync()).StatusAsync()).Database;
        Assert.That((db.Members["a"].Up, db.InGrace), Is.EqualTo((true, false)));
    }
}
