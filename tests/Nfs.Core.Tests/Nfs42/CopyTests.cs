using Fsal.Memory;
using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Core.Hosting;
using Nfs.Core.Nfs4.Copy;
using Nfs.Core.Nfs4.Operations;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Nfs42;

/// <summary>Helpers of the COPY tests.</summary>
public static class CopyCompound
{
    /// <summary>PUTFH source, SAVEFH, PUTFH destination, COPY.</summary>
    public static Compound CopyFile(this Compound c, byte[] source, byte[] destination, CopyArgs args) =>
        c.PutFh(source).SaveFh().PutFh(destination).Copy(args);

    /// <summary>The COPY result of a reply.</summary>
    public static CopyResult CopyResult(this CompoundReply reply) => Nfs.Protocol.Nfs4.Operations.CopyResult.Decode(reply.Last(NfsOp4.Copy).Reader);
}

/// <summary>COPY (RFC 7862 section 15.2), synchronous, on the memory backend (which clones aligned ranges).</summary>
public sealed class CopyTests : Nfs42Test
{
    private static CopyArgs Args(StateId4 source, StateId4 destination, ulong sourceOffset, ulong destinationOffset, ulong count, bool synchronous = true) =>
        new(source, destination, sourceOffset, destinationOffset, count, Consecutive: true, synchronous, 0);

    [Test]
    public async Task Synchronous_copy_is_byte_identical()
    {
        var data = Pattern(2 * 1024 * 1024 + 12345);
        var src = await CreateAsync("src", data);
        var dst = await CreateAsync("dst");
        // Offset 1: not clone aligned, so it goes through reads and writes across several 1 MiB buffers.
        var r = await ExpectAsync(NfsStat4.Ok, c => c.CopyFile(src.Handle, dst.Handle, Args(src.StateId, dst.StateId, 1, 0, (ulong)data.Length - 1)));
        var result = r.CopyResult();
        Assert.That(result.Response.CallbackId, Is.Null);
        Assert.That(result.Response.Count, Is.EqualTo((ulong)data.Length - 1));
        Assert.That(result.Synchronous, Is.True);
        Assert.That(result.Consecutive, Is.True);
        Assert.That(await ReadAllAsync(dst.Handle, dst.StateId), Is.EqualTo(data.AsSpan(1).ToArray()));
    }

    [Test]
    public async Task Count_zero_copies_to_the_end_of_file()
    {
        var data = Pattern(3 * Chunk + 7);
        var src = await CreateAsync("src", data);
        var dst = await CreateAsync("dst");
        var r = await ExpectAsync(NfsStat4.Ok, c => c.CopyFile(src.Handle, dst.Handle, Args(src.StateId, dst.StateId, 0, 0, 0)));
        Assert.That(r.CopyResult().Response.Count, Is.EqualTo((ulong)data.Length));
        Assert.That(await ReadAllAsync(dst.Handle, dst.StateId), Is.EqualTo(data));

        r = await ExpectAsync(NfsStat4.Ok, c => c.CopyFile(src.Handle, dst.Handle, Args(src.StateId, dst.StateId, 100, 0, 0)));
        Assert.That(r.CopyResult().Response.Count, Is.EqualTo((ulong)data.Length - 100));

        r = await ExpectAsync(NfsStat4.Ok, c => c.CopyFile(src.Handle, dst.Handle, Args(src.StateId, dst.StateId, (ulong)data.Length, 0, 0)));
        Assert.That(r.CopyResult().Response.Count, Is.Zero, "from the end of file there is nothing to copy");
    }

    [Test]
    public async Task Copy_into_the_middle_and_past_the_end_of_the_destination()
    {
        var src = await CreateAsync("src", Pattern(1000, 1));
        var before = Pattern(500, 2);
        var dst = await CreateAsync("dst", before);
        await ExpectAsync(NfsStat4.Ok, c => c.CopyFile(src.Handle, dst.Handle, Args(src.StateId, dst.StateId, 0, 300, 1000)));
        var expected = new byte[1300];
        before.CopyTo(expected, 0);
        Pattern(1000, 1).CopyTo(expected, 300);
        Assert.That(await ReadAllAsync(dst.Handle, dst.StateId), Is.EqualTo(expected));
        await ExpectAsync(NfsStat4.Ok, c => c.CopyFile(src.Handle, dst.Handle, Args(src.StateId, dst.StateId, 0, 5000, 10)));
        Assert.That(await SizeAsync(dst.Handle), Is.EqualTo(5010UL), "a gap before the copied range");
    }

