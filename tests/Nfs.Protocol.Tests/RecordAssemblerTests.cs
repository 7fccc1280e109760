using System.Buffers;
using Nfs.Protocol.Rpc;

namespace Nfs.Protocol.Tests;

[TestFixture]
public class RecordAssemblerTests
{
    private const uint Last = 0x8000_0000u;

    /// <summary>Encodes fragments with record marking, flagging the final one as last.</summary>
    private static byte[] Marked(params byte[][] fragments)
    {
        var parts = new List<byte[]>();
        for (int i = 0; i < fragments.Length; i++)
        {
            uint header = (uint)fragments[i].Length | (i == fragments.Length - 1 ? Last : 0);
            parts.Add(Wire.Words(header));
            parts.Add(fragments[i]);
        }
        return Wire.Concat([.. parts]);
    }

    private static byte[][] Fragments(params int[] sizes) =>
        sizes.Select((s, i) => Wire.Pattern(s, 1000 + i)).ToArray();

    private static RecordReadResult ReadOnce(RecordAssembler a, ref ReadOnlySequence<byte> input, out byte[] data)
    {
        var result = a.TryRead(ref input, out var record, out int length);
        data = result == RecordReadResult.Record ? record.AsSpan(0, length).ToArray() : [];
        if (result == RecordReadResult.Record) ArrayPool<byte>.Shared.Return(record);
        return result;
    }

    [TestCase(1)]
    [TestCase(4)]
    [TestCase(5)]
    [TestCase(100)]
    [TestCase(4096)]
    public void SingleFragment_IsReturnedWhole(int size)
    {
        var payload = Wire.Pattern(size);
        var input = new ReadOnlySequence<byte>(Marked(payload));
        using var a = new RecordAssembler(1 << 20);
        var result = a.TryRead(ref input, out var record, out int length);
        Assert.That(result, Is.EqualTo(RecordReadResult.Record));
        Assert.That(length, Is.EqualTo(size));
        Assert.That(record.Length, Is.GreaterThanOrEqualTo(size));
        Assert.That(record.AsSpan(0, length).ToArray(), Is.EqualTo(payload));
        Assert.That(input.Length, Is.Zero, "the whole record is consumed");
        ArrayPool<byte>.Shared.Return(record);
    }

    [Test]
    public void EmptyRecord_IsReturnedWithLengthZero()
    {
        var input = new ReadOnlySequence<byte>(Wire.Words(Last));
        using var a = new RecordAssembler(1024);
        var result = a.TryRead(ref input, out var record, out int length);
        Assert.That(result, Is.EqualTo(RecordReadResult.Record));
        Assert.That(length, Is.Zero);
        Assert.That(record, Is.Not.Null);
        Assert.That(input.Length, Is.Zero);
        ArrayPool<byte>.Shared.Return(record);
    }

    [TestCase(new[] { 10, 20 })]
    [TestCase(new[] { 3, 5, 7 })]
    [TestCase(new[] { 0, 8 })]
    [TestCase(new[] { 8, 0 })]
    [TestCase(new[] { 0, 0, 0 })]
    [TestCase(new[] { 4, 0, 0, 9, 0, 1 })]
    [TestCase(new[] { 1000, 1, 3000 })]
    public void MultiFragmentRecord_IsTheConcatenationOfItsFragments(int[] sizes)
    {
        var fragments = Fragments(sizes);
        var input = new ReadOnlySequence<byte>(Marked(fragments));
        using var a = new RecordAssembler(1 << 20);
        Assert.That(ReadOnce(a, ref input, out var data), Is.EqualTo(RecordReadResult.Record));
        Assert.That(data, Is.EqualTo(Wire.Concat(fragments)));
        Assert.That(input.Length, Is.Zero);
    }

    [TestCase(50, 1)]
    [TestCase(200, 2)]
    [TestCase(300, 3)]
    public void ManyFragments_IncludingEmptyOnes(int count, int seed)
    {
        var rng = new Random(seed);
        var sizes = Enumerable.Range(0, count).Select(_ => rng.Next(4) == 0 ? 0 : rng.Next(1, 70)).ToArray();
        var fragments = Fragments(sizes);
        var input = new ReadOnlySequence<byte>(Marked(fragments));
        using var a = new RecordAssembler(1 << 20);
        Assert.That(ReadOnce(a, ref input, out var data), Is.EqualTo(RecordReadResult.Record));
        Assert.That(data, Is.EqualTo(Wire.Concat(fragments)));
    }

