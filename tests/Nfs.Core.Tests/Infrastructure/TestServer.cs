using System.Net;
using Fsal.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Core.Hosting;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Infrastructure;

/// <summary>
/// An <see cref="NfsServer"/> listening on a free loopback port, with the connections tests open
/// to it. Disposing closes those connections and stops the server.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _connections = [];

    private TestServer(NfsServer server, NfsServerOptions options)
    {
        Server = server;
        Options = options;
    }

    /// <summary>The running server.</summary>
    public NfsServer Server { get; }

    /// <summary>The options it was started with.</summary>
    public NfsServerOptions Options { get; }

    /// <summary>Where it listens.</summary>
    public IPEndPoint EndPoint => Server.EndPoints[0];

    /// <summary>The backend of the first export, when it is the memory backend.</summary>
    public MemoryFileSystem? Memory => Options.Exports[0].FileSystem as MemoryFileSystem;

    /// <summary>Options with one export of a new memory filesystem at "/", without squashing, on 127.0.0.1 port 0.</summary>
    public static NfsServerOptions DefaultOptions(IFileSystem? fileSystem = null) => new()
    {
        Listen = "127.0.0.1:0",
        Exports = { new ExportOptions { Id = 1, PseudoPath = "/", FileSystem = fileSystem ?? new MemoryFileSystem(), Squash = SquashMode.None } },
    };

    /// <summary>Starts a server with <see cref="DefaultOptions"/> changed by <paramref name="configure"/>.</summary>
    public static TestServer Start(Action<NfsServerOptions>? configure = null, IFileSystem? fileSystem = null)
    {
        var options = DefaultOptions(fileSystem);
        configure?.Invoke(options);
        return Start(options);
    }

    /// <summary>Starts a server with exactly these options (Listen must be a loopback port 0).</summary>
    public static TestServer Start(NfsServerOptions options)
    {
        var server = new NfsServer(Microsoft.Extensions.Options.Options.Create(options), [], null, NullLoggerFactory.Instance);
        try
        {
            server.Start();
        }
        catch
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        return new TestServer(server, options);
    }

    /// <summary>Opens an NFSv4 connection that is closed with the server.</summary>
    public async Task<Nfs4Client> ConnectAsync()
    {
        var client = await Nfs4Client.ConnectAsync(EndPoint);
        lock (_connections) _connections.Add(client);
        return client;
    }

    /// <summary>Opens a bare RPC connection that is closed with the server.</summary>
    public async Task<RpcClient> ConnectRpcAsync()
    {
        var client = await RpcClient.ConnectAsync(EndPoint);
        lock (_connections) _connections.Add(client);
        return client;
    }

    /// <summary>Opens a connection and establishes a confirmed client id on it.</summary>
    public async Task<NfsSession> OpenSessionAsync(bool establish = true)
    {
        var session = new NfsSession(await ConnectAsync());
        if (establish) await session.EstablishAsync();
        return session;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        IAsyncDisposable[] connections;
        lock (_connections) connections = [.. _connections];
        foreach (var c in connections) await c.DisposeAsync();
        await Server.DisposeAsync();
    }
}
