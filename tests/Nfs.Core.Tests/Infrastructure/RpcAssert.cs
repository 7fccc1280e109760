using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Rpc;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Infrastructure;

/// <summary>Assertions about RPC replies and about a server still serving.</summary>
public static class RpcAssert
{
    /// <summary>How long a test waits for any single reply.</summary>
    public static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The NFSv4 NULL procedure, waiting at most <see cref="ReplyTimeout"/>.</summary>
    public static Task<RpcReplyMessage> NullAsync(RpcClient rpc, OpaqueAuth? credential = null) =>
        rpc.CallAsync(Nfs4Constants.Program, Nfs4Constants.Version, Nfs4Constants.ProcNull, null, credential).WaitAsync(ReplyTimeout);

    /// <summary>Asserts that a NULL call on <paramref name="rpc"/> succeeds.</summary>
    public static async Task ServesAsync(RpcClient rpc)
    {
        var reply = await NullAsync(rpc);
        Assert.That(reply.Header.IsSuccess, Is.True, $"NULL failed: {reply.Header}");
    }

    /// <summary>
    /// Asserts that the server still serves: on <paramref name="rpc"/> when the server kept that
    /// connection open, otherwise on a new connection.
    /// </summary>
    public static async Task ServesOnSameOrNewConnectionAsync(TestServer server, RpcClient rpc)
    {
        if (rpc.IsConnected)
        {
            try
            {
                await ServesAsync(rpc);
                return;
            }
            catch (IOException)
            {
                // The server closed the connection after all: a new one must work.
            }
        }
        await ServesAsync(await server.ConnectRpcAsync());
    }

    /// <summary>Asserts an accepted reply with the given accept status.</summary>
    public static void Accepted(RpcReplyMessage reply, RpcAcceptStatus status)
    {
        Assert.That(reply.Header.ReplyStatus, Is.EqualTo(RpcReplyStatus.Accepted), reply.Header.ToString());
        Assert.That(reply.Header.AcceptStatus, Is.EqualTo(status), reply.Header.ToString());
    }

    /// <summary>Asserts a denied reply with AUTH_ERROR and, when given, the auth status.</summary>
    public static void AuthError(RpcReplyMessage reply, RpcAuthStatus? status = null)
    {
        Assert.That(reply.Header.ReplyStatus, Is.EqualTo(RpcReplyStatus.Denied), reply.Header.ToString());
        Assert.That(reply.Header.RejectStatus, Is.EqualTo(RpcRejectStatus.AuthError), reply.Header.ToString());
        if (status is { } s) Assert.That(reply.Header.AuthStatus, Is.EqualTo(s), reply.Header.ToString());
    }
}
