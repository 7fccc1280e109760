using System.Text;
using Nfs.Core.Cluster;
using Nfs.Core.Fsal;
using Nfs.Core.Recovery;
using NUnit.Framework;

namespace Fsal.Posix.Tests;

/// <summary>
/// Cluster nodes over one shared POSIX directory, in one process: each node has a
/// PosixFileSystem of its own, so their OFD locks conflict as between gateway processes, and
/// disposing a node's PosixFileSystem drops its locks as its death would (a "crash": the
/// node's ClusterNode writes nothing more). The tests drive the nodes' periodic check
/// themselves (<see cref="ClusterNode.CheckAsync"/>) and show: joining, the client records
/// that survive a crash and start a cluster grace period, ENFORCING and NEED, the lifting of
/// the grace period, the takeover of a dead node by exactly one survivor, fencing, and the
/// database's torn-write protection.
/// </summary>
[TestFixture]
public sealed class ClusterNodeTests
{
    private string _dir = "";
    private ClusterOptions _options = null!;
    private readonly List<Node> _nodes = [];
    private readonly List<PosixFileSystem> _adminFileSystems = [];

    /// <summary>A cluster node and the filesystem it reaches the shared directory through.</summary>
    private sealed class Node
    {
        public required PosixFileSystem Fs { get; init; }
        public required ClusterNode Cluster { get; init; }
        public bool Crashed { get; set; }
        public List<(IReadOnlyList<ClientRecord> Clients, IReadOnlyList<string> EndPoints)> TookOver { get; } = [];
        public List<string> Fenced { get; } = [];
    }

    [SetUp]
    public void Create()
    {
        _dir = PosixTestDirectory.Create();
        _options = new ClusterOptions { Enabled = true, Directory = ".cluster-" + Guid.NewGuid().ToString("N")[..8], CheckIntervalMilliseconds = 50 };
    }

    [TearDown]
    public async Task Close()
    {
        foreach (var n in _nodes)
        {
            if (n.Crashed) continue;
            await n.Cluster.DisposeAsync();
            await DisposeAsync(n.Fs);
        }
        foreach (var fs in _adminFileSystems) await DisposeAsync(fs);
        _nodes.Clear();
        _adminFileSystems.Clear();
        PosixTestDirectory.Delete(_dir);
    }

    private Node NewNode(string id)
    {
        var fs = PosixTestDirectory.Open(_dir);
        var node = new Node { Fs = fs, Cluster = new ClusterNode(fs, id, _options) };
        node.Cluster.TookOver += (clients, endPoints) => node.TookOver.Add((clients, endPoints));
        node.Cluster.Fenced += node.Fenced.Add;
        _nodes.Add(node);
        return node;
    }

    /// <summary>A node that joined with one end point named after it.</summary>
    private async Task<(Node Node, RecoveryStart Start)> JoinAsync(string id)
    {
        var node = NewNode(id);
        var start = await node.Cluster.JoinAsync([EndPointOf(id)]);
        return (node, start);
    }

    private static string EndPointOf(string id) => $"10.0.0.{(id[0] % 200) + 1}:2049";

    /// <summary>The node's process "dies": its filesystem closes, so the backend drops its locks; nothing is written.</summary>
    private static Task CrashAsync(Node node)
    {
        node.Crashed = true;
        return DisposeAsync(node.Fs);
    }

    /// <summary>
    /// Disposes a filesystem from the thread pool: a test's code may be running on one of the
    /// filesystem's own worker threads (continuations of its calls), which Dispose would wait 5 s for.
    /// </summary>
    private static Task DisposeAsync(PosixFileSystem fs) => Task.Run(fs.Dispose);

    private async Task<ClusterAdmin> AdminAsync()
    {
        var fs = PosixTestDirectory.Open(_dir);
        _adminFileSystems.Add(fs);
        return await ClusterAdmin.OpenAsync(fs, _options);
    }

    private async Task<GraceDatabase> DatabaseAsync() => (await (await AdminAsync()).StatusAsync()).Database;

