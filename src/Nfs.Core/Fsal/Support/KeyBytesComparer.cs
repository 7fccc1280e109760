namespace Nfs.Core.Fsal.Support;

/// <summary>
/// Compares backend keys (byte arrays) by content, and looks them up by span without
/// allocating (<c>GetAlternateLookup&lt;ReadOnlySpan&lt;byte&gt;&gt;</c>), for dictionaries keyed by object key.
/// </summary>
public sealed class KeyBytesComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    /// <summary>The one instance.</summary>
    public static readonly KeyBytesComparer Instance = new();

    private KeyBytesComparer() { }

    /// <inheritdoc/>
    public bool Equals(byte[]? x, byte[]? y) => x is not null && y is not null && x.AsSpan().SequenceEqual(y);

    /// <inheritdoc/>
    public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

    /// <inheritdoc/>
    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    /// <inheritdoc/>
    public int GetHashCode(ReadOnlySpan<byte> alternate)
    {
        var h = new HashCode();
        h.AddBytes(alternate);
        return h.ToHashCode();
    }

    /// <inheritdoc/>
    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
}
