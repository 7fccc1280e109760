using System.Runtime.InteropServices;

namespace Fsal.Gluster.Volumes;

/// <summary>A Gluster file id: 16 bytes that name an inode on every brick and every client of the volume.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct Gfid(ulong High, ulong Low)
{
    public const int Length = 16;

    /// <summary>Reads 16 bytes.</summary>
    public static Gfid Read(ReadOnlySpan<byte> bytes) => MemoryMarshal.Read<Gfid>(bytes);

    /// <summary>Writes the 16 bytes.</summary>
    public void Write(Span<byte> destination) => MemoryMarshal.Write(destination, in this);

    /// <inheritdoc/>
    public override string ToString()
    {
        Span<byte> b = stackalloc byte[Length];
        Write(b);
        return new Guid(b, bigEndian: true).ToString();
    }
}
