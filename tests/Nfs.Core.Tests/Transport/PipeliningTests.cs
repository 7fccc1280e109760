using System.Text;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
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
}
