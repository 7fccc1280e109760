using System.Text;
using Nfs.Core.Recovery;
using Nfs.Core.State;

namespace Nfs.Core.Tests.Recovery;

/// <summary>Who may reclaim, and when the grace period ends.</summary>
public sealed class GracePeriodTests
{
    private static ClientRecord Client(string owner, uint minor) => new("n", Encoding.UTF8.GetBytes(owner), minor, 1);

    private static byte[] Owner(string owner) => Encoding.UTF8.GetBytes(owner);

    [Test]
    public void Nothing_on_record_means_no_grace_period()
    {
        var grace = new GracePeriod([], 0, TimeSpan.FromMinutes(1));
        int ended = 0;
        grace.Ended += () => ended++;
        grace.Poll();
        Assert.That(grace.Active, Is.False);
        Assert.That(ended, Is.Zero, "there was no grace period to end");
    }

    [Test]
    public void Only_clients_on_record_may_reclaim()
    {
        var grace = new GracePeriod([Client("a", 1)], 0, TimeSpan.FromMinutes(1));
        Assert.That(grace.Active, Is.True);
        Assert.That(grace.IsOnRecord(Owner("a")), Is.True);
        Assert.That(grace.IsOnRecord(Owner("b")), Is.False);
    }

    [Test]
    public void It_is_lifted_once_every_recorded_41_client_completed_reclaim()
    {
        var grace = new GracePeriod([Client("a", 1), Client("b", 2)], 0, TimeSpan.FromMinutes(1));
        int ended = 0;
        grace.Ended += () => ended++;
        grace.ReclaimCompleted(Owner("a"));
        grace.ReclaimCompleted(Owner("a"));
        grace.ReclaimCompleted(Owner("stranger"));
        Assert.That(grace.Active, Is.True, "b has not completed");
        grace.ReclaimCompleted(Owner("b"));
        Assert.That(grace.Active, Is.False);
        grace.Poll();
        Assert.That(ended, Is.EqualTo(1));
    }

    [TestCase(true, TestName = "A 4.0 client on record keeps the full grace period")]
    [TestCase(false, TestName = "An NFSv3 host on record keeps the full grace period")]
    public void Clients_that_cannot_say_they_are_done_keep_it_running(bool v40)
    {
        ClientRecord[] records = v40 ? [Client("a", 1), Client("old", 0)] : [Client("a", 1)];
        var grace = new GracePeriod(records, v40 ? 0 : 1, TimeSpan.FromMinutes(1));
        grace.ReclaimCompleted(Owner("a"));
        Assert.That(grace.Active, Is.True);
    }

    [Test]
    public async Task It_ends_after_its_length_and_says_so_once()
    {
        var grace = new GracePeriod([Client("old", 0)], 0, TimeSpan.FromMilliseconds(300));
        int ended = 0;
        grace.Ended += () => Interlocked.Increment(ref ended);
        grace.Poll();
        Assert.That((grace.Active, ended), Is.EqualTo((true, 0)));
        await Task.Delay(400);
        Assert.That(grace.Active, Is.False);
        grace.Poll();
        grace.Poll();
        Assert.That(ended, Is.EqualTo(1));
    }
}