    [Test]
    public async Task Ranges_past_the_source_end_are_INVAL()
    {
        var src = await CreateAsync("src", Pattern(1000));
        var dst = await CreateAsync("dst");
        await ExpectAsync(NfsStat4.Inval, c => c.CopyFile(src.Handle, dst.Handle, Args(src.StateId, dst.StateId, 0, 0, 1001)));
        await ExpectAsync(NfsStat4.Inval, c => c.CopyFile(src.Handle, dst.Handle, Args(src.StateId, dst.StateId, 1001, 0, 0)));
        await ExpectAsync(NfsStat4.Inval, c => c.CopyFile(src.Handle, dst.Handle, Args(src.StateId, dst.StateId, ulong.MaxValue, 0, 10)));
    }

    [Test]
    public async Task Within_one_file_overlapping_ranges_are_INVAL_and_others_copy()
    {
        var data = Pattern(1000);
        var f = await CreateAsync("f", data);
        await ExpectAsync(NfsStat4.Inval, c => c.CopyFile(f.Handle, f.Handle, Args(f.StateId, f.StateId, 0, 100, 200)));
        await ExpectAsync(NfsStat4.Inval, c => c.CopyFile(f.Handle, f.Handle, Args(f.StateId, f.StateId, 100, 0, 200)));
        await ExpectAsync(NfsStat4.Inval, c => c.CopyFile(f.Handle, f.Handle, Args(f.StateId, f.StateId, 0, 0, 0)));
        await ExpectAsync(NfsStat4.Ok, c => c.CopyFile(f.Handle, f.Handle, Args(f.StateId, f.StateId, 0, 500, 500)));
        data.AsSpan(0, 500).CopyTo(data.AsSpan(500));
        Assert.That(await ReadAllAsync(f.Handle, f.StateId), Is.EqualTo(data));
    }

    [Test]
    public async Task A_source_server_list_is_NOTSUPP()
    {
        var src = await CreateAsync("src", Pattern(10));
        var dst = await CreateAsync("dst");
        await ExpectAsync(NfsStat4.Notsupp, c => c.PutFh(src.Handle).SaveFh().PutFh(dst.Handle).Raw(NfsOp4.Copy, w =>
        {
            src.StateId.Encode(w);
            dst.StateId.Encode(w);
            w.WriteUInt64(0);
            w.WriteUInt64(0);
            w.WriteUInt64(0);
            w.WriteBool(true);
            w.WriteBool(true);
            w.WriteUInt32(1);
            w.WriteInt32(1); // NL4_NAME
            w.WriteString("other.example");
        }));
    }

