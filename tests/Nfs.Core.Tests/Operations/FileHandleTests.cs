using System.Buffers.Binary;
using Nfs.Core.Nfs4;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Tests.Operations;

/// <summary>PUTFH, PUTROOTFH, PUTPUBFH, GETFH, SAVEFH and RESTOREFH.</summary>
public sealed class FileHandleTests : ServerTest
{
    /// <summary>A handle in this server's format for export 1 and a memory backend key.</summary>
    private static byte[] Handle(ushort exportId, ulong nodeId, byte version = FileHandleCodec.Version, byte reserved = 0)
    {
        var h = new byte[4 + 8];
        h[0] = version;
        h[1] = reserved;
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(2), exportId);
        BinaryPrimitives.WriteUInt64BigEndian(h.AsSpan(4), nodeId);
        return h;
    }

    public static IEnumerable<TestCaseData> BadHandles()
    {
        var random = new byte[40];
        new Random(7).NextBytes(random);
        random[0] = 0x77;
        yield return new TestCaseData(Array.Empty<byte>()).SetArgDisplayNames("0 bytes");
        yield return new TestCaseData(new byte[129]).SetArgDisplayNames("129 bytes");
        yield return new TestCaseData(new byte[1024]).SetArgDisplayNames("1024 bytes");
        yield return new TestCaseData(random).SetArgDisplayNames("garbage");
        yield return new TestCaseData(new byte[] { 1, 0, 0, 1 }).SetArgDisplayNames("header without key");
        yield return new TestCaseData(Handle(1, 1, version: 2)).SetArgDisplayNames("unknown format version");
        yield return new TestCaseData(Handle(1, 1, reserved: 1)).SetArgDisplayNames("reserved byte set");
        yield return new TestCaseData(new byte[] { 1, 0, 0, 1, 0, 0, 0, 1 }).SetArgDisplayNames("key of the wrong length");
        yield return new TestCaseData(Handle(1, 0)).SetArgDisplayNames("key the backend never issues");
    }

    [TestCaseSource(nameof(BadHandles))]
    public async Task PUTFH_of_bytes_this_server_never_issued_is_BADHANDLE(byte[] handle)
    {
        var r = await CompoundAsync(c => c.PutFh(handle).GetFh());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Badhandle), r.Describe());
        Assert.That(r.Ops(), Is.EqualTo(new[] { NfsOp4.Putfh }));
    }

    [Test]
    public async Task PUTFH_of_a_handle_of_an_unknown_export_is_refused()
    {
        var r = await CompoundAsync(c => c.PutFh(Handle(99, 1)).GetFh());
        Assert.That(r.Status, Is.AnyOf(NfsStat4.Stale, NfsStat4.Badhandle), r.Describe());
    }

    [Test]
    public async Task PUTFH_of_a_removed_file_is_STALE()
    {
        var fh = await Session.CreateFileAsync("gone");
        await Session.ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().Remove("gone"));
        var r = await CompoundAsync(c => c.PutFh(fh).GetAttr(A.Type));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Stale), r.Describe());
    }

    [Test]
    public async Task PUTFH_of_a_removed_directory_is_STALE()
    {
        var fh = await Session.MkdirAsync("gonedir");
        await Session.ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().Remove("gonedir"));
        var r = await CompoundAsync(c => c.PutFh(fh).GetAttr(A.Type));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Stale), r.Describe());
    }

    [Test]
    public async Task PUTFH_of_a_well_formed_key_never_issued_is_STALE()
    {
        var r = await CompoundAsync(c => c.PutFh(Handle(1, ulong.MaxValue - 5)).GetAttr(A.Type));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Stale), r.Describe());
    }

    [Test]
    public async Task GETFH_returns_a_handle_that_PUTFH_accepts_for_the_same_object()
    {
        var fh = await Session.CreateFileAsync("f", [1, 2, 3]);
        var r = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutFh(fh).GetFh().GetAttr(A.Size, A.Filehandle));
        Assert.That(r.FileHandle, Is.EqualTo(fh));
        Assert.That(r.Attributes()[A.Size], Is.EqualTo(3UL));
        Assert.That(r.Attributes()[A.Filehandle], Is.EqualTo(fh));
    }

    [Test]
    public async Task PUTFH_replaces_the_current_filehandle()
    {
        var fh = await Session.CreateFileAsync("f");
        var r = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().PutFh(fh).GetFh());
        Assert.That(r.FileHandle, Is.EqualTo(fh));
    }

    [Test]
    public async Task PUTROOTFH_and_PUTPUBFH_give_the_root()
    {
        var r = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().GetFh().PutPubFh().GetFh().GetAttr(A.Type));
        var handles = r.Results.Where(x => x.Op == NfsOp4.Getfh).Select(x => x.Reader.ReadOpaque(128).ToArray()).ToList();
        Assert.That(handles[1], Is.EqualTo(handles[0]));
        Assert.That(r.Attributes()[A.Type], Is.EqualTo(NfsFileType4.Directory));
    }

    [Test]
    public async Task RESTOREFH_without_a_saved_filehandle_is_RESTOREFH()
    {
        var r = await CompoundAsync(c => c.PutRootFh().RestoreFh());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Restorefh));
    }

    [Test]
    public async Task Saved_filehandle_does_not_survive_the_COMPOUND()
    {
        await Session.ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().SaveFh());
        var r = await CompoundAsync(c => c.PutRootFh().RestoreFh());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Restorefh));
    }

    [Test]
    public async Task RESTOREFH_brings_back_what_SAVEFH_saved()
    {
        var dir = await Session.MkdirAsync("d");
        var root = await Session.HandleAsync("");
        var r = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().SaveFh().PutFh(dir).GetFh().RestoreFh().GetFh());
        var handles = r.Results.Where(x => x.Op == NfsOp4.Getfh).Select(x => x.Reader.ReadOpaque(128).ToArray()).ToList();
        Assert.That(handles[0], Is.EqualTo(dir));
        Assert.That(handles[1], Is.EqualTo(root));
    }
}
