using Nfs.Protocol.Nfs3;

namespace Nfs.Core.Tests.Nfs3;

public sealed class Nfs3IoTests : Nfs3Test
{
    private static byte[] Data(int length, int seed = 1)
    {
        var b = new byte[length];
        new Random(seed).NextBytes(b);
        return b;
    }

    [TestCase(StableHow3.Unstable)]
    [TestCase(StableHow3.DataSync)]
    [TestCase(StableHow3.FileSync)]
    public async Task WrittenDataReadsBack(StableHow3 stable)
    {
        var fh = await CreateFileAsync(Root, "f");
        var data = Data(100_000);
        var w = await Nfs.WriteAsync(fh, 0, data, stable);
        Assert.That(w.Status, Is.EqualTo(NfsStat3.Ok));
        Assert.That(w.Count, Is.EqualTo((uint)data.Length));
        Assert.That(w.Committed, Is.GreaterThanOrEqualTo(stable));
        Assert.That(w.Wcc.After!.Value.Size, Is.EqualTo((ulong)data.Length));
        var r = await Nfs.ReadAsync(fh, 0, 200_000);
        Assert.That(r.Status, Is.EqualTo(NfsStat3.Ok));
        Assert.That(r.Eof, Is.True);
        Assert.That(r.Count, Is.EqualTo((uint)data.Length));
        Assert.That(r.Data, Is.EqualTo(data));
        Assert.That(r.Attributes!.Value.Size, Is.EqualTo((ulong)data.Length));
    }

    [Test]
    public async Task PartialReadsReportEofOnlyAtTheEnd()
    {
        var data = Data(10_000);
        var fh = await CreateFileAsync(Root, "f", data);
        var first = await Nfs.ReadAsync(fh, 0, 4000);
        Assert.That(first.Eof, Is.False);
        Assert.That(first.Data, Is.EqualTo(data[..4000]));
        var last = await Nfs.ReadAsync(fh, 8000, 4000);
        Assert.That(last.Eof, Is.True);
        Assert.That(last.Data, Is.EqualTo(data[8000..]));
        var past = await Nfs.ReadAsync(fh, 20_000, 10);
        Assert.That((past.Status, past.Count, past.Eof), Is.EqualTo((NfsStat3.Ok, 0u, true)));
    }

    [Test]
    public async Task ReadsAboveRtmaxAreShortened()
    {
        var data = Data(Server.Options.Nfs3.MaxReadSize + 5000);
        var fh = await CreateFileAsync(Root, "f", data[..1_000_000]);
        await Nfs.WriteAsync(fh, 1_000_000, data[1_000_000..]);
        var r = await Nfs.ReadAsync(fh, 0, (uint)data.Length);
        Assert.That(r.Count, Is.EqualTo((uint)Server.Options.Nfs3.MaxReadSize));
        Assert.That(r.Eof, Is.False);
        Assert.That(r.Data, Is.EqualTo(data[..Server.Options.Nfs3.MaxReadSize]));
    }

    [Test]
    public async Task CommitReturnsTheWriteVerifierSharedWithNfs4()
    {
        var fh = await CreateFileAsync(Root, "f");
        var w = await Nfs.WriteAsync(fh, 0, Data(10), StableHow3.Unstable);
        var c = await Nfs.CommitAsync(fh);
        Assert.That(c.Status, Is.EqualTo(NfsStat3.Ok));
        Assert.That(c.Verifier, Is.EqualTo(w.Verifier));
        Assert.That(c.Verifier, Is.EqualTo(Server.Server.Nfs4.WriteVerifier));
        Assert.That(c.Wcc.After, Is.Not.Null);
    }

    [Test]
    public async Task IoOnWhatIsNotAFileFails()
    {
        var dir = await MkdirAsync(Root, "d");
        Assert.That((await Nfs.ReadAsync(dir, 0, 10)).Status, Is.EqualTo(NfsStat3.IsDir));
        Assert.That((await Nfs.WriteAsync(dir, 0, Data(1))).Status, Is.EqualTo(NfsStat3.IsDir));
        Assert.That((await Nfs.CommitAsync(dir)).Status, Is.EqualTo(NfsStat3.IsDir));
        var link = await Nfs.SymlinkAsync(Root, "l", "d");
        Assert.That((await Nfs.ReadAsync(link.Handle, 0, 10)).Status, Is.EqualTo(NfsStat3.Inval));
    }

    [Test]
    public async Task ACountBeyondTheDataSentIsInval()
    {
        var fh = await CreateFileAsync(Root, "f");
        var r = await Nfs.CallAsync(Nfs3Procedure.Write, new Protocol.Nfs3.Arguments.WriteArgs3(fh, 0, 100, StableHow3.FileSync, Data(10)).Encode);
        Assert.That((NfsStat3)r.ReadUInt32(), Is.EqualTo(NfsStat3.Inval));
    }

    [Test]
    public async Task ManyWritesInFlightLandWhereTheyWereSent()
    {
        var fh = await CreateFileAsync(Root, "f");
        var data = Data(64 * 8192, 5);
        var writes = Enumerable.Range(0, 64).Select(i => Nfs.WriteAsync(fh, (ulong)(i * 8192), data.AsMemory(i * 8192, 8192), StableHow3.Unstable)).ToList();
        foreach (var w in await Task.WhenAll(writes)) Assert.That(w.Status, Is.EqualTo(NfsStat3.Ok));
        Assert.That((await Nfs.CommitAsync(fh)).Status, Is.EqualTo(NfsStat3.Ok));
        Assert.That((await Nfs.ReadAsync(fh, 0, (uint)data.Length)).Data, Is.EqualTo(data));
    }
}