    private static ClientRecord Client(string node, string owner, uint minor = 1) => new(node, Encoding.UTF8.GetBytes(owner), minor, 0);

    private static IEnumerable<string> Owners(IEnumerable<ClientRecord> records) => records.Select(r => Encoding.UTF8.GetString(r.OwnerId)).Order();

    private string RecordLogPath(string nodeId, ulong epoch) =>
        Path.Combine(_dir, _options.Directory, "records", Convert.ToHexStringLower(Encoding.UTF8.GetBytes(nodeId)), epoch.ToString());

    [Test]
    public async Task The_first_node_to_join_starts_epoch_one_without_grace()
    {
        var (a, start) = await JoinAsync("a");
        Assert.That((start.Epoch, start.Reclaimable.Count), Is.EqualTo((1UL, 0)));
        Assert.That((a.Cluster.Epoch, a.Cluster.InGrace), Is.EqualTo((1UL, false)));
        var db = await DatabaseAsync();
        Assert.That((db.Current, db.Recovery), Is.EqualTo((1UL, 0UL)));
        var me = db.Members["a"];
        Assert.That((me.Up, me.Need, me.Enforcing, me.RecordEpoch), Is.EqualTo((true, false, false, 1UL)));
        Assert.That(me.EndPoints, Is.EqualTo(new[] { EndPointOf("a") }));
        await a.Cluster.CheckAsync();
        Assert.That((a.Cluster.InGrace, a.Fenced.Count, a.TookOver.Count), Is.EqualTo((false, 0, 0)), "a lone node has nothing to do");
    }

    [Test]
    public async Task Records_survive_a_crash_and_the_restart_starts_a_cluster_grace_period()
    {
        var (a, _) = await JoinAsync("a");
        await a.Cluster.RecordAsync(Client("a", "c1", 0));
        await a.Cluster.RecordAsync(Client("a", "c2", 2));
        await CrashAsync(a);

        var (again, start) = await JoinAsync("a");
        Assert.That(Owners(start.Reclaimable), Is.EqualTo(new[] { "c1", "c2" }));
        Assert.That(start.Reclaimable.Select(r => (r.NodeId, r.MinorVersion)).Order(), Is.EqualTo(new[] { ("a", 0u), ("a", 2u) }));
        Assert.That(start.Epoch, Is.EqualTo(2UL));
        var db = await DatabaseAsync();
        Assert.That((db.Recovery, db.Current, db.InGrace), Is.EqualTo((1UL, 2UL, true)));
        Assert.That((db.Members["a"].Need, db.Members["a"].Enforcing, db.Members["a"].RecordEpoch), Is.EqualTo((true, true, 2UL)));
        Assert.That((again.Cluster.InGrace, again.Cluster.ReclaimsAllowed), Is.EqualTo((true, true)), "the only node enforces");
    }

    [Test]
    public async Task A_forgotten_client_is_not_returned_after_a_crash()
    {
        var (a, _) = await JoinAsync("a");
        await a.Cluster.RecordAsync(Client("a", "stays"));
        await a.Cluster.RecordAsync(Client("a", "goes"));
        await a.Cluster.ForgetAsync(Encoding.UTF8.GetBytes("goes"));
        await a.Cluster.ForgetAsync(Encoding.UTF8.GetBytes("never-recorded"));
        await CrashAsync(a);
        var (_, start) = await JoinAsync("a");
        Assert.That(Owners(start.Reclaimable), Is.EqualTo(new[] { "stays" }));
    }

    [Test]
    public async Task A_clean_leave_keeps_the_records_for_the_next_start()
    {
        var (a, _) = await JoinAsync("a");
        await a.Cluster.RecordAsync(Client("a", "c1"));
        await a.Cluster.DisposeAsync();
        await CrashAsync(a);
        var (_, start) = await JoinAsync("a");
        Assert.That(Owners(start.Reclaimable), Is.EqualTo(new[] { "c1" }));
    }

