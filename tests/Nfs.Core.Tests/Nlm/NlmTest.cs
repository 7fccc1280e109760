using Nfs.Core.Hosting;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nlm;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Nlm;

/// <summary>
/// Base of NLM tests: a server (memory backend) whose clients' port mapper is a test
/// <see cref="NlmClientHost"/>, so GRANTED and *_RES callbacks reach the test; NFSv4 (the
/// inherited session) makes files and hands out their filehandles, as NFSv3 will.
/// </summary>
public abstract class NlmTest : ServerTest
{
    /// <summary>How long a test waits for a callback.</summary>
    protected static readonly TimeSpan CallbackTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The client host's services (port mapper, lock manager callbacks, status monitor).</summary>
    protected NlmClientHost Host { get; } = NlmClientHost.Start();

    /// <inheritdoc/>
    protected override void Configure(NfsServerOptions options)
    {
        options.Nlm.PortmapperPort = Host.Port;
        options.Nlm.CallbackTimeoutSeconds = 5;
        options.Nlm.GrantedRetries = 1;
        options.Nlm.GrantedRetrySeconds = 1;
        options.Nlm.BlockedRetrySeconds = 1;
    }

    [TearDown]
    public async Task StopClientHostAsync() => await Host.DisposeAsync();

    /// <summary>An NLM client (host <paramref name="host"/>) on a new connection that closes with the server.</summary>
    protected async Task<Nlm4Client> NlmAsync(string host = "hostA") => Nlm4Client.On(await Server.ConnectRpcAsync(), host);

    /// <summary>Creates a file through NFSv4 and returns its handle.</summary>
    protected Task<byte[]> FileAsync(string name = "f") => Session.CreateFileAsync(name, new byte[100]);

    /// <summary>Asserts a status.</summary>
    protected static void Expect(Nlm4Stats actual, Nlm4Stats expected) => Assert.That(actual, Is.EqualTo(expected));
}
