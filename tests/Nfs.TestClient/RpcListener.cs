using System.Net;
using System.Net.Sockets;

namespace Nfs.TestClient;

/// <summary>
/// A small RPC service on a TCP port: every accepted connection becomes an <see cref="RpcClient"/>
/// whose incoming calls go to one handler. Used as an NFSv4.0 callback service (the address a
/// client gives in SETCLIENTID). Disposing stops listening and closes the connections.
/// </summary>
public sealed class RpcListener : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly RpcCallHandler _handler;
    private readonly List<RpcClient> _connections = [];
    private readonly Task _acceptLoop;
    private int _accepted;

    private RpcListener(Socket socket, RpcCallHandler handler)
    {
        _socket = socket;
        _handler = handler;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Listens on <paramref name="address"/> (127.0.0.1 by default), on a port the system chooses.</summary>
    public static RpcListener Start(RpcCallHandler handler, IPAddress? address = null)
    {
        address ??= IPAddress.Loopback;
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, 0));
            socket.Listen(16);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new RpcListener(socket, handler);
    }

    /// <summary>Where it listens.</summary>
    public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>The address as an RPC universal address ("h1.h2.h3.h4.p1.p2"), as netaddr4 carries it.</summary>
    public string UniversalAddress => ToUniversalAddress(EndPoint);

    /// <summary>Connections accepted so far.</summary>
    public int AcceptedConnections => Volatile.Read(ref _accepted);

    /// <summary>An IPv4 end point as a universal address.</summary>
    public static string ToUniversalAddress(IPEndPoint endPoint) => $"{endPoint.Address}.{endPoint.Port >> 8}.{endPoint.Port & 0xFF}";

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                var accepted = await _socket.AcceptAsync().ConfigureAwait(false);
                accepted.NoDelay = true;
                var client = RpcClient.FromSocket(accepted);
                client.HandleCalls(_handler);
                lock (_connections) _connections.Add(client);
                Interlocked.Increment(ref _accepted);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        RpcClient[] connections;
        lock (_connections) connections = [.. _connections];
        foreach (var c in connections) await c.DisposeAsync().ConfigureAwait(false);
    }
}