    /// <summary>a and b serve; a restarts with clients to reclaim: the cluster enters grace (recovery epoch 1, current 2).</summary>
    private async Task<(Node A, Node B)> RestartOfAWithBServingAsync()
    {
        var (a, _) = await JoinAsync("a");
        var (b, _) = await JoinAsync("b");
        await a.Cluster.RecordAsync(Client("a", "a1"));
        await b.Cluster.RecordAsync(Client("b", "b1"));
        await CrashAsync(a);
        var (again, start) = await JoinAsync("a");
        Assert.That(Owners(start.Reclaimable), Is.EqualTo(new[] { "a1" }));
        return (again, b);
    }

    [Test]
    public async Task A_node_that_restarts_twice_in_one_grace_period_keeps_every_client_it_may_reclaim()
    {
        var (a, b) = await RestartOfAWithBServingAsync();
        a.Cluster.LocalReclaimDone = () => false; // the grace period lasts throughout
        await b.Cluster.CheckAsync();              // b enforces and records in epoch 2 from now on
        await b.Cluster.RecordAsync(Client("b", "b2"));
        await CrashAsync(b);
        var (b2, start) = await JoinAsync("b");
        Assert.That(Owners(start.Reclaimable), Is.EqualTo(new[] { "b1", "b2" }));
        // b dies again before its clients came back: they may still reclaim at its next start.
        await CrashAsync(b2);
        var (_, again) = await JoinAsync("b");
        Assert.That(Owners(again.Reclaimable), Is.EqualTo(new[] { "b1", "b2" }));
        Assert.That(again.Epoch, Is.EqualTo(2UL), "the same grace period");
    }

    [Test]
    public async Task A_serving_peer_enforces_at_its_next_check_and_moves_its_records_to_the_new_epoch()
    {
        var (a, b) = await RestartOfAWithBServingAsync();
        var db = await DatabaseAsync();
        Assert.That((db.Members["b"].Enforcing, db.Members["b"].RecordEpoch), Is.EqualTo((false, 1UL)), "b has not looked yet");
        Assert.That(b.Cluster.InGrace, Is.False, "b has not looked yet");

        await b.Cluster.CheckAsync();
        db = await DatabaseAsync();
        Assert.That((db.Members["b"].Enforcing, db.Members["b"].Need, db.Members["b"].RecordEpoch), Is.EqualTo((true, false, 2UL)));
        Assert.That(b.Cluster.InGrace, Is.True);
        Assert.That(File.ReadAllText(RecordLogPath("b", 2)), Does.Contain(Convert.ToBase64String(Encoding.UTF8.GetBytes("b1"))),
            "b's live clients are in its log of the new epoch");
        Assert.That(b.TookOver, Is.Empty, "a is alive: nothing to take over");
    }

    [Test]
    public async Task Reclaims_are_allowed_only_once_every_serving_node_enforces()
    {
        var (a, b) = await RestartOfAWithBServingAsync();
        a.Cluster.LocalReclaimDone = () => false; // a's clients have not reclaimed yet: it keeps the cluster in grace
        Assert.That(a.Cluster.ReclaimsAllowed, Is.False, "b does not enforce yet");
        await a.Cluster.CheckAsync();
        Assert.That(a.Cluster.ReclaimsAllowed, Is.False, "still not");
        await b.Cluster.CheckAsync();
        Assert.That(b.Cluster.ReclaimsAllowed, Is.True);
        await a.Cluster.CheckAsync();
        Assert.That(a.Cluster.ReclaimsAllowed, Is.True, "a sees b enforcing at its next check");
    }

