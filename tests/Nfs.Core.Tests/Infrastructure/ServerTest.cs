using Nfs.Core.Hosting;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Infrastructure;

/// <summary>
/// Base of tests that talk to a server over TCP: each test gets its own server (configured by
/// <see cref="Configure"/>) and a session with a confirmed client id, and stops both afterwards.
/// </summary>
public abstract class ServerTest
{
    /// <summary>The server of the current test.</summary>
    protected TestServer Server { get; private set; } = null!;

    /// <summary>A session with a confirmed client id.</summary>
    protected NfsSession Session { get; private set; } = null!;

    /// <summary>Changes the default options (one memory export at "/", no squashing).</summary>
    protected virtual void Configure(NfsServerOptions options) { }

    /// <summary>Whether <see cref="Session"/> establishes a client id.</summary>
    protected virtual bool EstablishClient => true;

    [SetUp]
    public async Task StartServerAsync()
    {
        Server = TestServer.Start(Configure);
        Session = await Server.OpenSessionAsync(EstablishClient);
    }

    [TearDown]
    public async Task StopServerAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
    }

    /// <summary>Sends a COMPOUND on the test's session.</summary>
    protected Task<CompoundReply> CompoundAsync(Action<Compound> build) => Session.CompoundAsync(build);
}
