using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.Protocol.Rpc;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Rpc;

/// <summary>Retransmissions (same xid, same connection) are answered from the duplicate request cache.</summary>
public sealed class DuplicateRequestTests : ServerTest
{
    protected override bool EstablishClient => false;

    private async Task<(RpcReplyMessage Reply, byte[] Body)> SendAsync(uint xid, byte[] record)
    {
        var reply = await Session.Client.Rpc.SendRawCallAsync(xid, record).WaitAsync(RpcAssert.ReplyTimeout);
        return (reply, reply.Reader.Buffer.ToArray());
    }

    [Test]
    public async Task Retransmitted_CREATE_gets_the_original_reply_instead_of_running_again()
    {
        var rpc = Session.Client.Rpc;
        uint xid = rpc.NextXid();
        var record = RawRpc.Record(RawRpc.Call(xid, arguments: RawRpc.CompoundArgs(c => c.PutRootFh().Mkdir("once"))));
        var (first, firstBytes) = await SendAsync(xid, record);
        var (second, secondBytes) = await SendAsync(xid, record);
        Assert.That(CompoundReply.Decode(first.Reader).Status, Is.EqualTo(NfsStat4.Ok));
        Assert.That(CompoundReply.Decode(second.Reader).Status, Is.EqualTo(NfsStat4.Ok), "a second execution would be EXIST");
        Assert.That(secondBytes, Is.EqualTo(firstBytes));
    }

    [Test]
    public async Task Same_xid_with_other_arguments_is_a_new_call()
    {
        var rpc = Session.Client.Rpc;
        uint xid = rpc.NextXid();
        await SendAsync(xid, RawRpc.Record(RawRpc.Call(xid, arguments: RawRpc.CompoundArgs(c => c.PutRootFh().Mkdir("a")))));
        var (reply, _) = await SendAsync(xid, RawRpc.Record(RawRpc.Call(xid, arguments: RawRpc.CompoundArgs(c => c.PutRootFh().Mkdir("b")))));
        Assert.That(CompoundReply.Decode(reply.Reader).Status, Is.EqualTo(NfsStat4.Ok));
        var listing = await Session.ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().ReadDir(0, 4096, Bitmap4.Empty));
        Assert.That(ReadDirResult.Decode(listing.Last(NfsOp4.Readdir).Reader).Entries.Select(e => e.Name), Is.EquivalentTo(new[] { "a", "b" }));
    }

    [Test]
    public async Task Same_xid_on_another_connection_is_another_call()
    {
        uint xid = 0x5EED;
        var record = RawRpc.Record(RawRpc.Call(xid, arguments: RawRpc.CompoundArgs(c => c.PutRootFh().Mkdir("d"))));
        var other = await Server.ConnectRpcAsync();
        var first = await Session.Client.Rpc.SendRawCallAsync(xid, record).WaitAsync(RpcAssert.ReplyTimeout);
        var second = await other.SendRawCallAsync(xid, record).WaitAsync(RpcAssert.ReplyTimeout);
        Assert.That(CompoundReply.Decode(first.Reader).Status, Is.EqualTo(NfsStat4.Ok));
        Assert.That(CompoundReply.Decode(second.Reader).Status, Is.EqualTo(NfsStat4.Exist));
    }
}
