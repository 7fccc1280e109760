using System.Net;
using Nfs.Core.Rpc;
using Outcome = Nfs.Core.Rpc.DuplicateRequestCache.Outcome;

namespace Nfs.Core.Tests.Units;

/// <summary>The duplicate request cache: states of a call, keys, and its bounds.</summary>
public sealed class DuplicateRequestCacheTests
{
    private static readonly IPEndPoint Client = new(IPAddress.Parse("192.0.2.1"), 700);

    private static DuplicateRequestCache.Key Key(uint xid, byte[]? args = null, IPEndPoint? client = null, uint procedure = 1) =>
        DuplicateRequestCache.KeyOf(client ?? Client, xid, 100003, 4, procedure, args ?? [1, 2, 3, 4]);

    [Test]
    public void New_call_is_New_and_a_retransmission_while_it_runs_is_InProgress()
    {
        var cache = new DuplicateRequestCache();
        Assert.That(cache.Begin(Key(1), out var reply), Is.EqualTo(Outcome.New));
        Assert.That(reply, Is.Null);
        Assert.That(cache.Begin(Key(1), out reply), Is.EqualTo(Outcome.InProgress));
        Assert.That(reply, Is.Null);
    }

    [Test]
    public void Completed_call_is_replayed_with_its_reply()
    {
        var cache = new DuplicateRequestCache();
        cache.Begin(Key(1), out _);
        cache.Complete(Key(1), [9, 8, 7]);
        Assert.That(cache.Begin(Key(1), out var reply), Is.EqualTo(Outcome.Replay));
        Assert.That(reply, Is.EqualTo(new byte[] { 9, 8, 7 }));
    }

    [Test]
    public void Abandoned_call_is_new_again()
    {
        var cache = new DuplicateRequestCache();
        cache.Begin(Key(1), out _);
        cache.Abandon(Key(1));
        Assert.That(cache.Count, Is.Zero);
        Assert.That(cache.Begin(Key(1), out _), Is.EqualTo(Outcome.New));
    }

    [Test]
    public void Complete_without_Begin_stores_nothing()
    {
        var cache = new DuplicateRequestCache();
        cache.Complete(Key(1), [1]);
        Assert.That(cache.Count, Is.Zero);
        Assert.That(cache.Begin(Key(1), out _), Is.EqualTo(Outcome.New));
    }

    [TestCase(8, true)]
    [TestCase(9, false)]
    public void Reply_is_kept_only_up_to_MaxReplySize(int length, bool kept)
    {
        var cache = new DuplicateRequestCache { MaxReplySize = 8 };
        cache.Begin(Key(1), out _);
        cache.Complete(Key(1), new byte[length]);
        Assert.That(cache.Begin(Key(1), out _), Is.EqualTo(kept ? Outcome.Replay : Outcome.New));
    }

    [Test]
    public void Entry_bound_evicts_the_least_recently_used()
    {
        var cache = new DuplicateRequestCache(maxEntries: 2);
        foreach (uint xid in new uint[] { 1, 2 })
        {
            cache.Begin(Key(xid), out _);
            cache.Complete(Key(xid), [(byte)xid]);
        }
        Assert.That(cache.Begin(Key(1), out _), Is.EqualTo(Outcome.Replay)); // 1 is now the most recent
        cache.Begin(Key(3), out _);
        cache.Complete(Key(3), [3]);
        Assert.That(cache.Count, Is.EqualTo(2));
        Assert.That(cache.Begin(Key(1), out _), Is.EqualTo(Outcome.Replay));
        Assert.That(cache.Begin(Key(2), out _), Is.EqualTo(Outcome.New), "2 was the least recently used");
    }

    [Test]
    public void Byte_bound_evicts_the_oldest_replies()
    {
        var cache = new DuplicateRequestCache(maxBytes: 10);
        cache.Begin(Key(1), out _);
        cache.Complete(Key(1), new byte[6]);
        cache.Begin(Key(2), out _);
        cache.Complete(Key(2), new byte[6]);
        Assert.That(cache.Begin(Key(2), out _), Is.EqualTo(Outcome.Replay));
        Assert.That(cache.Begin(Key(1), out _), Is.EqualTo(Outcome.New));
    }

    [Test]
    public void Replies_older_than_the_maximum_age_are_not_replayed()
    {
        var cache = new DuplicateRequestCache(maxAge: TimeSpan.FromMilliseconds(30));
        cache.Begin(Key(1), out _);
        cache.Complete(Key(1), [1]);
        Thread.Sleep(100);
        Assert.That(cache.Begin(Key(1), out _), Is.EqualTo(Outcome.New));
    }

    [Test]
    public void Key_distinguishes_xid_arguments_port_address_and_procedure()
    {
        var k = Key(1);
        Assert.That(Key(1), Is.EqualTo(k));
        Assert.That(Key(2), Is.Not.EqualTo(k));
        Assert.That(Key(1, args: [1, 2, 3, 5]), Is.Not.EqualTo(k));
        Assert.That(Key(1, args: [1, 2, 3]), Is.Not.EqualTo(k));
        Assert.That(Key(1, client: new IPEndPoint(Client.Address, 701)), Is.Not.EqualTo(k));
        Assert.That(Key(1, client: new IPEndPoint(IPAddress.Parse("192.0.2.2"), 700)), Is.Not.EqualTo(k));
        Assert.That(Key(1, procedure: 0), Is.Not.EqualTo(k));
    }

    [Test]
    public void IPv4_and_its_IPv4_mapped_IPv6_form_are_the_same_client()
    {
        var v4 = Key(1, client: new IPEndPoint(IPAddress.Parse("192.0.2.1"), 700));
        var mapped = Key(1, client: new IPEndPoint(IPAddress.Parse("::ffff:192.0.2.1"), 700));
        Assert.That(mapped, Is.EqualTo(v4));
    }

    [Test]
    public void Calls_of_different_keys_are_independent()
    {
        var cache = new DuplicateRequestCache();
        cache.Begin(Key(1), out _);
        Assert.That(cache.Begin(Key(2), out _), Is.EqualTo(Outcome.New));
        cache.Complete(Key(2), [2]);
        Assert.That(cache.Begin(Key(1), out _), Is.EqualTo(Outcome.InProgress));
        Assert.That(cache.Begin(Key(2), out var reply), Is.EqualTo(Outcome.Replay));
        Assert.That(reply, Is.EqualTo(new byte[] { 2 }));
    }
}
