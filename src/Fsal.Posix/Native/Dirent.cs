using System.Runtime.InteropServices;

namespace Fsal.Posix.Native;

/// <summary>One struct linux_dirent64 in a getdents64 buffer: ino (8), off (8), reclen (2), type (1), NUL-terminated name.</summary>
internal readonly ref struct Dirent
{
    /// <summary>The entry's d_off: where a later getdents64 resumes after it (lseek).</summary>
    public readonly long Offset;

    /// <summary>The name with its terminating NUL.</summary>
    public readonly ReadOnlySpan<byte> NameZ;

    private Dirent(long offset, ReadOnlySpan<byte> nameZ)
    {
        Offset = offset;
        NameZ = nameZ;
    }

    /// <summary>The name without the NUL.</summary>
    public ReadOnlySpan<byte> Name => NameZ[..^1];

    /// <summary>True for "." and "..", which READDIR leaves out.</summary>
    public bool IsDotOrDotDot => NameZ is [(byte)'.', 0] or [(byte)'.', (byte)'.', 0];

    /// <summary>Reads the record at <paramref name="at"/> and moves <paramref name="at"/> past it.</summary>
    public static Dirent At(ReadOnlySpan<byte> buffer, ref int at)
    {
        var record = buffer[at..];
        long offset = MemoryMarshal.Read<long>(record[8..]);
        ushort length = MemoryMarshal.Read<ushort>(record[16..]);
        var nameZ = record[19..length];
        at += length;
        return new Dirent(offset, nameZ[..(nameZ.IndexOf((byte)0) + 1)]);
    }
}