    [Test]
    public async Task Filehandle_type_and_stateid_errors()
    {
        var src = await CreateAsync("src", Pattern(10));
        var dst = await CreateAsync("dst");
        var args = Args(src.StateId, dst.StateId, 0, 0, 0);
        var root = (await ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().GetFh())).FileHandle;
        await ExpectAsync(NfsStat4.Nofilehandle, c => c.PutFh(dst.Handle).Copy(args));
        await ExpectAsync(NfsStat4.Isdir, c => c.CopyFile(src.Handle, root, args));
        await ExpectAsync(NfsStat4.Isdir, c => c.PutRootFh().SaveFh().PutFh(dst.Handle).Copy(args));
        await ExpectAsync(NfsStat4.BadStateid, c => c.CopyFile(src.Handle, dst.Handle, Args(dst.StateId, dst.StateId, 0, 0, 0)));
        await ExpectAsync(NfsStat4.BadStateid, c => c.CopyFile(src.Handle, dst.Handle, Args(src.StateId, src.StateId, 0, 0, 0)));
        var readOnly = await OpenAsync("ro", access: OpenShare4.AccessRead);
        await ExpectAsync(NfsStat4.Openmode, c => c.CopyFile(src.Handle, readOnly.Handle, Args(src.StateId, readOnly.StateId, 0, 0, 0)));
        await ExpectAsync(NfsStat4.Ok, c => c.CopyFile(src.Handle, dst.Handle, Args(StateId4.Anonymous, StateId4.Anonymous, 0, 0, 0)));
    }

    [Test]
    public async Task Asynchronous_copy_without_a_callback_path_runs_synchronously()
    {
        var data = Pattern((int)CopyHandler.AsyncThreshold + 1000);
        var src = await CreateAsync("src", data);
        var dst = await CreateAsync("dst");
        var r = await ExpectAsync(NfsStat4.Ok, c => c.CopyFile(src.Handle, dst.Handle, Args(src.StateId, dst.StateId, 0, 0, 0, synchronous: false)));
        var result = r.CopyResult();
        Assert.That(result.Synchronous, Is.True);
        Assert.That(result.Response.CallbackId, Is.Null);
        Assert.That(result.Response.Count, Is.EqualTo((ulong)data.Length));
    }

    [Test]
    public async Task Small_asynchronous_copies_run_synchronously()
    {
        Server.Server.Nfs4.Copies.RequireCallbackPath = false;
        var src = await CreateAsync("src", Pattern(1000));
        var dst = await CreateAsync("dst");
        var r = await ExpectAsync(NfsStat4.Ok, c => c.CopyFile(src.Handle, dst.Handle, Args(src.StateId, dst.StateId, 0, 0, 0, synchronous: false)));
        Assert.That(r.CopyResult().Synchronous, Is.True);
        Assert.That(r.CopyResult().Response.Count, Is.EqualTo(1000UL));
    }

    [Test]
    public async Task Asynchronous_copy_reports_progress_and_completes_byte_identical()
    {
        Server.Server.Nfs4.Copies.RequireCallbackPath = false;
        var data = Pattern((int)CopyHandler.AsyncThreshold + 3 * 1024 * 1024 + 17);
        var src = await CreateAsync("src", data);
        var dst = await CreateAsync("dst");
        // Offset 1 avoids the clone path: a read-and-write copy in the background.
        var r = await ExpectAsync(NfsStat4.Ok, c => c.CopyFile(src.Handle, dst.Handle, Args(src.StateId, dst.StateId, 1, 0, 0, synchronous: false)));
        var result = r.CopyResult();
        Assert.That(result.Synchronous, Is.False);
        Assert.That(result.Response.CallbackId, Is.Not.Null);
        var id = result.Response.CallbackId!.Value;

        var status = await WaitForCompletionAsync(dst.Handle, id);
        Assert.That(status.Complete, Is.EqualTo(NfsStat4.Ok));
        Assert.That(status.Count, Is.EqualTo((ulong)data.Length - 1));
        Assert.That(await ReadAllAsync(dst.Handle, dst.StateId), Is.EqualTo(data.AsSpan(1).ToArray()));

        // A finished copy stays known until cancelled (forgotten) by its client.
        await ExpectAsync(NfsStat4.Ok, c => c.PutFh(dst.Handle).OffloadCancel(id));
        await ExpectAsync(NfsStat4.BadStateid, c => c.PutFh(dst.Handle).OffloadStatus(id));
    }

    [Test]
    public async Task An_aligned_asynchronous_copy_is_cloned_in_the_background()
    {
        Server.Server.Nfs4.Copies.RequireCallbackPath = false;
        var data = Pattern((int)CopyHandler.AsyncThreshold + 2 * Chunk);
        var src = await CreateAsync("src", data);
        var dst = await CreateAsync("dst");
        var r = await ExpectAsync(NfsStat4.Ok, c => c.CopyFile(src.Handle, dst.Handle, Args(src.StateId, dst.StateId, 0, 0, 0, synchronous: false)));
        var status = await WaitForCompletionAsync(dst.Handle, r.CopyResult().Response.CallbackId!.Value);
        Assert.That(status.Complete, Is.EqualTo(NfsStat4.Ok));
        Assert.That(await ReadAllAsync(dst.Handle, dst.StateId), Is.EqualTo(data));
    }

    [Test]
    public async Task OFFLOAD_STATUS_and_OFFLOAD_CANCEL_of_unknown_copies_are_BAD_STATEID()
    {
        var f = await CreateAsync("f");
        await ExpectAsync(NfsStat4.BadStateid, c => c.PutFh(f.Handle).OffloadStatus(UnknownStateId));
        await ExpectAsync(NfsStat4.BadStateid, c => c.PutFh(f.Handle).OffloadCancel(f.StateId));
        await ExpectAsync(NfsStat4.Nofilehandle, c => c.OffloadStatus(UnknownStateId));
        await ExpectAsync(NfsStat4.Nofilehandle, c => c.OffloadCancel(UnknownStateId));
    }

    /// <summary>Polls OFFLOAD_STATUS until the copy reports completion.</summary>
    private async Task<OffloadStatusResult> WaitForCompletionAsync(byte[] destination, StateId4 id)
    {
        var deadline = DateTime.UtcNow + RpcAssert.ReplyTimeout;
        while (true)
        {
            var r = await ExpectAsync(NfsStat4.Ok, c => c.PutFh(destination).OffloadStatus(id));
            var status = OffloadStatusResult.Decode(r.Last(NfsOp4.OffloadStatus).Reader);
            if (status.Complete is not null) return status;
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the copy did not finish");
            await Task.Delay(10);
        }
    }
}

