using Nfs.Core.Tests.Infrastructure;

namespace Nfs.Core.Tests.Transport;

/// <summary>Connection limits and shutdown.</summary>
public sealed class ConnectionLifetimeTests
{
    [Test]
    public async Task Connections_beyond_MaxConnections_are_closed_and_a_freed_slot_is_reused()
    {
        await using var server = TestServer.Start(o => o.Transport.MaxConnections = 2);
        var first = await server.ConnectRpcAsync();
        var second = await server.ConnectRpcAsync();
        await RpcAssert.ServesAsync(first);
        await RpcAssert.ServesAsync(second);

        var third = await server.ConnectRpcAsync();
        Assert.That(await third.WaitForCloseAsync(RpcAssert.ReplyTimeout), Is.True, "the third connection stayed open");

        await first.DisposeAsync();
        // The server notices the close asynchronously; a new connection gets in once it has.
        var deadline = DateTime.UtcNow + RpcAssert.ReplyTimeout;
        while (true)
        {
            var next = await server.ConnectRpcAsync();
            if (!await next.WaitForCloseAsync(TimeSpan.FromMilliseconds(200)))
            {
                await RpcAssert.ServesAsync(next);
                break;
            }
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "no slot was freed");
        }
    }

    [Test]
    public async Task Stopping_the_server_closes_its_connections()
    {
        var server = TestServer.Start();
        TestClient.RpcClient rpc;
        try
        {
            rpc = await server.ConnectRpcAsync();
            await RpcAssert.ServesAsync(rpc);
        }
        finally
        {
            await server.Server.DisposeAsync().AsTask().WaitAsync(RpcAssert.ReplyTimeout);
        }
        Assert.That(await rpc.WaitForCloseAsync(RpcAssert.ReplyTimeout), Is.True);
        await server.DisposeAsync();
    }

    [Test]
    public async Task Stopped_server_refuses_new_connections()
    {
        var server = TestServer.Start();
        var endPoint = server.EndPoint;
        await server.DisposeAsync();
        Assert.That(async () => await TestClient.RpcClient.ConnectAsync(endPoint), Throws.InstanceOf<System.Net.Sockets.SocketException>());
    }
}
