using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Nfs.Core.Rpc;

namespace Nfs.Core.Transport;

/// <summary>
/// Accepts TCP connections on one end point and serves RPC on each with
/// <see cref="RpcConnection"/>. Stopping closes the listener and every connection.
/// </summary>
public sealed class RpcTcpListener : IAsyncDisposable
{
    private readonly RpcDispatcher _dispatcher;
    private readonly TransportOptions _options;
    private readonly ILogger _logger;
    private readonly RpcCallPool _pool;
    private readonly PollingGate _pollingGate = new();
    private readonly ConcurrentDictionary<long, (RpcConnection Connection, Task Task)> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private Socket? _listener;
    private Task? _acceptLoop;

    /// <summary>Creates a listener; call <see cref="Start"/>.</summary>
    public RpcTcpListener(RpcDispatcher dispatcher, TransportOptions options, ILogger<RpcTcpListener> logger)
    {
        _dispatcher = dispatcher;
        _options = options;
        _logger = logger;
        _pool = new RpcCallPool(Math.Max(64, options.MaxRequestsPerConnection * 2));
    }

    /// <summary>The bound end point (with the real port when port 0 was asked).</summary>
    public IPEndPoint? LocalEndPoint => (IPEndPoint?)_listener?.LocalEndPoint;

    /// <summary>Number of open connections.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Binds and starts accepting.</summary>
    public void Start(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(endPoint);
        socket.Listen(512);
        _listener = socket;
        _acceptLoop = AcceptLoopAsync(socket);
        _logger.LogInformation("Listening for RPC on {EndPoint}", socket.LocalEndPoint);
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException ex)
            {
                _logger.LogWarning("Accept failed: {Error}", ex.SocketErrorCode);
                continue;
            }
            if (_connections.Count >= _options.MaxConnections)
            {
                _logger.LogWarning("Refusing connection from {Client}: {Max} connections open", client.RemoteEndPoint, _options.MaxConnections);
                client.Dispose();
                continue;
            }
            client.NoDelay = true;
            var connection = new RpcConnection(client, _dispatcher, _options, _pool, _pollingGate, _logger, token);
            _logger.LogDebug("Connection {Id} from {Client}", connection.Id, connection.RemoteEndPoint);
            var task = ServeAsync(connection);
            _connections[connection.Id] = (connection, task);
            // The connection may have ended before it was registered.
            if (task.IsCompleted) _connections.TryRemove(connection.Id, out _);
        }
    }

    private async Task ServeAsync(RpcConnection connection)
    {
        await Task.Yield();
        try
        {
            await connection.RunAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Connection {Id} failed", connection.Id);
        }
        finally
        {
            _connections.TryRemove(connection.Id, out _);
            await connection.DisposeAsync().ConfigureAwait(false);
            _logger.LogDebug("Connection {Id} closed", connection.Id);
        }
    }

    /// <summary>Stops accepting and closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested) return;
        _stopping.Cancel();
        _listener?.Dispose();
        if (_acceptLoop is not null) await _acceptLoop.ConfigureAwait(false);
        var tasks = _connections.Values.Select(c => c.Task).ToArray();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        _stopping.Dispose();
    }
}
