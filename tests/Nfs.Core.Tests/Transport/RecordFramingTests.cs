using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Rpc;
using Nfs.TestClient;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Tests.Transport;

/// <summary>Record marking over TCP (RFC 5531 section 11): fragments, limits and garbage.</summary>
public sealed class RecordFramingTests
{
    private const int MaxRecordSize = 4096;
    private TestServer _server = null!;

    [SetUp]
    public void Start() => _server = TestServer.Start(o => o.Transport.MaxRecordSize = MaxRecordSize);

    [TearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private static byte[] GetAttrTypeCall(uint xid) =>
        RawRpc.Call(xid, arguments: RawRpc.CompoundArgs(c => c.PutRootFh().GetAttr(A.Type)));

    private static void AssertRootIsDirectory(RpcReplyMessage reply)
    {
        RpcAssert.Accepted(reply, RpcAcceptStatus.Success);
        var compound = CompoundReply.Decode(reply.Reader);
        Assert.That(compound.Status, Is.EqualTo(NfsStat4.Ok), compound.Describe());
        Assert.That(compound.Attributes()[A.Type], Is.EqualTo(NfsFileType4.Directory));
    }

    [TestCase(0, 1)]
    [TestCase(3, 2)]
    [TestCase(8, 3)]
    [TestCase(64, 4)]
    [TestCase(1000, 5)]
    [TestCase(4096, 6)]
    public async Task Garbage_record_is_dropped_or_answered_and_the_server_keeps_serving(int length, int seed)
    {
        var rpc = await _server.ConnectRpcAsync();
        var garbage = new byte[length];
        new Random(seed).NextBytes(garbage);
        await rpc.SendRawAsync(RawRpc.Record(garbage));
        await RpcAssert.ServesOnSameOrNewConnectionAsync(_server, rpc);
    }

    [Test]
    public async Task Reply_message_sent_to_the_server_is_ignored_and_the_connection_keeps_serving()
    {
        var rpc = await _server.ConnectRpcAsync();
        var reply = new byte[] { 0, 0, 0, 9, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
        await rpc.SendRawAsync(RawRpc.Record(reply));
        await RpcAssert.ServesOnSameOrNewConnectionAsync(_server, rpc);
    }

    [TestCase(8)]   // xid and message type only
    [TestCase(20)]  // up to the program number
    [TestCase(30)]  // inside the credential
    public async Task Truncated_call_header_is_not_executed_and_the_server_keeps_serving(int keep)
    {
        var rpc = await _server.ConnectRpcAsync();
        uint xid = rpc.NextXid();
        var call = RawRpc.Call(xid, procedure: Nfs4Constants.ProcNull);
        var pending = rpc.SendRawCallAsync(xid, RawRpc.Record(call.AsSpan(0, keep)));
        await RpcAssert.ServesOnSameOrNewConnectionAsync(_server, rpc);
        // Nothing could be answered for a message whose header did not parse (or, at most, an error).
        if (pending.IsCompletedSuccessfully) Assert.That(pending.Result.Header.IsSuccess, Is.False);
    }

    [Test]
    public async Task Fragment_announcing_more_than_MaxRecordSize_closes_the_connection_and_the_server_keeps_serving()
    {
        var rpc = await _server.ConnectRpcAsync();
        await rpc.SendRawAsync(RawRpc.FragmentHeader(MaxRecordSize + 1, last: true));
        Assert.That(await rpc.WaitForCloseAsync(RpcAssert.ReplyTimeout), Is.True, "the connection stayed open");
        await RpcAssert.ServesAsync(await _server.ConnectRpcAsync());
    }

    [Test]
    public async Task Fragments_adding_up_to_more_than_MaxRecordSize_close_the_connection()
    {
        var rpc = await _server.ConnectRpcAsync();
        await rpc.SendRawAsync(RawRpc.FragmentHeader(3000, last: false));
        await rpc.SendRawAsync(new byte[3000]);
        await rpc.SendRawAsync(RawRpc.FragmentHeader(3000, last: true));
        Assert.That(await rpc.WaitForCloseAsync(RpcAssert.ReplyTimeout), Is.True, "the connection stayed open");
        await RpcAssert.ServesAsync(await _server.ConnectRpcAsync());
    }

    [Test]
    public async Task Record_of_exactly_MaxRecordSize_is_accepted()
    {
        var rpc = await _server.ConnectRpcAsync();
        uint xid = rpc.NextXid();
        var call = RawRpc.Call(xid, procedure: Nfs4Constants.ProcNull);
        var padded = new byte[MaxRecordSize];
        call.CopyTo(padded, 0);
        var reply = await rpc.SendRawCallAsync(xid, RawRpc.Record(padded)).WaitAsync(RpcAssert.ReplyTimeout);
        RpcAssert.Accepted(reply, RpcAcceptStatus.Success);
    }

    [TestCase(new[] { 10, 7, 0 })]
    [TestCase(new[] { 1, 1, 0 })]
    [TestCase(new[] { 0, 40, 0 })]
    [TestCase(new[] { 28, 0, 13, 0 })]
    public async Task Call_split_into_several_fragments_is_reassembled(int[] sizes)
    {
        var rpc = await _server.ConnectRpcAsync();
        uint xid = rpc.NextXid();
        var reply = await rpc.SendRawCallAsync(xid, RawRpc.Fragments(GetAttrTypeCall(xid), sizes)).WaitAsync(RpcAssert.ReplyTimeout);
        AssertRootIsDirectory(reply);
    }

    [Test]
    public async Task Call_sent_one_byte_at_a_time_is_reassembled()
    {
        var rpc = await _server.ConnectRpcAsync();
        uint xid = rpc.NextXid();
        var record = RawRpc.Fragments(GetAttrTypeCall(xid), 16, 16, 0);
        var reply = rpc.SendRawCallAsync(xid, record.AsMemory(0, 0));
        foreach (byte b in record) await rpc.SendRawAsync(new[] { b });
        AssertRootIsDirectory(await reply.WaitAsync(RpcAssert.ReplyTimeout));
    }

    [Test]
    public async Task Several_records_in_one_send_are_all_answered()
    {
        var rpc = await _server.ConnectRpcAsync();
        uint[] xids = [rpc.NextXid(), rpc.NextXid(), rpc.NextXid()];
        var bytes = xids.SelectMany(x => RawRpc.Record(GetAttrTypeCall(x))).ToArray();
        var replies = xids.Skip(1).Select(x => rpc.SendRawCallAsync(x, ReadOnlyMemory<byte>.Empty)).ToList();
        replies.Insert(0, rpc.SendRawCallAsync(xids[0], bytes));
        foreach (var r in await Task.WhenAll(replies).WaitAsync(RpcAssert.ReplyTimeout)) AssertRootIsDirectory(r);
    }
}