    [TestCase(new[] { 17 })]
    [TestCase(new[] { 5, 0, 11 })]
    [TestCase(new[] { 1, 2, 3, 4, 5, 6 })]
    public void InputDeliveredByteByByte_YieldsTheRecordOnlyAtItsLastByte(int[] sizes)
    {
        var fragments = Fragments(sizes);
        var wire = Marked(fragments);
        using var a = new RecordAssembler(1 << 20);
        var stream = new RecordStream(a);
        for (int i = 0; i < wire.Length - 1; i++)
        {
            Assert.That(stream.Deliver(wire.AsMemory(i, 1)), Is.EqualTo(RecordReadResult.NeedMoreData), $"byte {i}");
            Assert.That(stream.Records, Is.Empty);
        }
        Assert.That(stream.Deliver(wire.AsMemory(wire.Length - 1, 1)), Is.EqualTo(RecordReadResult.NeedMoreData));
        Assert.That(stream.Records, Has.Count.EqualTo(1));
        Assert.That(stream.Records[0], Is.EqualTo(Wire.Concat(fragments)));
        Assert.That(stream.PendingBytes, Is.Zero);
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    [TestCase(6)]
    [TestCase(7)]
    [TestCase(8)]
    public void InputInArbitraryChunks_YieldsEveryRecordIntact(int seed)
    {
        var rng = new Random(seed);
        var records = new List<byte[][]>();
        for (int i = 0; i < 6; i++)
            records.Add(Fragments(Enumerable.Range(0, rng.Next(1, 5)).Select(_ => rng.Next(0, 300)).ToArray()));
        var wire = Wire.Concat(records.Select(f => Marked(f)).ToArray());

        using var a = new RecordAssembler(1 << 20);
        var stream = new RecordStream(a);
        int offset = 0;
        while (offset < wire.Length)
        {
            int size = Math.Min(wire.Length - offset, rng.Next(0, 40)); // empty chunks too
            stream.Deliver(wire.AsMemory(offset, size));
            offset += size;
        }
        Assert.That(stream.Records, Has.Count.EqualTo(records.Count));
        for (int i = 0; i < records.Count; i++)
            Assert.That(stream.Records[i], Is.EqualTo(Wire.Concat(records[i])), $"record {i}");
        Assert.That(stream.PendingBytes, Is.Zero);
    }

    [Test]
    public void MultiSegmentSequence_SplitInsideHeadersAndPayload()
    {
        var fragments = Fragments(6, 9);
        var wire = Marked(fragments); // 4 + 6 + 4 + 9 = 23 bytes
        // Cuts inside the first header, inside the first fragment, inside the second header, and empty segments.
        var input = BufferSegment.Split(wire, 1, 3, 3, 7, 11, 12, 12, 20);
        Assert.That(input.IsSingleSegment, Is.False);
        using var a = new RecordAssembler(1024);
        Assert.That(ReadOnce(a, ref input, out var data), Is.EqualTo(RecordReadResult.Record));
        Assert.That(data, Is.EqualTo(Wire.Concat(fragments)));
        Assert.That(input.Length, Is.Zero);
    }

    [Test]
    public void TwoRecordsBackToBack_AreReturnedByConsecutiveCalls()
    {
        var first = Fragments(12, 5);
        var second = Fragments(7);
        var input = new ReadOnlySequence<byte>(Wire.Concat(Marked(first), Marked(second)));
        using var a = new RecordAssembler(1024);

        Assert.That(ReadOnce(a, ref input, out var data1), Is.EqualTo(RecordReadResult.Record));
        Assert.That(data1, Is.EqualTo(Wire.Concat(first)));
        Assert.That(input.Length, Is.EqualTo(4 + 7), "the second record is left in the input");

        Assert.That(ReadOnce(a, ref input, out var data2), Is.EqualTo(RecordReadResult.Record));
        Assert.That(data2, Is.EqualTo(Wire.Concat(second)));
        Assert.That(input.Length, Is.Zero);

        Assert.That(ReadOnce(a, ref input, out _), Is.EqualTo(RecordReadResult.NeedMoreData));
    }

    [Test]
    public void RecordFollowedByPartialRecord_CompletesWhenTheRestArrives()
    {
        var first = Fragments(8);
        var second = Fragments(3, 10);
        var secondWire = Marked(second);
        var chunk1 = Wire.Concat(Marked(first), secondWire[..9]);
        using var a = new RecordAssembler(1024);
        var stream = new RecordStream(a);
        Assert.That(stream.Deliver(chunk1), Is.EqualTo(RecordReadResult.NeedMoreData));
        Assert.That(stream.Records, Has.Count.EqualTo(1));
        Assert.That(stream.Deliver(secondWire.AsMemory(9)), Is.EqualTo(RecordReadResult.NeedMoreData));
        Assert.That(stream.Records, Has.Count.EqualTo(2));
        Assert.That(stream.Records[0], Is.EqualTo(Wire.Concat(first)));
        Assert.That(stream.Records[1], Is.EqualTo(Wire.Concat(second)));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void PartialHeader_NeedsMoreDataAndConsumesNothing(int available)
    {
        var input = new ReadOnlySequence<byte>(Wire.Words(Last | 4)[..available]);
        using var a = new RecordAssembler(1024);
        Assert.That(ReadOnce(a, ref input, out _), Is.EqualTo(RecordReadResult.NeedMoreData));
        Assert.That(input.Length, Is.EqualTo(available));
    }

    [Test]
    public void PartialSecondHeader_NeedsMoreData()
    {
        var wire = Marked(Fragments(4, 4));
        var input = new ReadOnlySequence<byte>(wire[..10]); // header, 4 bytes, 2 bytes of the next header
        using var a = new RecordAssembler(1024);
        Assert.That(ReadOnce(a, ref input, out _), Is.EqualTo(RecordReadResult.NeedMoreData));
        Assert.That(input.Length, Is.EqualTo(2));
    }

    [TestCase(1025u)]
    [TestCase(4096u)]
    [TestCase(0x7FFFFFFFu)]
    [TestCase(Last | 1025u)]
    [TestCase(Last | 0x7FFFFFFFu)]
    public void FragmentAnnouncingMoreThanTheLimit_IsTooLargeBeforeItsDataArrives(uint header)
    {
        // Only the header is supplied: the refusal cannot depend on (or wait for) the data.
        var input = new ReadOnlySequence<byte>(Wire.Words(header));
        using var a = new RecordAssembler(1024);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.That(ReadOnce(a, ref input, out _), Is.EqualTo(RecordReadResult.TooLarge));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(1024),
            "nothing of the announced size is allocated");
    }

    [Test]
    public void A_large_fragment_gets_its_whole_memory_only_once_a_sixteenth_of_it_arrived()
    {
        const int fragment = 1_000_000;
        using var a = new RecordAssembler(4 * fragment);
        var stream = new RecordStream(a);
        var data = new byte[fragment];
        new Random(5).NextBytes(data);
        Assert.That(stream.Deliver(Wire.Words(Last | (uint)fragment)), Is.EqualTo(RecordReadResult.NeedMoreData));
        int sent = fragment / (2 * RecordAssembler.WholeFragmentShare);
        Assert.That(stream.Deliver(data.AsMemory(0, sent)), Is.EqualTo(RecordReadResult.NeedMoreData));
        Assert.That(a.Capacity, Is.LessThan(4 * sent), "memory follows what arrived");
        Assert.That(stream.Deliver(data.AsMemory(sent, sent)), Is.EqualTo(RecordReadResult.NeedMoreData));
        Assert.That(a.Capacity, Is.GreaterThanOrEqualTo(fragment), "a sixteenth in: the whole fragment at once, no more copies as it grows");
        for (int at = 2 * sent; at < fragment; at += 65536)
            stream.Deliver(data.AsMemory(at, Math.Min(65536, fragment - at)));
        Assert.That(stream.Records, Has.Count.EqualTo(1));
        Assert.That(stream.Records[0], Is.EqualTo(data));
    }

    [TestCase(new[] { 600 }, 425)]
    [TestCase(new[] { 1000, 24 }, 1)]
    [TestCase(new[] { 512, 0, 512 }, 1)]
    [TestCase(new[] { 100, 100, 100, 100, 100, 100, 100, 100, 100, 100 }, 25)]
    public void FragmentsSummingToMoreThanTheLimit_AreTooLargeAtTheOffendingHeader(int[] acceptedSizes, int offendingSize)
    {
        // The accepted fragments fit; the next header pushes the sum over 1024.
        var parts = new List<byte[]>();
        foreach (var f in Fragments(acceptedSizes)) { parts.Add(Wire.Words((uint)f.Length)); parts.Add(f); }
        parts.Add(Wire.Words(Last | (uint)offendingSize));
        var input = new ReadOnlySequence<byte>(Wire.Concat([.. parts]));
        using var a = new RecordAssembler(1024);
        Assert.That(ReadOnce(a, ref input, out _), Is.EqualTo(RecordReadResult.TooLarge));
        Assert.That(input.Length, Is.Zero, "refused right after the offending header, before any of its data");
    }

    [Test]
    public void FragmentsSummingToMoreThanTheLimit_DeliveredIncrementally()
    {
        using var a = new RecordAssembler(100);
        var stream = new RecordStream(a);
        Assert.That(stream.Deliver(Wire.Words(60)), Is.EqualTo(RecordReadResult.NeedMoreData));
        Assert.That(stream.Deliver(new byte[60]), Is.EqualTo(RecordReadResult.NeedMoreData));
        Assert.That(stream.Deliver(Wire.Words(Last | 41)), Is.EqualTo(RecordReadResult.TooLarge));
        Assert.That(stream.Records, Is.Empty);
    }

    [TestCase(new[] { 1024 })]
    [TestCase(new[] { 1000, 24 })]
    [TestCase(new[] { 0, 1024, 0 })]
    public void RecordOfExactlyTheLimit_IsAccepted(int[] sizes)
    {
        var fragments = Fragments(sizes);
        var input = new ReadOnlySequence<byte>(Marked(fragments));
        using var a = new RecordAssembler(1024);
        Assert.That(ReadOnce(a, ref input, out var data), Is.EqualTo(RecordReadResult.Record));
        Assert.That(data, Is.EqualTo(Wire.Concat(fragments)));
    }

    [Test]
    public void LimitAppliesPerRecord_NotAcrossRecords()
    {
        var wire = Wire.Concat(Marked(Fragments(800)), Marked(Fragments(800)), Marked(Fragments(500, 500)));
        using var a = new RecordAssembler(1024);
        var stream = new RecordStream(a);
        Assert.That(stream.Deliver(wire), Is.EqualTo(RecordReadResult.NeedMoreData));
        Assert.That(stream.Records.Select(r => r.Length), Is.EqualTo(new[] { 800, 800, 1000 }));
    }

    [TestCase(0)]
    [TestCase(15)]
    [TestCase(-1)]
    public void Constructor_RejectsTinyLimits(int max)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecordAssembler(max));
    }

    [Test]
    public void Dispose_WithAPartialRecordAndTwice_IsSafe()
    {
        var a = new RecordAssembler(1024);
        var input = new ReadOnlySequence<byte>(Wire.Concat(Wire.Words(100), new byte[50]));
        Assert.That(ReadOnce(a, ref input, out _), Is.EqualTo(RecordReadResult.NeedMoreData));
        Assert.That(input.Length, Is.Zero, "partial fragment bytes are copied out of the input");
        a.Dispose();
        Assert.DoesNotThrow(() => a.Dispose());
    }
}

[TestFixture]
public class RecordMarkingTests
{
    [TestCase("80000000", true, 0)]
    [TestCase("00000000", false, 0)]
    [TestCase("8000001C", true, 28)]
    [TestCase("0000001C", false, 28)]
    [TestCase("7FFFFFFF", false, int.MaxValue)]
    [TestCase("FFFFFFFF", true, int.MaxValue)]
    public void ReadHeader_SplitsLastFlagAndLength(string hex, bool isLast, int length)
    {
        var (last, len) = RecordMarking.ReadHeader(Wire.Hex(hex));
        Assert.That(last, Is.EqualTo(isLast));
        Assert.That(len, Is.EqualTo(length));
    }

    [TestCase(0, true, "80000000")]
    [TestCase(28, false, "0000001C")]
    [TestCase(int.MaxValue, true, "FFFFFFFF")]
    public void WriteHeader_SetsHighBitForLastFragment(int length, bool isLast, string hex)
    {
        var b = new byte[4];
        RecordMarking.WriteHeader(b, length, isLast);
        Assert.That(Convert.ToHexString(b), Is.EqualTo(hex));
    }

    [Test]
    public void WriteHeader_RejectsNegativeLength()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RecordMarking.WriteHeader(new byte[4], -1, true));
    }
}
