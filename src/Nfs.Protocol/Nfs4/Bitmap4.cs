using System.Numerics;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Nfs4;

/// <summary>
/// bitmap4 limited to the first three words (attributes 0 to 95, which covers every attribute
/// of NFSv4.0 to 4.2). Bits a client sets beyond that are remembered only as
/// <see cref="HasBitsBeyondRange"/>, so that they can be refused or ignored as the operation requires.
/// </summary>
public readonly record struct Bitmap4(uint Word0, uint Word1, uint Word2, bool HasBitsBeyondRange = false)
{
    /// <summary>Highest attribute number this type can hold, plus one.</summary>
    public const int Capacity = 96;

    /// <summary>The empty bitmap.</summary>
    public static Bitmap4 Empty => default;

    /// <summary>True when no bit is set.</summary>
    public bool IsEmpty => (Word0 | Word1 | Word2) == 0 && !HasBitsBeyondRange;

    /// <summary>Tests a bit.</summary>
    public bool this[int bit] => bit switch
    {
        < 0 => false,
        < 32 => (Word0 & (1u << bit)) != 0,
        < 64 => (Word1 & (1u << (bit - 32))) != 0,
        < 96 => (Word2 & (1u << (bit - 64))) != 0,
        _ => false,
    };

    /// <summary>Returns a copy with <paramref name="bit"/> set.</summary>
    public Bitmap4 With(int bit) => bit switch
    {
        < 0 => throw new ArgumentOutOfRangeException(nameof(bit)),
        < 32 => this with { Word0 = Word0 | (1u << bit) },
        < 64 => this with { Word1 = Word1 | (1u << (bit - 32)) },
        < 96 => this with { Word2 = Word2 | (1u << (bit - 64)) },
        _ => throw new ArgumentOutOfRangeException(nameof(bit)),
    };

    /// <summary>Returns a copy with <paramref name="bit"/> cleared.</summary>
    public Bitmap4 Without(int bit) => bit switch
    {
        < 0 => this,
        < 32 => this with { Word0 = Word0 & ~(1u << bit) },
        < 64 => this with { Word1 = Word1 & ~(1u << (bit - 32)) },
        < 96 => this with { Word2 = Word2 & ~(1u << (bit - 64)) },
        _ => this,
    };

    /// <summary>Bitwise and.</summary>
    public Bitmap4 Intersect(in Bitmap4 o) => new(Word0 & o.Word0, Word1 & o.Word1, Word2 & o.Word2);

    /// <summary>Bitwise or.</summary>
    public Bitmap4 Union(in Bitmap4 o) => new(Word0 | o.Word0, Word1 | o.Word1, Word2 | o.Word2, HasBitsBeyondRange || o.HasBitsBeyondRange);

    /// <summary>Bits of this not in <paramref name="o"/>.</summary>
    public Bitmap4 Except(in Bitmap4 o) => new(Word0 & ~o.Word0, Word1 & ~o.Word1, Word2 & ~o.Word2, HasBitsBeyondRange);

    /// <summary>True when every bit of this is also in <paramref name="o"/>.</summary>
    public bool IsSubsetOf(in Bitmap4 o) => Except(o).IsEmpty;

    /// <summary>Builds a bitmap from attribute numbers.</summary>
    public static Bitmap4 Of(params ReadOnlySpan<int> bits)
    {
        var b = Empty;
        foreach (int bit in bits) b = b.With(bit);
        return b;
    }

    /// <summary>The lowest set bit at or above <paramref name="start"/>, or -1.</summary>
    public int NextSetBit(int start)
    {
        if (start < 0) start = 0;
        for (int w = start >> 5; w < 3; w++)
        {
            uint word = w switch { 0 => Word0, 1 => Word1, _ => Word2 };
            int offset = start - (w << 5);
            if (offset > 0) word &= ~((1u << offset) - 1);
            if (word != 0) return (w << 5) + BitOperations.TrailingZeroCount(word);
            start = (w + 1) << 5;
        }
        return -1;
    }

    /// <summary>Decodes a bitmap4 of at most <see cref="Nfs4Constants.MaxBitmapWords"/> words.</summary>
    public static Bitmap4 Decode(XdrReader reader)
    {
        int n = reader.ReadArrayLength(Nfs4Constants.MaxBitmapWords);
        uint w0 = 0, w1 = 0, w2 = 0;
        bool beyond = false;
        for (int i = 0; i < n; i++)
        {
            uint w = reader.ReadUInt32();
            switch (i)
            {
                case 0: w0 = w; break;
                case 1: w1 = w; break;
                case 2: w2 = w; break;
                default: beyond |= w != 0; break;
            }
        }
        return new Bitmap4(w0, w1, w2, beyond);
    }

    /// <summary>Encodes this bitmap with the fewest words needed.</summary>
    public void Encode(XdrWriter writer)
    {
        int n = Word2 != 0 ? 3 : Word1 != 0 ? 2 : Word0 != 0 ? 1 : 0;
        writer.WriteUInt32((uint)n);
        if (n > 0) writer.WriteUInt32(Word0);
        if (n > 1) writer.WriteUInt32(Word1);
        if (n > 2) writer.WriteUInt32(Word2);
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var parts = new List<int>();
        for (int b = NextSetBit(0); b >= 0; b = NextSetBit(b + 1)) parts.Add(b);
        return "{" + string.Join(",", parts) + (HasBitsBeyondRange ? ",..." : "") + "}";
    }
}