    [Test]
    public async Task Need_is_dropped_when_the_local_reclaim_is_done_and_then_the_grace_period_is_lifted()
    {
        var (a, b) = await RestartOfAWithBServingAsync();
        await b.Cluster.CheckAsync();
        bool done = false;
        a.Cluster.LocalReclaimDone = () => done;
        await a.Cluster.CheckAsync();
        var db = await DatabaseAsync();
        Assert.That((db.InGrace, db.Members["a"].Need), Is.EqualTo((true, true)), "a's clients are still reclaiming");

        done = true;
        await a.Cluster.CheckAsync();
        db = await DatabaseAsync();
        Assert.That((db.InGrace, db.Recovery, db.Current), Is.EqualTo((false, 0UL, 2UL)));
        Assert.That(db.Members.Values.Select(m => (m.Need, m.Enforcing)), Is.All.EqualTo((false, false)));
        Assert.That(a.Cluster.InGrace, Is.False);
        await b.Cluster.CheckAsync();
        Assert.That(b.Cluster.InGrace, Is.False, "b follows at its next check");
    }

    [Test]
    public async Task The_grace_period_lasts_while_any_serving_node_still_needs_it()
    {
        var (a, _) = await JoinAsync("a");
        var (b, _) = await JoinAsync("b");
        await a.Cluster.RecordAsync(Client("a", "a1"));
        await b.Cluster.RecordAsync(Client("b", "b1"));
        await CrashAsync(a);
        await CrashAsync(b);
        var (a2, startA) = await JoinAsync("a");
        var (b2, startB) = await JoinAsync("b");
        Assert.That((Owners(startA.Reclaimable).Single(), Owners(startB.Reclaimable).Single()), Is.EqualTo(("a1", "b1")));
        Assert.That((startA.Epoch, startB.Epoch), Is.EqualTo((2UL, 2UL)), "b joined the grace period a started");

        await a2.Cluster.CheckAsync();
        var db = await DatabaseAsync();
        Assert.That((db.InGrace, db.Members["a"].Need, db.Members["b"].Need), Is.EqualTo((true, false, true)), "b still needs it");
        await b2.Cluster.CheckAsync();
        db = await DatabaseAsync();
        Assert.That(db.InGrace, Is.False);
    }

    [Test]
    public async Task A_dead_node_is_taken_over_with_its_clients_and_end_points()
    {
        var (a, _) = await JoinAsync("a");
        var (b, _) = await JoinAsync("b");
        await a.Cluster.RecordAsync(Client("a", "a1"));
        await a.Cluster.RecordAsync(Client("a", "a2", 0));
        await b.Cluster.RecordAsync(Client("b", "b1"));
        await b.Cluster.CheckAsync();
        Assert.That(b.TookOver, Is.Empty, "a is alive");

        await CrashAsync(a);
        await b.Cluster.CheckAsync();
        Assert.That(b.TookOver, Has.Count.EqualTo(1));
        var (clients, endPoints) = b.TookOver[0];
        Assert.That(Owners(clients), Is.EqualTo(new[] { "a1", "a2" }));
        Assert.That(clients.Select(c => c.NodeId), Is.All.EqualTo("a"));
        Assert.That(endPoints, Is.EqualTo(new[] { EndPointOf("a") }));

        var db = await DatabaseAsync();
        var dead = db.Members["a"];
        Assert.That((dead.Up, dead.TakenOverBy, dead.Need, dead.Enforcing), Is.EqualTo((false, "b", false, false)));
        Assert.That((db.InGrace, db.Recovery, db.Current), Is.EqualTo((true, 1UL, 2UL)));
        Assert.That((db.Members["b"].Need, db.Members["b"].Enforcing, db.Members["b"].RecordEpoch), Is.EqualTo((true, true, 2UL)));
        Assert.That((b.Cluster.InGrace, b.Cluster.ReclaimsAllowed), Is.EqualTo((true, true)));

        await b.Cluster.CheckAsync();
        Assert.That(b.TookOver, Has.Count.EqualTo(1), "taken over once");
    }

