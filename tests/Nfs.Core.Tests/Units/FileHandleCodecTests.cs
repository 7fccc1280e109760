using Fsal.Memory;
using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Core.Nfs4;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Tests.Units;

/// <summary>The wire format of filehandles: version, reserved byte, export id, backend key.</summary>
public sealed class FileHandleCodecTests
{
    private static Export ExportWithId(int id) => new(new ExportOptions { Id = id }, new MemoryFileSystem());

    [TestCase(1, new byte[] { 9 })]
    [TestCase(0x0102, new byte[] { 9, 8, 7, 6 })]
    [TestCase(65535, new byte[] { 0, 0, 0, 0, 0, 0, 0, 1 })]
    public void Encoded_handle_decodes_to_the_export_id_and_key(int exportId, byte[] key)
    {
        var handle = default(NfsFileHandle);
        FileHandleCodec.Encode(ExportWithId(exportId), new FakeFsalObject(FsalFileType.Regular, key), ref handle);
        var bytes = handle.Span.ToArray();
        Assert.That(bytes, Has.Length.EqualTo(FileHandleCodec.HeaderSize + key.Length));
        Assert.That(bytes[0], Is.EqualTo(FileHandleCodec.Version));
        Assert.That(bytes[1], Is.Zero);
        Assert.That(FileHandleCodec.TryDecode(bytes, out ushort id, out var decodedKey), Is.True);
        Assert.That(id, Is.EqualTo((ushort)exportId));
        Assert.That(decodedKey.ToArray(), Is.EqualTo(key));
    }

    [Test]
    public void Largest_key_fills_a_128_byte_handle()
    {
        var key = Enumerable.Range(0, Nfs4Constants.MaxFileHandleSize - FileHandleCodec.HeaderSize).Select(i => (byte)i).ToArray();
        var handle = default(NfsFileHandle);
        FileHandleCodec.Encode(ExportWithId(7), new FakeFsalObject(FsalFileType.Directory, key), ref handle);
        Assert.That(handle.Length, Is.EqualTo(Nfs4Constants.MaxFileHandleSize));
        Assert.That(FileHandleCodec.TryDecode(handle.Span, out _, out var decoded), Is.True);
        Assert.That(decoded.ToArray(), Is.EqualTo(key));
    }

    [TestCase(new byte[0])]
    [TestCase(new byte[] { 1, 0, 0, 1 })]          // no key
    [TestCase(new byte[] { 2, 0, 0, 1, 5 })]       // unknown version
    [TestCase(new byte[] { 0, 0, 0, 1, 5 })]
    [TestCase(new byte[] { 1, 1, 0, 1, 5 })]       // reserved byte set
    [TestCase(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF })]
    public void Bytes_this_server_never_makes_are_rejected(byte[] bytes)
    {
        Assert.That(FileHandleCodec.TryDecode(bytes, out _, out _), Is.False);
    }

    [Test]
    public void Handle_of_a_memory_backend_object_resolves_back_to_it()
    {
        var fs = new MemoryFileSystem();
        var export = new Export(new ExportOptions { Id = 5 }, fs);
        var handle = default(NfsFileHandle);
        FileHandleCodec.Encode(export, fs.Root, ref handle);
        Assert.That(FileHandleCodec.TryDecode(handle.Span, out ushort id, out var key), Is.True);
        Assert.That(id, Is.EqualTo((ushort)5));
        Assert.That(fs.Resolve(key, out var obj), Is.EqualTo(FsalStatus.Ok));
        Assert.That(obj, Is.SameAs(fs.Root));
    }
}
