using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Nfs.Core.Cluster;
using Nfs.Core.Nfs4;
using Nfs.Core.Recovery;
using Nfs.Core.State;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Tests.Cluster;

/// <summary>
/// A cluster node's grace period: it lasts while the cluster is in grace even with nobody of
/// its own to wait for, its own reclaim window ends on its own, it reports its end only once
/// both are over, and reclaims are answered "try again later" (DELAY) until every node of the
/// cluster enforces the grace period.
/// </summary>
public sealed class ClusterGracePeriodTests
{
    /// <summary>The cluster as the grace period sees it, set by hand.</summary>
    private sealed class FakeCluster : IClusterGrace
    {
        public bool InGrace { get; set; }
        public bool ReclaimsAllowed { get; set; } = true;
    }

    private static ClientRecord Client(string owner, uint minor) => new("n", Encoding.UTF8.GetBytes(owner), minor, 1);

    private static byte[] Owner(string owner) => Encoding.UTF8.GetBytes(owner);

    [Test]
    public void It_is_active_while_the_cluster_is_in_grace_even_with_nobody_on_record()
    {
        var cluster = new FakeCluster { InGrace = true };
        var grace = new GracePeriod([], 0, TimeSpan.FromMinutes(1), cluster);
        Assert.That(grace.LocallyDone, Is.True, "nobody to wait for here");
        Assert.That(grace.Active, Is.True, "the cluster holds it");
        cluster.InGrace = false;
        Assert.That(grace.Active, Is.False);
    }

    [Test]
    public void The_local_window_ends_on_its_own_while_the_cluster_stays_in_grace()
    {
        var cluster = new FakeCluster { InGrace = true };
        var grace = new GracePeriod([Client("a", 1)], 0, TimeSpan.FromMinutes(1), cluster);
        Assert.That((grace.LocallyDone, grace.Active), Is.EqualTo((false, true)));
        grace.ReclaimCompleted(Owner("a"));
        Assert.That((grace.LocallyDone, grace.Active), Is.EqualTo((true, true)), "done here, held by the cluster");
    }

    [Test]
    public void The_local_window_holds_it_after_the_cluster_lifted()
    {
        var cluster = new FakeCluster { InGrace = false };
        var grace = new GracePeriod([Client("a", 1)], 0, TimeSpan.FromMinutes(1), cluster);
        Assert.That((grace.LocallyDone, grace.Active), Is.EqualTo((false, true)));
        Assert.That(grace.IsOnRecord(Owner("a")), Is.True);
    }

    [Test]
    public void Ended_is_raised_once_when_both_the_local_window_and_the_cluster_grace_are_over()
    {
        var cluster = new FakeCluster { InGrace = true };
        var grace = new GracePeriod([Client("a", 1)], 0, TimeSpan.FromMinutes(1), cluster);
        int ended = 0;
        grace.Ended += () => ended++;
        grace.ReclaimCompleted(Owner("a"));
        grace.Poll();
        Assert.That(ended, Is.Zero, "the cluster is still in grace");
        cluster.InGrace = false;
        Assert.That(ended, Is.Zero, "reported by Poll, not by the cluster flag");
        grace.Poll();
        grace.Poll();
        Assert.That(ended, Is.EqualTo(1));
    }

    [Test]
    public void Ended_waits_for_the_local_window_when_the_cluster_lifts_first()
    {
        var cluster = new FakeCluster { InGrace = true };
        var grace = new GracePeriod([Client("a", 1)], 0, TimeSpan.FromMinutes(1), cluster);
        int ended = 0;
        grace.Ended += () => ended++;
        cluster.InGrace = false;
        grace.Poll();
        Assert.That(ended, Is.Zero, "a has not reclaimed yet");
        grace.ReclaimCompleted(Owner("a"));
        grace.Poll();
        Assert.That(ended, Is.EqualTo(1));
    }

    [Test]
    public void A_grace_period_held_only_by_the_cluster_ends_when_the_cluster_lifts()
    {
        var cluster = new FakeCluster { InGrace = true };
        var grace = new GracePeriod([], 0, TimeSpan.Zero, cluster);
        int ended = 0;
        grace.Ended += () => ended++;
        grace.Poll();
        Assert.That(ended, Is.Zero);
        cluster.InGrace = false;
        grace.Poll();
        Assert.That(ended, Is.EqualTo(1));
    }