    [Test]
    public async Task When_the_survivor_dies_too_the_next_one_takes_over_both_nodes_clients_and_addresses()
    {
        var (a, _) = await JoinAsync("a");
        var (b, _) = await JoinAsync("b");
        var (c, _) = await JoinAsync("c");
        await a.Cluster.RecordAsync(Client("a", "a1"));
        await b.Cluster.RecordAsync(Client("b", "b1"));
        await CrashAsync(a);
        await b.Cluster.CheckAsync();
        Assert.That(b.TookOver, Has.Count.EqualTo(1), "b took a over");
        await c.Cluster.CheckAsync();

        // b dies before a1 reclaimed there: c must let a1 reclaim as well as b's own b1, and serve both addresses.
        await CrashAsync(b);
        await c.Cluster.CheckAsync();
        Assert.That(c.TookOver, Has.Count.EqualTo(1));
        var (clients, endPoints) = c.TookOver[0];
        Assert.That(Owners(clients), Is.EqualTo(new[] { "a1", "b1" }));
        Assert.That(endPoints, Is.EquivalentTo(new[] { EndPointOf("a"), EndPointOf("b") }));
        var db = await DatabaseAsync();
        Assert.That((db.Members["b"].Up, db.Members["b"].TakenOverBy), Is.EqualTo((false, "c")));
        Assert.That(db.InGrace, Is.True);
    }

    [Test]
    public async Task An_operator_lift_ends_the_local_reclaim_window_too()
    {
        var (a, _) = await JoinAsync("a");
        await a.Cluster.RecordAsync(Client("a", "a1"));
        await CrashAsync(a);
        var (a2, start) = await JoinAsync("a");
        Assert.That(Owners(start.Reclaimable), Is.EqualTo(new[] { "a1" }));
        bool lifted = false;
        a2.Cluster.LocalReclaimDone = () => lifted;
        a2.Cluster.LocalLift = () => lifted = true;
        await a2.Cluster.CheckAsync();
        Assert.That(a2.Cluster.InGrace, Is.True, "a1 has not reclaimed");

        await (await AdminAsync()).LiftGraceAsync();
        await a2.Cluster.CheckAsync();
        Assert.That(lifted, Is.True, "the node was told to end its own window");
        Assert.That((a2.Cluster.InGrace, a2.Cluster.ReclaimsAllowed), Is.EqualTo((false, true)));
    }

    [Test]
    public async Task A_dead_node_without_clients_is_taken_over_without_a_grace_period()
    {
        var (a, _) = await JoinAsync("a");
        var (b, _) = await JoinAsync("b");
        await CrashAsync(a);
        await b.Cluster.CheckAsync();
        Assert.That(b.TookOver.Single().Clients, Is.Empty);
        Assert.That(b.TookOver.Single().EndPoints, Is.EqualTo(new[] { EndPointOf("a") }), "its address still needs serving");
        var db = await DatabaseAsync();
        Assert.That((db.InGrace, db.Members["a"].Up, db.Members["a"].TakenOverBy), Is.EqualTo((false, false, "b")));
    }

    [Test]
    public async Task Only_one_of_two_survivors_takes_a_dead_node_over()
    {
        var (a, _) = await JoinAsync("a");
        var (b, _) = await JoinAsync("b");
        var (c, _) = await JoinAsync("c");
        await a.Cluster.RecordAsync(Client("a", "a1"));
        // Neither survivor is done with its reclaims, so the grace period lasts through the second round.
        b.Cluster.LocalReclaimDone = c.Cluster.LocalReclaimDone = () => false;
        await CrashAsync(a);
        await Task.WhenAll(b.Cluster.CheckAsync(), c.Cluster.CheckAsync());
        await Task.WhenAll(b.Cluster.CheckAsync(), c.Cluster.CheckAsync());
        Assert.That(b.TookOver.Count + c.TookOver.Count, Is.EqualTo(1));
        var taker = b.TookOver.Count == 1 ? "b" : "c";
        var db = await DatabaseAsync();
        Assert.That(db.Members["a"].TakenOverBy, Is.EqualTo(taker));
        Assert.That(db.Members.Values.Where(m => m.Need).Select(m => m.NodeId), Is.EqualTo(new[] { taker }));
        Assert.That((db.Members["b"].Enforcing, db.Members["c"].Enforcing), Is.EqualTo((true, true)));
    }

