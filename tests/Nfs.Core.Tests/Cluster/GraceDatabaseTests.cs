using System.Text;
using Nfs.Core.Cluster;

namespace Nfs.Core.Tests.Cluster;

/// <summary>
/// The cluster grace database in memory: its stored text form survives a round trip and
/// anything else is refused, and the epoch and flag rules (start a grace period, lift it,
/// "everyone enforces") behave as the rados_cluster model says.
/// </summary>
public sealed class GraceDatabaseTests
{
    private static GraceDatabase Sample()
    {
        var db = new GraceDatabase { Current = 7, Recovery = 6, AdminHold = true };
        var a = db.Member("a");
        a.Up = a.Need = a.Enforcing = a.TakeoverRequested = true;
        a.RecordEpoch = 7;
        a.EndPoints = ["10.0.0.1:2049", "[fe80::1]:2049"];
        var b = db.Member("node b with spaces");
        b.RecordEpoch = 5;
        b.TakenOverBy = "a";
        var c = db.Member("nœud-ç-日本");
        c.Up = true;
        c.Enforcing = true;
        c.RecordEpoch = 7;
        c.TakenOverBy = "taker with spaces ü";
        c.EndPoints = ["192.168.1.5:12049"];
        return db;
    }

    private static void AssertSame(ClusterMember actual, ClusterMember expected)
    {
        Assert.That(actual.ToString(), Is.EqualTo(expected.ToString()), "every field shows in ToString");
        Assert.That((actual.NodeId, actual.Up, actual.Need, actual.Enforcing, actual.TakeoverRequested, actual.RecordEpoch, actual.TakenOverBy),
            Is.EqualTo((expected.NodeId, expected.Up, expected.Need, expected.Enforcing, expected.TakeoverRequested, expected.RecordEpoch, expected.TakenOverBy)));
        Assert.That(actual.EndPoints, Is.EqualTo(expected.EndPoints));
    }

    [Test]
    public void Encode_then_decode_gives_back_every_field()
    {
        var original = Sample();
        var copy = GraceDatabase.Decode(original.Encode());
        Assert.That((copy.Current, copy.Recovery, copy.AdminHold, copy.InGrace), Is.EqualTo((7UL, 6UL, true, true)));
        Assert.That(copy.Members.Keys, Is.EqualTo(original.Members.Keys));
        foreach (var (name, m) in original.Members) AssertSame(copy.Members[name], m);
    }

    [Test]
    public void A_member_with_no_flags_and_no_end_points_round_trips()
    {
        var db = new GraceDatabase { Current = 1 };
        db.Member("quiet");
        var copy = GraceDatabase.Decode(db.Encode());
        var m = copy.Members["quiet"];
        Assert.That((m.Up, m.Need, m.Enforcing, m.TakeoverRequested, m.RecordEpoch, m.TakenOverBy, m.EndPoints.Count),
            Is.EqualTo((false, false, false, false, 0UL, (string?)null, 0)));
        Assert.That((copy.Current, copy.Recovery, copy.AdminHold), Is.EqualTo((1UL, 0UL, false)));
    }

    [Test]
    public void An_empty_database_round_trips()
    {
        var copy = GraceDatabase.Decode(new GraceDatabase().Encode());
        Assert.That((copy.Current, copy.Recovery, copy.Members.Count), Is.EqualTo((1UL, 0UL, 0)));
    }

    [Test]
    public void Clone_is_deep()
    {
        var original = Sample();
        var copy = original.Clone();
        copy.Member("a").EndPoints.Add("1.2.3.4:5");
        copy.Member("a").Up = false;
        copy.Current = 99;
        Assert.That(original.Member("a").EndPoints, Has.Count.EqualTo(2));
        Assert.That((original.Member("a").Up, original.Current), Is.EqualTo((true, 7UL)));
    }

    [TestCase("", TestName = "Decode refuses empty input")]
    [TestCase("hello world\n", TestName = "Decode refuses garbage")]
    [TestCase("fsal-grace-db 2\ncurrent 1\nrecovery 0\nhold 0\nend\n", TestName = "Decode refuses another version")]
    [TestCase("fsal-grace-db 1\ncurrent 1\nrecovery 0\nhold 0\n", TestName = "Decode refuses input without the end line")]
    [TestCase("fsal-grace-db 1\ncurrent 1\nrecovery 0\n", TestName = "Decode refuses a truncated header")]
    [TestCase("fsal-grace-db 1\ncurrent x\nrecovery 0\nhold 0\nend\n", TestName = "Decode refuses a non-numeric epoch")]
    [TestCase("fsal-grace-db 1\ncurrent -1\nrecovery 0\nhold 0\nend\n", TestName = "Decode refuses a negative epoch")]
    [TestCase("fsal-grace-db 1\nrecovery 0\ncurrent 1\nhold 0\nend\n", TestName = "Decode refuses fields out of order")]
    [TestCase("fsal-grace-db 1\ncurrent 99999999999999999999999\nrecovery 0\nhold 0\nend\n", TestName = "Decode refuses an epoch too large")]
    [TestCase("fsal-grace-db 1\ncurrent 1\nrecovery 0\nhold 0\nnode YQ== up 100 99999999999999999999999 - -\nend\n", TestName = "Decode refuses a record epoch too large")]
    [TestCase("fsal-grace-db 1\ncurrent 0\nrecovery 0\nhold 0\nend\n", TestName = "Decode refuses current epoch zero")]
    [TestCase("fsal-grace-db 1\ncurrent 3\nrecovery 3\nhold 0\nend\n", TestName = "Decode refuses a recovery epoch equal to the current one")]
    [TestCase("fsal-grace-db 1\ncurrent 3\nrecovery 4\nhold 0\nend\n", TestName = "Decode refuses a recovery epoch after the current one")]
    [TestCase("fsal-grace-db 1\ncurrent 1\nrecovery 0\nhold 0\nnode YQ== up 10 1 - -\nend\n", TestName = "Decode refuses a node line with two flags")]
    [TestCase("fsal-grace-db 1\ncurrent 1\nrecovery 0\nhold 0\nnode YQ== sideways 100 1 - -\nend\n", TestName = "Decode refuses a node neither up nor down")]
    [TestCase("fsal-grace-db 1\ncurrent 1\nrecovery 0\nhold 0\nnode YQ== up 100 1 -\nend\n", TestName = "Decode refuses a node line missing a field")]
    [TestCase("fsal-grace-db 1\ncurrent 1\nrecovery 0\nhold 0\nnode !!! up 100 1 - -\nend\n", TestName = "Decode refuses a node name that is not base64")]
    [TestCase("fsal-grace-db 1\ncurrent 1\nrecovery 0\nhold 0\nnode YQ== up 100 x - -\nend\n", TestName = "Decode refuses a non-numeric record epoch")]
    [TestCase("fsal-grace-db 1\ncurrent 1\nrecovery 0\nhold 0\nmember YQ== up 100 1 - -\nend\n", TestName = "Decode refuses an unknown line")]
    public void Decode_refuses_anything_but_the_encoded_form(string text)
    {
        Assert.Throws<FormatException>(() => GraceDatabase.Decode(Encoding.ASCII.GetBytes(text)));
    }