    [Test]
    public void ReclaimsAllowed_follows_the_cluster_and_is_true_without_one()
    {
        var cluster = new FakeCluster { InGrace = true, ReclaimsAllowed = false };
        var grace = new GracePeriod([Client("a", 1)], 0, TimeSpan.FromMinutes(1), cluster);
        Assert.That(grace.ReclaimsAllowed, Is.False);
        cluster.ReclaimsAllowed = true;
        Assert.That(grace.ReclaimsAllowed, Is.True);
        Assert.That(new GracePeriod([Client("a", 1)], 0, TimeSpan.FromMinutes(1)).ReclaimsAllowed, Is.True);
    }

    [Test]
    public void Records_given_twice_count_once()
    {
        var grace = new GracePeriod([Client("a", 1), Client("a", 1), Client("b", 0)], 0, TimeSpan.FromMinutes(1), new FakeCluster());
        Assert.That(grace.ClientsOnRecord, Is.EqualTo(2));
        Assert.That(grace.Reclaimable.Select(r => r.Key), Is.EquivalentTo(new[] { Client("a", 1).Key, Client("b", 0).Key }));
    }

    /// <summary>CheckReclaim of a state manager whose grace period has <paramref name="cluster"/> behind it, for an NFSv4.0 client named <paramref name="owner"/>.</summary>
    private static NfsStat4 CheckReclaimOf(string owner, FakeCluster cluster, params ClientRecord[] onRecord) =>
        CheckReclaimOf(owner, cluster, TimeSpan.FromMinutes(1), onRecord);

    private static NfsStat4 CheckReclaimOf(string owner, FakeCluster cluster, TimeSpan localWindow, params ClientRecord[] onRecord)
    {
        using var state = new StateManager(new Nfs4Options(), NullLogger<StateManager>.Instance);
        state.ReplaceGrace(new GracePeriod(onRecord, 0, localWindow, cluster));
        var callback = new CallbackInfo(0x40000000, new NetAddr4("tcp", "127.0.0.1.3.1"), 1);
        var principal = new ClientPrincipal(1, 0, 0);
        Assert.That(state.SetClientId(Owner(owner), 1, principal, callback, out ulong id, out ulong confirm, out _), Is.EqualTo(NfsStat4.Ok));
        Assert.That(state.ConfirmClientId(id, confirm, principal), Is.EqualTo(NfsStat4.Ok));
        Assert.That(state.GetClient(id, out var client), Is.EqualTo(NfsStat4.Ok));
        return state.CheckReclaim(client);
    }

    [Test]
    public void CheckReclaim_answers_delay_while_some_node_does_not_enforce_yet()
    {
        var cluster = new FakeCluster { InGrace = true, ReclaimsAllowed = false };
        Assert.That(CheckReclaimOf("a", cluster, Client("a", 0)), Is.EqualTo(NfsStat4.Delay));
    }

    [Test]
    public void CheckReclaim_accepts_once_every_node_enforces()
    {
        var cluster = new FakeCluster { InGrace = true, ReclaimsAllowed = true };
        Assert.That(CheckReclaimOf("a", cluster, Client("a", 0)), Is.EqualTo(NfsStat4.Ok));
    }

    [Test]
    public void CheckReclaim_refuses_a_client_not_on_record_even_while_waiting_for_the_cluster()
    {
        var cluster = new FakeCluster { InGrace = true, ReclaimsAllowed = false };
        Assert.That(CheckReclaimOf("stranger", cluster, Client("a", 0)), Is.EqualTo(NfsStat4.NoGrace), "no use retrying: it may never reclaim");
    }

    [Test]
    public void CheckReclaim_says_no_grace_once_both_windows_are_over()
    {
        var cluster = new FakeCluster { InGrace = false, ReclaimsAllowed = false };
        Assert.That(CheckReclaimOf("a", cluster, TimeSpan.Zero, Client("a", 0)), Is.EqualTo(NfsStat4.NoGrace));
    }
}
