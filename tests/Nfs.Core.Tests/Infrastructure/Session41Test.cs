using Nfs.Core.Hosting;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Infrastructure;

/// <summary>An NFSv4.1 client with a session, its callback service and the usual helpers.</summary>
public sealed class Client41(NfsSession session, Nfs4CallbackServer callbacks)
{
    /// <summary>The helpers (COMPOUNDs go through the session: SEQUENCE is put in front).</summary>
    public NfsSession Session { get; } = session;

    /// <summary>What the client answers to callbacks on its back channel, and what it received.</summary>
    public Nfs4CallbackServer Callbacks { get; } = callbacks;

    /// <summary>The connection.</summary>
    public Nfs4Client Connection => Session.Client;

    /// <summary>The session id.</summary>
    public SessionId4 SessionId => Connection.Session!.Value;

    /// <summary>The client id.</summary>
    public ulong ClientId => Connection.ClientId;
}

/// <summary>
/// Base of NFSv4.1 tests: each test gets its own server (configured by <see cref="Configure"/>)
/// and makes the clients it needs; the server and every connection are stopped afterwards.
/// </summary>
public abstract class Session41Test
{
    /// <summary>The server of the current test.</summary>
    protected TestServer Server { get; private set; } = null!;

    /// <summary>Changes the default options (one memory export at "/", no squashing).</summary>
    protected virtual void Configure(NfsServerOptions options) { }

    [SetUp]
    public void StartServer() => Server = TestServer.Start(Configure);

    [TearDown]
    public async Task StopServerAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
    }

    /// <summary>A new connection.</summary>
    protected Task<Nfs4Client> ConnectAsync() => Server.ConnectAsync();

    /// <summary>A new connection with a session whose slots and sequence ids the test drives.</summary>
    protected async Task<RawSession> NewRawSessionAsync(string? owner = null, ChannelAttrs4? fore = null, uint flags = 0, bool reclaimComplete = true) =>
        await RawSession.CreateAsync(await ConnectAsync(), owner, fore, flags, reclaimComplete: reclaimComplete);

    /// <summary>
    /// A new connection with an established session (RECLAIM_COMPLETE done unless told
    /// otherwise); with <paramref name="backChannel"/> the connection is also the back channel,
    /// answered by the returned client's <see cref="Client41.Callbacks"/>.
    /// </summary>
    protected async Task<Client41> NewClientAsync(bool backChannel = true, string? owner = null, uint slots = 16, bool reclaimComplete = true)
    {
        var connection = await ConnectAsync();
        var callbacks = new Nfs4CallbackServer();
        connection.ServeCallbacks(callbacks);
        await connection.EstablishSessionAsync(1, owner, slots, backChannel: backChannel, reclaimComplete: reclaimComplete);
        return new Client41(new NfsSession(connection), callbacks);
    }
}