/// <summary>Asynchronous copies caught while they run (reads held at a gate), on a backend that only reads and writes.</summary>
public sealed class AsyncCopyCancelTests : Nfs42Test
{
    private readonly PlainFileSystem _fs = new();

    protected override IFileSystem CreateFileSystem() => _fs;

    private static CopyArgs AsyncArgs(StateId4 source, StateId4 destination) => new(source, destination, 0, 0, 0, true, false, 0);

    private async Task<(byte[] Source, StateId4 SourceId, byte[] Destination, StateId4 DestinationId)> FilesAsync()
    {
        Server.Server.Nfs4.Copies.RequireCallbackPath = false;
        var src = await CreateAsync("src", Pattern((int)CopyHandler.AsyncThreshold + 1));
        var dst = await CreateAsync("dst");
        return (src.Handle, src.StateId, dst.Handle, dst.StateId);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + RpcAssert.ReplyTimeout;
        while (!condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), what);
            await Task.Delay(5);
        }
    }

    [Test]
    public async Task OFFLOAD_CANCEL_stops_a_running_copy()
    {
        var (src, srcId, dst, dstId) = await FilesAsync();
        _fs.CloseGate();
        var r = await ExpectAsync(NfsStat4.Ok, c => c.CopyFile(src, dst, AsyncArgs(srcId, dstId)));
        var id = r.CopyResult().Response.CallbackId!.Value;
        await WaitUntilAsync(() => _fs.BlockedReads == 1, "the copy reads");

        r = await ExpectAsync(NfsStat4.Ok, c => c.PutFh(dst).OffloadStatus(id));
        var status = OffloadStatusResult.Decode(r.Last(NfsOp4.OffloadStatus).Reader);
        Assert.That(status.Complete, Is.Null, "still running");
        Assert.That(status.Count, Is.Zero);

        await ExpectAsync(NfsStat4.Ok, c => c.PutFh(dst).OffloadCancel(id));
        await WaitUntilAsync(() => _fs.BlockedReads == 0, "the cancelled copy stops reading");
        await ExpectAsync(NfsStat4.BadStateid, c => c.PutFh(dst).OffloadStatus(id));
        await ExpectAsync(NfsStat4.BadStateid, c => c.PutFh(dst).OffloadCancel(id));
        _fs.OpenGate();
        Assert.That(await SizeAsync(dst), Is.Zero, "nothing was written");
    }

    [Test]
    public async Task A_client_with_too_many_copies_gets_DELAY()
    {
        var (src, srcId, dst, dstId) = await FilesAsync();
        _fs.CloseGate();
        var ids = new List<StateId4>();
        for (int i = 0; i < AsyncCopyTable.MaxCopiesPerClient; i++)
        {
            var r = await ExpectAsync(NfsStat4.Ok, c => c.CopyFile(src, dst, AsyncArgs(srcId, dstId)));
            Assert.That(r.CopyResult().Synchronous, Is.False);
            ids.Add(r.CopyResult().Response.CallbackId!.Value);
        }
        Assert.That(ids.Distinct().Count(), Is.EqualTo(ids.Count), "each copy has its own stateid");
        await ExpectAsync(NfsStat4.Delay, c => c.CopyFile(src, dst, AsyncArgs(srcId, dstId)));
        // Cancelling one makes room for another.
        await ExpectAsync(NfsStat4.Ok, c => c.PutFh(dst).OffloadCancel(ids[3]));
        await ExpectAsync(NfsStat4.Ok, c => c.CopyFile(src, dst, AsyncArgs(srcId, dstId)));
        Assert.That(Server.Server.Nfs4.Copies.Count, Is.EqualTo(AsyncCopyTable.MaxCopiesPerClient));
    }
}

