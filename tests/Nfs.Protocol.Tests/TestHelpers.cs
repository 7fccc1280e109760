using System.Buffers;
using System.Buffers.Binary;
using Nfs.Protocol.Rpc;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Tests;

/// <summary>Small helpers to build and compare wire bytes.</summary>
internal static class Wire
{
    /// <summary>Parses hex, ignoring spaces and underscores.</summary>
    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "").Replace("_", ""));

    /// <summary>Big-endian concatenation of 32-bit words.</summary>
    public static byte[] Words(params uint[] words)
    {
        var bytes = new byte[words.Length * 4];
        for (int i = 0; i < words.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(i * 4), words[i]);
        return bytes;
    }

    /// <summary>Concatenates byte arrays.</summary>
    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>Runs <paramref name="write"/> on a fresh writer and returns a copy of what it wrote.</summary>
    public static byte[] Encode(Action<XdrWriter> write, int initialCapacity = 64)
    {
        using var w = new XdrWriter(initialCapacity);
        write(w);
        return w.WrittenSpan.ToArray();
    }

    /// <summary>Asserts that <paramref name="code"/> throws an <see cref="XdrException"/> of <paramref name="kind"/>.</summary>
    public static XdrException ThrowsXdr(XdrErrorKind kind, TestDelegate code)
    {
        var ex = Assert.Throws<XdrException>(code)!;
        Assert.That(ex.Kind, Is.EqualTo(kind), ex.Message);
        return ex;
    }

    /// <summary>Deterministic pseudo-random bytes.</summary>
    public static byte[] Pattern(int length, int seed = 1)
    {
        var b = new byte[length];
        new Random(seed).NextBytes(b);
        return b;
    }
}

/// <summary>A segment of a hand-built multi-segment <see cref="ReadOnlySequence{T}"/>.</summary>
internal sealed class BufferSegment : ReadOnlySequenceSegment<byte>
{
    public BufferSegment(ReadOnlyMemory<byte> memory) => Memory = memory;

    public BufferSegment Append(ReadOnlyMemory<byte> memory)
    {
        var next = new BufferSegment(memory) { RunningIndex = RunningIndex + Memory.Length };
        Next = next;
        return next;
    }

    /// <summary>Builds a sequence whose segments are exactly <paramref name="pieces"/> (empty ones included).</summary>
    public static ReadOnlySequence<byte> Create(IReadOnlyList<ReadOnlyMemory<byte>> pieces)
    {
        if (pieces.Count == 0) return ReadOnlySequence<byte>.Empty;
        var first = new BufferSegment(pieces[0]);
        var last = first;
        for (int i = 1; i < pieces.Count; i++) last = last.Append(pieces[i]);
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>Splits <paramref name="data"/> at the given offsets into a multi-segment sequence.</summary>
    public static ReadOnlySequence<byte> Split(byte[] data, params int[] cuts)
    {
        var pieces = new List<ReadOnlyMemory<byte>>();
        int start = 0;
        foreach (int cut in cuts.Order())
        {
            pieces.Add(data.AsMemory(start, cut - start));
            start = cut;
        }
        pieces.Add(data.AsMemory(start));
        return Create(pieces);
    }
}

/// <summary>
/// Simulates a pipe reader feeding a <see cref="RecordAssembler"/>: unconsumed input is kept (as the
/// segments it came in) and handed back together with each new chunk.
/// </summary>
internal sealed class RecordStream
{
    private readonly RecordAssembler _assembler;
    private readonly List<ReadOnlyMemory<byte>> _pending = [];

    public RecordStream(RecordAssembler assembler) => _assembler = assembler;

    /// <summary>Records assembled so far (copies of exactly the returned length).</summary>
    public List<byte[]> Records { get; } = [];

    /// <summary>Bytes handed to the assembler but not consumed by it.</summary>
    public long PendingBytes => _pending.Sum(m => (long)m.Length);

    /// <summary>Adds a chunk and reads records until the assembler wants more or refuses.</summary>
    public RecordReadResult Deliver(ReadOnlyMemory<byte> chunk)
    {
        _pending.Add(chunk);
        var input = BufferSegment.Create(_pending);
        RecordReadResult result;
        while (true)
        {
            result = _assembler.TryRead(ref input, out var record, out int length);
            if (result != RecordReadResult.Record) break;
            Assert.That(record.Length, Is.GreaterThanOrEqualTo(length));
            Records.Add(record.AsSpan(0, length).ToArray());
            ArrayPool<byte>.Shared.Return(record);
        }
        _pending.Clear();
        foreach (var m in input) _pending.Add(m);
        return result;
    }
}
