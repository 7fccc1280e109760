using Nfs.Core.Transport;
using NUnit.Framework;

namespace Nfs.Core.Tests.Units;

/// <summary>Replies gathered while requests read together are dispatched: only while open, only small ones, up to a bound.</summary>
[TestFixture]
public sealed class ReplyBatchTests
{
    private static byte[] Record(int length, byte fill) => Enumerable.Repeat(fill, length).ToArray();

    [Test]
    public void Takes_nothing_until_opened_and_nothing_after_closing()
    {
        using var batch = new ReplyBatch();
        Assert.That(batch.TryAdd(Record(10, 1)), Is.False, "closed at first");
        batch.Open();
        Assert.That(batch.TryAdd(Record(10, 1)), Is.True);
        Assert.That(batch.Close().Length, Is.EqualTo(10));
        Assert.That(batch.TryAdd(Record(10, 2)), Is.False, "closed again");
        Assert.That(batch.Close().IsEmpty, Is.True, "what was refused is not gathered");
    }

    [Test]
    public void Gathers_records_in_order_across_growth()
    {
        using var batch = new ReplyBatch();
        batch.Open();
        var expected = new List<byte>();
        for (int i = 0; i < 200; i++)
        {
            var record = Record(100 + i, (byte)i);
            Assert.That(batch.TryAdd(record), Is.True);
            expected.AddRange(record);
        }
        Assert.That(batch.Close().ToArray(), Is.EqualTo(expected.ToArray()));
        // Reopened, it starts empty.
        batch.Open();
        Assert.That(batch.TryAdd(Record(3, 7)), Is.True);
        Assert.That(batch.Close().ToArray(), Is.EqualTo(new byte[] { 7, 7, 7 }));
    }

    [Test]
    public void Large_replies_and_replies_past_the_bound_are_refused()
    {
        using var batch = new ReplyBatch();
        batch.Open();
        Assert.That(batch.TryAdd(Record(ReplyBatch.MaxReplyBytes + 1, 1)), Is.False, "too large to copy");
        int added = 0;
        while (batch.TryAdd(Record(ReplyBatch.MaxReplyBytes, 2))) added++;
        Assert.That(added, Is.EqualTo(ReplyBatch.MaxBatchBytes / ReplyBatch.MaxReplyBytes));
        Assert.That(batch.TryAdd(Record(1, 3)), Is.False, "full");
        Assert.That(batch.Close().Length, Is.EqualTo(ReplyBatch.MaxBatchBytes));
    }

    [Test]
    public void Replies_added_from_many_threads_are_all_kept_whole()
    {
        using var batch = new ReplyBatch();
        batch.Open();
        Parallel.For(0, 1000, i => Assert.That(batch.TryAdd(Record(8, (byte)(i % 251))), Is.True));
        var gathered = batch.Close().ToArray();
        Assert.That(gathered.Length, Is.EqualTo(8000));
        for (int at = 0; at < gathered.Length; at += 8)
            Assert.That(gathered.AsSpan(at, 8).ToArray().Distinct().Count(), Is.EqualTo(1), "records do not interleave");
    }
}
