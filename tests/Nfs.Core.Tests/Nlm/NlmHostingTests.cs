using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nlm;
using Nfs.Protocol.Nsm;
using Nfs.Protocol.Rpc;

namespace Nfs.Core.Tests.Nlm;

/// <summary>The NLM and NSM programs are served on the NFS port unless switched off.</summary>
public sealed class NlmHostingTests
{
    private static async Task<(RpcAcceptStatus Nlm, RpcAcceptStatus Nsm)> ProbeAsync(TestServer server)
    {
        var rpc = await server.ConnectRpcAsync();
        var nlm = await rpc.CallAsync(NlmConstants.Program, NlmConstants.Version4, (uint)NlmProcedure.Null);
        var nsm = await rpc.CallAsync(NsmConstants.Program, NsmConstants.Version, (uint)NsmProcedure.Null);
        return (nlm.Header.AcceptStatus, nsm.Header.AcceptStatus);
    }

    [Test]
    public async Task Both_are_served_by_default()
    {
        await using var server = TestServer.Start();
        Assert.That(await ProbeAsync(server), Is.EqualTo((RpcAcceptStatus.Success, RpcAcceptStatus.Success)));
        Assert.That(server.Server.Nlm, Is.Not.Null);
    }

    [Test]
    public async Task Nlm_Enabled_false_serves_neither()
    {
        await using var server = TestServer.Start(o => o.Nlm.Enabled = false);
        Assert.That(await ProbeAsync(server), Is.EqualTo((RpcAcceptStatus.ProgramUnavailable, RpcAcceptStatus.ProgramUnavailable)));
        Assert.That(server.Server.Nlm, Is.Null);
    }

    [Test]
    public async Task ServeStatusMonitor_false_leaves_NLM_alone()
    {
        await using var server = TestServer.Start(o => o.Nlm.ServeStatusMonitor = false);
        Assert.That(await ProbeAsync(server), Is.EqualTo((RpcAcceptStatus.Success, RpcAcceptStatus.ProgramUnavailable)));
    }

    [Test]
    public void Out_of_range_settings_are_refused_at_start()
    {
        var ex = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => TestServer.Start(o => o.Nlm.PortmapperPort = 0));
        Assert.That(ex!.Message, Does.Contain("Nlm"));
    }
}