    [Test]
    public async Task A_node_whose_takeover_was_requested_fences_itself_and_is_taken_over()
    {
        var (a, _) = await JoinAsync("a");
        var (b, _) = await JoinAsync("b");
        await a.Cluster.RecordAsync(Client("a", "a1"));
        var admin = await AdminAsync();
        await admin.RequestTakeoverAsync("a");

        await b.Cluster.CheckAsync();
        Assert.That(b.TookOver, Is.Empty, "a still holds its liveness lock until it sees the request");
        await a.Cluster.CheckAsync();
        Assert.That(a.Fenced, Has.Count.EqualTo(1));
        Assert.That(a.Fenced[0], Does.Contain("administrator"));
        Assert.That(a.Cluster.InGrace, Is.True, "a fenced node grants nothing");
        Assert.That(await a.Cluster.PeersAliveAsync(), Is.False, "a fenced node confirms no lock");
        Assert.That((await admin.StatusAsync()).Alive["a"], Is.False, "it gave up its liveness lock");

        await b.Cluster.CheckAsync();
        Assert.That(Owners(b.TookOver.Single().Clients), Is.EqualTo(new[] { "a1" }));
        await a.Cluster.CheckAsync();
        Assert.That(a.Fenced, Has.Count.EqualTo(1), "fenced once");
        Assert.That((await DatabaseAsync()).Members["a"].TakenOverBy, Is.EqualTo("b"));
    }

    [Test]
    public async Task A_node_taken_over_while_still_running_fences_itself()
    {
        var (a, _) = await JoinAsync("a");
        var (b, _) = await JoinAsync("b");
        // The backend dropped a's liveness lock (as Gluster does when a's connection to the volume breaks) though a runs on.
        var directory = (await a.Fs.LookupAsync(FsalContext.Root, a.Fs.Root, _options.Directory, FsalAttrMask.Type)).Value.Object;
        var alive = (await a.Fs.LookupAsync(FsalContext.Root, directory, "alive", FsalAttrMask.Type)).Value.Object;
        await a.Fs.ReleaseAsync(alive, Encoding.UTF8.GetBytes("alive:a"));
        await b.Cluster.CheckAsync();
        Assert.That(b.TookOver, Has.Count.EqualTo(1));
        await a.Cluster.CheckAsync();
        Assert.That(a.Fenced.Single(), Does.Contain("taken over by b"));
        Assert.That(a.TookOver, Is.Empty, "a fenced node takes nobody over");
    }

    [Test]
    public async Task A_node_that_was_taken_over_rejoins_with_nothing_to_reclaim()
    {
        var (a, _) = await JoinAsync("a");
        var (b, _) = await JoinAsync("b");
        await a.Cluster.RecordAsync(Client("a", "a1"));
        await CrashAsync(a);
        await b.Cluster.CheckAsync();
        Assert.That(b.TookOver, Has.Count.EqualTo(1));

        var (again, start) = await JoinAsync("a");
        Assert.That(start.Reclaimable, Is.Empty, "its clients reclaim at b");
        var db = await DatabaseAsync();
        var m = db.Members["a"];
        Assert.That((m.Up, m.TakenOverBy, m.Need, m.Enforcing, m.RecordEpoch), Is.EqualTo((true, (string?)null, false, true, 2UL)),
            "it joins the running grace period and enforces it");
        await b.Cluster.CheckAsync();
        Assert.That(b.TookOver, Has.Count.EqualTo(1), "a is alive again");
        await again.Cluster.CheckAsync();
        Assert.That(again.Fenced, Is.Empty);
    }

    [Test]
    public async Task The_grace_period_of_a_takeover_is_lifted_once_the_survivor_is_done_and_old_logs_go()
    {
        var (a, _) = await JoinAsync("a");
        var (b, _) = await JoinAsync("b");
        await a.Cluster.RecordAsync(Client("a", "a1"));
        await CrashAsync(a);
        await b.Cluster.CheckAsync();
        Assert.That(File.Exists(RecordLogPath("a", 1)), Is.True);
        await b.Cluster.CheckAsync(); // LocalReclaimDone is true by default
        Assert.That((await DatabaseAsync()).InGrace, Is.False);
        await b.Cluster.EndGraceAsync();
        Assert.That(File.Exists(RecordLogPath("a", 1)), Is.False, "the dead node's records were reclaimed or are void");
        Assert.That(File.Exists(RecordLogPath("b", 1)), Is.False);
        Assert.That(File.Exists(RecordLogPath("b", 2)), Is.True, "b's current log stays");
    }

