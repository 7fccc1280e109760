using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Nfs4;

/// <summary>
/// An NFS filehandle of up to 128 bytes stored inline, so the current and saved filehandles
/// of a COMPOUND live in the request context without allocation.
/// </summary>
public struct NfsFileHandle : IEquatable<NfsFileHandle>
{
    [InlineArray(Nfs4Constants.MaxFileHandleSize)]
    private struct Bytes128
    {
        private byte _element0;
    }

    private Bytes128 _bytes;
    private int _length;

    /// <summary>Length in bytes; zero means "no filehandle".</summary>
    public readonly int Length => _length;

    /// <summary>True when a filehandle is held.</summary>
    public readonly bool IsSet => _length > 0;

    /// <summary>The handle's bytes.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<byte> Span => ((ReadOnlySpan<byte>)_bytes)[.._length];

    /// <summary>Creates a filehandle from bytes (1 to 128 of them).</summary>
    public static NfsFileHandle From(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length is 0 or > Nfs4Constants.MaxFileHandleSize) throw new ArgumentException("filehandle must have 1 to 128 bytes", nameof(bytes));
        var fh = new NfsFileHandle();
        bytes.CopyTo(fh._bytes);
        fh._length = bytes.Length;
        return fh;
    }

    /// <summary>Gives a writable span of <paramref name="length"/> bytes and sets the length.</summary>
    [UnscopedRef]
    public Span<byte> Prepare(int length)
    {
        if (length is <= 0 or > Nfs4Constants.MaxFileHandleSize) throw new ArgumentOutOfRangeException(nameof(length));
        _length = length;
        return ((Span<byte>)_bytes)[..length];
    }

    /// <summary>Forgets the filehandle.</summary>
    public void Clear() => _length = 0;

    /// <summary>
    /// Decodes an nfs_fh4. Returns false (leaving the handle unset) when the length is zero or
    /// above 128, which the caller answers with NFS4ERR_BADHANDLE; the bytes are consumed either way
    /// as long as they are present.
    /// </summary>
    public static bool TryDecode(XdrReader reader, out NfsFileHandle handle)
    {
        handle = default;
        var data = reader.ReadOpaque(Nfs4Constants.OpaqueLimit).Span;
        if (data.Length is 0 or > Nfs4Constants.MaxFileHandleSize) return false;
        data.CopyTo(handle._bytes);
        handle._length = data.Length;
        return true;
    }

    /// <summary>Encodes this handle as nfs_fh4.</summary>
    public readonly void Encode(XdrWriter writer) => writer.WriteOpaque(Span);

    /// <inheritdoc/>
    public readonly bool Equals(NfsFileHandle other) => Span.SequenceEqual(other.Span);

    /// <inheritdoc/>
    public override readonly bool Equals(object? obj) => obj is NfsFileHandle o && Equals(o);

    /// <inheritdoc/>
    public override readonly int GetHashCode()
    {
        var h = new HashCode();
        h.AddBytes(Span);
        return h.ToHashCode();
    }

    /// <inheritdoc/>
    public override readonly string ToString() => Convert.ToHexString(Span);
}