    [Test]
    public void Decode_refuses_every_truncation_of_a_real_database()
    {
        var bytes = Sample().Encode();
        // Cut anywhere before the "end" line is complete: never a half-read database.
        int endLine = Encoding.ASCII.GetString(bytes).LastIndexOf("end", StringComparison.Ordinal);
        for (int length = 0; length < endLine + 3; length++)
        {
            Assert.Throws<FormatException>(() => GraceDatabase.Decode(bytes.AsSpan(0, length)), $"cut at {length} of {bytes.Length}");
        }
    }

    [Test]
    public void Member_adds_a_down_member_without_flags_once()
    {
        var db = new GraceDatabase();
        var m = db.Member("x");
        Assert.That((m.Up, m.Need, m.Enforcing, m.RecordEpoch), Is.EqualTo((false, false, false, 0UL)));
        Assert.That(db.Member("x"), Is.SameAs(m));
        Assert.That(db.Members, Has.Count.EqualTo(1));
    }

    [Test]
    public void StartGrace_makes_the_current_epoch_the_recovery_one_and_begins_the_next()
    {
        var db = new GraceDatabase { Current = 4 };
        Assert.That(db.InGrace, Is.False);
        Assert.That(db.StartGrace(), Is.True);
        Assert.That((db.Recovery, db.Current, db.InGrace), Is.EqualTo((4UL, 5UL, true)));
    }

    [Test]
    public void StartGrace_does_not_restart_a_running_grace_period()
    {
        var db = new GraceDatabase { Current = 4 };
        db.StartGrace();
        Assert.That(db.StartGrace(), Is.False);
        Assert.That((db.Recovery, db.Current), Is.EqualTo((4UL, 5UL)), "the epochs are those of the first start");
    }

    private static GraceDatabase InGraceWith(params (string Name, bool Up, bool Need, bool Enforcing)[] members)
    {
        var db = new GraceDatabase { Current = 2 };
        db.StartGrace();
        foreach (var (name, up, need, enforcing) in members)
        {
            var m = db.Member(name);
            (m.Up, m.Need, m.Enforcing) = (up, need, enforcing);
        }
        return db;
    }

    [Test]
    public void TryLift_is_refused_while_a_serving_member_needs_the_grace_period()
    {
        var db = InGraceWith(("a", true, true, true), ("b", true, false, true));
        Assert.That(db.TryLift(), Is.False);
        Assert.That((db.InGrace, db.Member("a").Enforcing, db.Member("b").Enforcing), Is.EqualTo((true, true, true)));
    }

    [Test]
    public void TryLift_is_refused_while_an_administrator_holds_the_grace_period()
    {
        var db = InGraceWith(("a", true, false, true));
        db.AdminHold = true;
        Assert.That(db.TryLift(), Is.False);
        Assert.That(db.InGrace, Is.True);
    }

    [Test]
    public void TryLift_ignores_the_need_of_members_that_are_down_and_clears_every_enforcing_flag()
    {
        var db = InGraceWith(("a", true, false, true), ("dead", false, true, true), ("b", true, false, true));
        Assert.That(db.TryLift(), Is.True);
        Assert.That((db.InGrace, db.Recovery, db.Current), Is.EqualTo((false, 0UL, 3UL)), "the current epoch stays");
        Assert.That(db.Members.Values.Select(m => m.Enforcing), Is.All.False);
    }

    [Test]
    public void TryLift_outside_a_grace_period_does_nothing()
    {
        var db = new GraceDatabase { Current = 3 };
        db.Member("a").Enforcing = true;
        Assert.That(db.TryLift(), Is.False);
        Assert.That(db.Member("a").Enforcing, Is.True);
    }

    [Test]
    public void AllEnforcing_counts_serving_members_only()
    {
        var db = InGraceWith(("a", true, true, true), ("dead", false, false, false));
        Assert.That(db.AllEnforcing, Is.True, "a member that is down cannot grant anything");
        db.Member("b").Up = true;
        Assert.That(db.AllEnforcing, Is.False, "b serves and has not seen the grace period");
        db.Member("b").Enforcing = true;
        Assert.That(db.AllEnforcing, Is.True);
    }
}