    [Test]
    public async Task The_survivor_does_not_delete_the_records_of_a_node_that_came_back()
    {
        var (a, _) = await JoinAsync("a");
        var (b, _) = await JoinAsync("b");
        var (q, _) = await JoinAsync("q");
        await a.Cluster.RecordAsync(Client("a", "a1"));
        await q.Cluster.RecordAsync(Client("q", "q1"));
        await CrashAsync(a);
        await b.Cluster.CheckAsync();                      // b takes a over: grace, epochs 1 -> 2
        Assert.That(b.TookOver, Has.Count.EqualTo(1));
        var (a2, _) = await JoinAsync("a");                // a is back, recording in epoch 2
        await a2.Cluster.RecordAsync(Client("a", "a2"));
        await b.Cluster.CheckAsync();                      // b is done: lifted
        await b.Cluster.EndGraceAsync();

        await CrashAsync(q);                               // q restarts with a client: grace, epochs 2 -> 3
        var (q2, _) = await JoinAsync("q");
        await b.Cluster.CheckAsync();                      // b moves to epoch 3; a has not looked yet
        await q2.Cluster.CheckAsync();                     // q is done: lifted
        Assert.That((await DatabaseAsync()).InGrace, Is.False);
        await b.Cluster.EndGraceAsync();                   // b's grace period ended too

        await CrashAsync(a2);                              // a dies before it looked: its clients of epoch 2 may reclaim
        var (_, start) = await JoinAsync("a");
        Assert.That(Owners(start.Reclaimable), Is.EqualTo(new[] { "a2" }));
    }

    [Test]
    public async Task A_node_id_that_is_running_elsewhere_cannot_join()
    {
        var (a, _) = await JoinAsync("a");
        var twin = NewNode("a");
        using var give = new CancellationTokenSource(TimeSpan.FromMilliseconds(800));
        // JoinAsync waits up to 30 s for the liveness lock (a survivor may be busy taking the node over): cut it short.
        Assert.That(async () => await twin.Cluster.JoinAsync(["192.0.2.1:2049"], give.Token), Throws.InstanceOf<OperationCanceledException>());
        var db = await DatabaseAsync();
        Assert.That(db.Members["a"].EndPoints, Is.EqualTo(new[] { EndPointOf("a") }), "the twin changed nothing");
        Assert.That((await (await AdminAsync()).StatusAsync()).Alive["a"], Is.True);
    }

    [Test]
    public async Task A_torn_database_write_leaves_the_previous_state_readable()
    {
        var (a, _) = await JoinAsync("a");                          // generation 1, slot 1
        await a.Cluster.PublishEndPointsAsync(["192.0.2.7:2049"]);  // generation 2, slot 0
        Assert.That((await DatabaseAsync()).Members["a"].EndPoints, Is.EqualTo(new[] { "192.0.2.7:2049" }));

        // Damage the newest slot's contents, as a write cut short by a crash would.
        var path = Path.Combine(_dir, _options.Directory, "grace.db");
        using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = 30;
            file.WriteByte((byte)'#');
        }
        Assert.That((await DatabaseAsync()).Members["a"].EndPoints, Is.EqualTo(new[] { EndPointOf("a") }), "generation 1 is read");

        await a.Cluster.PublishEndPointsAsync(["192.0.2.8:2049"]);
        var db = await DatabaseAsync();
        Assert.That(db.Members["a"].EndPoints, Is.EqualTo(new[] { "192.0.2.8:2049" }), "writing goes on");
        Assert.That(db.Members["a"].Up, Is.True);
    }
}