/// <summary>An asynchronous copy for a client with a back channel ends with CB_OFFLOAD.</summary>
public sealed class AsyncCopyCallbackTests : Nfs42Test
{
    protected override bool BackChannel => true;

    private async Task<(byte[] Data, byte[] Destination, StateId4 DestinationId, StateId4 CopyId)> StartCopyAsync()
    {
        var data = Pattern((int)CopyHandler.AsyncThreshold + 2 * 1024 * 1024 + 3);
        var src = await CreateAsync("src", data);
        var dst = await CreateAsync("dst");
        var r = await ExpectAsync(NfsStat4.Ok, c => c.CopyFile(src.Handle, dst.Handle, new CopyArgs(src.StateId, dst.StateId, 1, 0, 0, true, false, 0)));
        var result = r.CopyResult();
        Assert.That(result.Synchronous, Is.False, "a client that can be called back gets an asynchronous copy");
        return (data, dst.Handle, dst.StateId, result.Response.CallbackId!.Value);
    }

    [Test]
    public async Task CB_OFFLOAD_reports_the_finished_copy()
    {
        var (data, dst, dstId, copyId) = await StartCopyAsync();
        var offload = await Callbacks.WaitForAsync<CbOffloadRequest>(RpcAssert.ReplyTimeout);
        Assert.That(offload.Args.StateId, Is.EqualTo(copyId));
        Assert.That(offload.Args.Handle.Span.ToArray(), Is.EqualTo(dst));
        Assert.That(offload.Args.Status, Is.EqualTo(NfsStat4.Ok));
        Assert.That(offload.Args.Response.Count, Is.EqualTo((ulong)data.Length - 1));
        Assert.That(offload.Args.Response.CallbackId, Is.Null);
        Assert.That(await ReadAllAsync(dst, dstId), Is.EqualTo(data.AsSpan(1).ToArray()));
        var r = await ExpectAsync(NfsStat4.Ok, c => c.PutFh(dst).OffloadStatus(copyId));
        Assert.That(OffloadStatusResult.Decode(r.Last(NfsOp4.OffloadStatus).Reader).Complete, Is.EqualTo(NfsStat4.Ok));
    }

    [Test]
    public async Task A_failed_CB_OFFLOAD_leaves_the_result_to_OFFLOAD_STATUS()
    {
        Callbacks.OnOffload = _ => NfsStat4.Serverfault;
        var (data, dst, _, copyId) = await StartCopyAsync();
        await Callbacks.WaitForAsync<CbOffloadRequest>(RpcAssert.ReplyTimeout);
        var r = await ExpectAsync(NfsStat4.Ok, c => c.PutFh(dst).OffloadStatus(copyId));
        var status = OffloadStatusResult.Decode(r.Last(NfsOp4.OffloadStatus).Reader);
        Assert.That(status.Complete, Is.EqualTo(NfsStat4.Ok));
        Assert.That(status.Count, Is.EqualTo((ulong)data.Length - 1));
    }
}

