using Nfs.Core.Hosting;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nlm;
using Nfs.TestClient;
using static Nfs.Core.Tests.Infrastructure.DelegationHelpers;

namespace Nfs.Core.Tests.Nlm;

/// <summary>
/// An NFSv4 delegation holder may keep locks to itself, so NLM requests that could conflict
/// recall the delegation and are answered DENIED_GRACE_PERIOD (NLM's "ask again later") until
/// it is returned; a blocking LOCK waits and is granted afterwards.
/// </summary>
public sealed class NlmDelegationTests : Session41Test
{
    private readonly NlmClientHost _host = NlmClientHost.Start();

    /// <inheritdoc/>
    protected override void Configure(NfsServerOptions options)
    {
        options.Nlm.PortmapperPort = _host.Port;
        options.Nlm.BlockedRetrySeconds = 1;
    }

    [TearDown]
    public async Task StopHostAsync() => await _host.DisposeAsync();

    [Test]
    public async Task NLM_write_lock_recalls_a_read_delegation_and_waits_for_its_return()
    {
        var holder = await NewClientAsync();
        await holder.Session.CreateFileAsync("f", [1, 2, 3]);
        var (file, deleg) = await holder.Session.OpenWithDelegationAsync("f", OpenShare4.AccessRead);
        Assert.That(deleg.Granted, Is.True, $"setup: no delegation ({deleg})");

        var nlm = Nlm4Client.On(await Server.ConnectRpcAsync(), "v3host");
        // A read lock does not conflict with a read delegation.
        Assert.That(await nlm.LockAsync(nlm.Lock(file.Handle, 1, 100, 1), exclusive: false), Is.EqualTo(Nlm4Stats.Granted));
        Assert.That(await nlm.LockAsync(nlm.Lock(file.Handle, 1, 0, 10), exclusive: true), Is.EqualTo(Nlm4Stats.DeniedGracePeriod));
        await holder.Callbacks.WaitForAsync(c => c.Find<CbRecallRequest>() is not null, CallbackTimeout);
        Assert.That(await nlm.LockAsync(nlm.Lock(file.Handle, 2, 0, 10), exclusive: true, block: true), Is.EqualTo(Nlm4Stats.Blocked));

        await holder.Session.ExpectAsync(NfsStat4.Ok, c => c.PutFh(file.Handle).DelegReturn(deleg.StateId));
        await _host.WaitForAsync<Nlm4TestArgs>(NlmProcedure.Granted, g => g.Lock.Svid == 2, TimeSpan.FromSeconds(20));
        Assert.That(await nlm.LockAsync(nlm.Lock(file.Handle, 1, 0, 10), exclusive: true), Is.EqualTo(Nlm4Stats.Denied));
    }
}
