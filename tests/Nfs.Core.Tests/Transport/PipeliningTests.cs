using System.Text;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Rpc;
using Nfs.TestClient;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Tests.Transport;

/// <summary>Many calls in flight on one connection, answered in any order, each to its own xid.</summary>
public sealed class PipeliningTests
{
    private TestServer _server = null!;

    [TearDown]
    public async Task StopAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    [TestCase(128, 200)]
    [TestCase(4, 200)]
    [TestCase(1, 50)]
    public async Task Calls_in_flight_on_one_connection_are_all_answered_to_their_own_xid(int maxRequestsPerConnection, int calls)
    {
        _server = TestServer.Start(o => o.Transport.MaxRequestsPerConnection = maxRequestsPerConnection);
        var client = await _server.ConnectAsync();
        var tasks = Enumerable.Range(0, calls).Select(i =>
        {
            var c = new Compound { Tag = Encoding.UTF8.GetBytes("call-" + i) };
            c.PutRootFh().GetAttr(A.Type, A.Fileid);
            return client.CompoundAsync(c);
        }).ToArray();
        var replies = await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(30));
        for (int i = 0; i < calls; i++)
        {
            // The tag is echoed, so a reply delivered to the wrong xid would show another call's tag.
            Assert.That(Encoding.UTF8.GetString(replies[i].Tag), Is.EqualTo("call-" + i));
            Assert.That(replies[i].Status, Is.EqualTo(NfsStat4.Ok));
            Assert.That(replies[i].Attributes()[A.Type], Is.EqualTo(NfsFileType4.Directory));
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Calls_read_together_are_all_answered_whether_replies_are_batched_or_not(bool batchReplies)
    {
        _server = TestServer.Start(o => o.Transport.BatchReplies = batchReplies);
        var rpc = await _server.ConnectRpcAsync();
        for (int round = 0; round < 3; round++)
        {
            // One write: the server reads the calls together and, batching, answers them with one send.
            var calls = Enumerable.Range(0, 100).Select(_ =>
            {
                uint xid = rpc.NextXid();
                return (xid, RawRpc.Record(RawRpc.Call(xid, arguments: RawRpc.CompoundArgs(c => c.PutRootFh().GetAttr(A.Type, A.Fileid)))));
            }).ToList();
            var replies = await Task.WhenAll(rpc.SendRawCallsTogetherAsync(calls)).WaitAsync(TimeSpan.FromSeconds(30));
            for (int i = 0; i < replies.Length; i++)
            {
                Assert.That(replies[i].Header.Xid, Is.EqualTo(calls[i].xid));
                RpcAssert.Accepted(replies[i], RpcAcceptStatus.Success);
                var compound = CompoundReply.Decode(replies[i].Reader);
                Assert.That(compound.Attributes()[A.Type], Is.EqualTo(NfsFileType4.Directory));
            }
        }
    }
}
