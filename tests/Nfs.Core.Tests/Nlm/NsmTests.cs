using System.Net;
using Nfs.Core.Nlm;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nlm;
using Nfs.Protocol.Nsm;
using Nfs.Protocol.Rpc;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Nlm;

/// <summary>
/// NSM: SM_NOTIFY from a restarted client drops its locks; after a restart of the server, the
/// recorded client hosts are sent SM_NOTIFY through their port mapper.
/// </summary>
public sealed class NsmTests : NlmTest
{
    /// <summary>SM_NOTIFY as a restarted client's status monitor sends it.</summary>
    private async Task<RpcReplyMessage> NotifyAsync(string hostName, int state)
    {
        var rpc = await Server.ConnectRpcAsync();
        return await rpc.CallAsync(NsmConstants.Program, NsmConstants.Version, (uint)NsmProcedure.Notify, new NsmStatusChange(hostName, state).Encode);
    }

    [Test]
    public async Task SM_NOTIFY_of_a_restarted_client_releases_its_locks()
    {
        var fh = await FileAsync();
        var a = await NlmAsync("rebooted");
        var b = await NlmAsync("other");
        Expect(await a.LockAsync(a.Lock(fh, 1, 0, 10), exclusive: true), Nlm4Stats.Granted);
        Expect(await b.LockAsync(b.Lock(fh, 1, 20, 10), exclusive: true), Nlm4Stats.Granted);
        var reply = await NotifyAsync("rebooted", 3);
        Assert.That(reply.Header.IsSuccess, Is.True);
        Expect(await b.LockAsync(b.Lock(fh, 2, 0, 10), exclusive: true), Nlm4Stats.Granted);
        Expect(await a.LockAsync(a.Lock(fh, 2, 20, 10), exclusive: true), Nlm4Stats.Denied);
        Assert.That(Server.Server.State.NlmHostNames, Is.EquivalentTo(new[] { "other" }));
    }

    [Test]
    public async Task SM_NOTIFY_naming_no_known_host_falls_back_to_the_senders_address()
    {
        var fh = await FileAsync();
        var a = await NlmAsync("short-name");
        Expect(await a.LockAsync(a.Lock(fh, 1, 0, 10), exclusive: true), Nlm4Stats.Granted);
        Assert.That((await NotifyAsync("short-name.example.com", 5)).Header.IsSuccess, Is.True);
        Assert.That(Server.Server.State.NlmHostNames, Is.Empty);
    }

    [Test]
    public async Task A_notification_from_another_address_cannot_drop_a_hosts_locks()
    {
        var fh = await FileAsync();
        var a = await NlmAsync("victim");
        Expect(await a.LockAsync(a.Lock(fh, 1, 0, 10), exclusive: true), Nlm4Stats.Granted);
        Assert.That(await Server.Server.Nlm!.FreeAllAsync("victim", IPAddress.Parse("192.0.2.7")), Is.Zero);
        Assert.That(Server.Server.State.NlmHostNames, Is.EquivalentTo(new[] { "victim" }));
        Assert.That(await Server.Server.Nlm!.FreeAllAsync("victim", IPAddress.Loopback), Is.EqualTo(1));
    }

    [Test]
    public async Task Other_NSM_procedures_are_unavailable()
    {
        var rpc = await Server.ConnectRpcAsync();
        RpcAssert.Accepted(await rpc.CallAsync(NsmConstants.Program, NsmConstants.Version, (uint)NsmProcedure.Null), RpcAcceptStatus.Success);
        RpcAssert.Accepted(await rpc.CallAsync(NsmConstants.Program, NsmConstants.Version, (uint)NsmProcedure.Monitor), RpcAcceptStatus.ProcedureUnavailable);
        RpcAssert.Accepted(await rpc.CallAsync(NsmConstants.Program, NsmConstants.Version, (uint)NsmProcedure.Notify, w => w.WriteUInt32(5000)), RpcAcceptStatus.GarbageArguments);
    }

    [Test]
    public async Task Restart_notification_sends_SM_NOTIFY_to_every_recorded_host_through_its_port_mapper()
    {
        var fh = await FileAsync();
        var a = await NlmAsync("locker");
        Expect(await a.LockAsync(a.Lock(fh, 1, 0, 10), exclusive: true), Nlm4Stats.Granted);
        var nlm = Server.Server.Nlm!;
        Assert.That(await nlm.NotifyRestartAsync(), Is.EqualTo(1));
        var change = await Host.WaitForAsync<NsmStatusChange>(NsmConstants.Program, (uint)NsmProcedure.Notify, null, CallbackTimeout);
        Assert.That(change.HostName, Is.EqualTo(nlm.ServerName));
        Assert.That(change.State % 2, Is.EqualTo(1), "an odd state number: the server is up");
        Assert.That(await nlm.Hosts.GetAllAsync(), Is.Empty, "a notified host is forgotten until it locks again");
    }

    [Test]
    public async Task Hosts_whose_status_monitor_cannot_be_reached_stay_recorded()
    {
        var nlm = Server.Server.Nlm!;
        await nlm.Hosts.AddAsync(new MonitoredHost("gone", IPAddress.Loopback));
        await Host.DisposeAsync(); // nothing answers on the port mapper port any more
        Assert.That(await nlm.NotifyRestartAsync(), Is.Zero);
        Assert.That((await nlm.Hosts.GetAllAsync()).Select(h => h.Name), Is.EquivalentTo(new[] { "gone" }));
    }
}