/// <summary>COPY between two exports is XDEV; on a read-only export ROFS.</summary>
public sealed class CopyAcrossExportsTests : Nfs42Test
{
    protected override void Configure(NfsServerOptions options)
    {
        options.Exports[0].PseudoPath = "/a";
        var readOnly = new MemoryFileSystem();
        CreateInBackend(readOnly, "f", Pattern(100));
        CreateInBackend(readOnly, "g");
        options.Exports.Add(new ExportOptions { Id = 2, PseudoPath = "/b", FileSystem = new MemoryFileSystem(), Squash = SquashMode.None });
        options.Exports.Add(new ExportOptions { Id = 3, PseudoPath = "/ro", FileSystem = readOnly, Squash = SquashMode.None, ReadOnly = true });
    }

    [Test]
    public async Task Copy_and_clone_between_exports_are_XDEV()
    {
        var src = await Client.OpenAsync("a", "src", create: true);
        await WriteAsync(src.Handle, src.StateId, 0, Pattern(100));
        var dst = await Client.OpenAsync("b", "dst", create: true);
        await ExpectAsync(NfsStat4.Xdev, c => c.CopyFile(src.Handle, dst.Handle, new CopyArgs(src.StateId, dst.StateId, 0, 0, 0, true, true, 0)));
        await ExpectAsync(NfsStat4.Xdev, c => c.PutFh(src.Handle).SaveFh().PutFh(dst.Handle).Clone(new CloneArgs(src.StateId, dst.StateId, 0, 0, 0)));
    }

    [Test]
    public async Task Copy_and_clone_into_a_read_only_export_are_ROFS()
    {
        var f = (await ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().LookupPath("ro/f").GetFh())).FileHandle;
        var g = (await ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().LookupPath("ro/g").GetFh())).FileHandle;
        await ExpectAsync(NfsStat4.Rofs, c => c.CopyFile(f, g, new CopyArgs(default, default, 0, 0, 0, true, true, 0)));
        await ExpectAsync(NfsStat4.Rofs, c => c.PutFh(f).SaveFh().PutFh(g).Clone(new CloneArgs(default, default, 0, 0, 0)));
    }
}

/// <summary>The asynchronous copy table drops and stops the copies of a client that went away.</summary>
public sealed class AsyncCopyTableTests
{
    [Test]
    public async Task Copies_of_a_client_that_went_away_are_cancelled_and_forgotten()
    {
        await using var table = new AsyncCopyTable(7, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var client = new Nfs.Core.State.NfsClient(1, [1], 1, default, 2);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var s = table.TryStart(client, null, default, async copy =>
        {
            while (!copy.ShouldStop) await Task.Delay(5);
            stopped.TrySetResult();
        }, out var started);
        Assert.That(s, Is.EqualTo(NfsStat4.Ok));
        Assert.That(table.Find(client, started!.StateId), Is.SameAs(started));
        Assert.That((uint)(started.StateId.OtherHigh >> 32), Is.EqualTo(7u), "copy stateids carry the boot epoch");

        client.Expired = true;
        Assert.That(table.Find(client, started.StateId), Is.Null);
        await stopped.Task.WaitAsync(RpcAssert.ReplyTimeout);
        Assert.That(table.Count, Is.Zero);
    }

    [Test]
    public async Task Stopping_the_server_cancels_running_copies()
    {
        var table = new AsyncCopyTable(7, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var client = new Nfs.Core.State.NfsClient(1, [1], 1, default, 2);
        table.TryStart(client, null, default, copy => Task.Delay(Timeout.Infinite, copy.Cancellation.Token), out var started);
        await table.DisposeAsync().AsTask().WaitAsync(RpcAssert.ReplyTimeout);
        Assert.That(started!.IsFinished, Is.True);
        Assert.That(table.TryStart(client, null, default, _ => Task.CompletedTask, out _), Is.EqualTo(NfsStat4.Delay), "no copies after stop");
    }
}
