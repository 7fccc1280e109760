using System.Buffers.Binary;
using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Nfs4;

/// <summary>
/// The wire form of a filehandle: a version byte, a reserved byte, the export id (2 bytes,
/// big-endian) and the backend key. Nothing in it depends on the server instance or start
/// time, so handles survive restarts and are the same on every node serving the same backend.
/// </summary>
public static class FileHandleCodec
{
    /// <summary>Current handle format version.</summary>
    public const byte Version = 1;

    /// <summary>Bytes before the backend key.</summary>
    public const int HeaderSize = 4;

    /// <summary>Builds the handle of <paramref name="obj"/> in <paramref name="export"/>.</summary>
    public static void Encode(Export export, FsalObject obj, ref NfsFileHandle handle)
    {
        Span<byte> buffer = stackalloc byte[Nfs4Constants.MaxFileHandleSize];
        int keyLength = obj.WriteKey(buffer[HeaderSize..]);
        handle = Complete(export, buffer, keyLength);
    }

    /// <summary>Builds the handle of the object with backend key <paramref name="key"/> in <paramref name="export"/>.</summary>
    public static void Encode(Export export, ReadOnlySpan<byte> key, ref NfsFileHandle handle)
    {
        Span<byte> buffer = stackalloc byte[Nfs4Constants.MaxFileHandleSize];
        key.CopyTo(buffer[HeaderSize..]);
        handle = Complete(export, buffer, key.Length);
    }

    private static NfsFileHandle Complete(Export export, Span<byte> buffer, int keyLength)
    {
        buffer[0] = Version;
        buffer[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], export.Id);
        return NfsFileHandle.From(buffer[..(HeaderSize + keyLength)]);
    }

    /// <summary>Splits a handle into export id and key; false for bytes this server never makes.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> handle, out ushort exportId, out ReadOnlySpan<byte> key)
    {
        exportId = 0;
        key = default;
        if (handle.Length <= HeaderSize || handle[0] != Version || handle[1] != 0) return false;
        exportId = BinaryPrimitives.ReadUInt16BigEndian(handle[2..]);
        key = handle[HeaderSize..];
        return true;
    }
}
