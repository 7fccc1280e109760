using Nfs.Core.Hosting;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nlm;
using Nfs.Protocol.Nsm;

namespace Nfs.Core.Tests.Nlm;

/// <summary>
/// With a state directory, the NFSv3 hosts holding locks outlive the server: the next instance
/// over the same directory sends them SM_NOTIFY at start, with a greater state number, and stays
/// in its grace period so they can reclaim.
/// </summary>
public sealed class NsmRestartTests : NlmTest
{
    private readonly string _stateDirectory = Path.Combine(Path.GetTempPath(), "nsm-restart-" + Guid.NewGuid().ToString("N"));

    /// <inheritdoc/>
    protected override void Configure(NfsServerOptions options)
    {
        base.Configure(options);
        options.Recovery.StateDirectory = _stateDirectory;
    }

    [TearDown]
    public void RemoveStateDirectory()
    {
        if (Directory.Exists(_stateDirectory)) Directory.Delete(_stateDirectory, recursive: true);
    }

    [Test]
    public async Task The_next_instance_notifies_the_hosts_that_held_locks_and_waits_for_their_reclaims()
    {
        var fh = await FileAsync();
        var a = await NlmAsync("locker");
        Expect(await a.LockAsync(a.Lock(fh, 1, 0, 10), exclusive: true), Nlm4Stats.Granted);
        int firstState = await Server.Server.Nlm!.Hosts.GetServerStateAsync();
        Assert.That(Server.Server.State.InGrace, Is.False, "nothing was on record at the first start");

        // The next instance over the same state directory (the first need not stop cleanly: every
        // record was on disk before the reply that granted the lock).
        await using var next = TestServer.Start(Configure);
        var change = await Host.WaitForAsync<NsmStatusChange>(NsmConstants.Program, (uint)NsmProcedure.Notify, null, CallbackTimeout);
        Assert.That(change.HostName, Is.EqualTo(next.Server.Nlm!.ServerName));
        Assert.That(change.State, Is.GreaterThan(firstState));
        Assert.That(change.State % 2, Is.EqualTo(1));
        Assert.That(next.Server.State.InGrace, Is.True, "a host on record keeps the grace period for its reclaims");
        Assert.That(next.Server.State.Grace.HostsOnRecord, Is.EqualTo(1));
    }
}
