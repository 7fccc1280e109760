using System.Text;
using Nfs.Core.Hosting;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Tests.State;

/// <summary>A client that stops renewing loses its state after one lease (RFC 7530 section 9.6).</summary>
public sealed class LeaseExpiryTests : ServerTest
{
    protected override void Configure(NfsServerOptions options) => options.Nfs4.LeaseSeconds = 5;

    protected override bool EstablishClient => false;

    [Test]
    public async Task Expired_client_loses_its_state_and_its_id_can_be_taken_by_another_principal()
    {
        string id = "lease-" + Guid.NewGuid().ToString("N");
        await Session.EstablishAsync(id);
        var open = await Session.OpenAsync("f", deny: OpenShare4.DenyWrite);

        // Wait past the lease without renewing (nothing below touches the client until it is reaped).
        await Task.Delay(TimeSpan.FromSeconds(5));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (Server.Server.State.ClientCount > 0)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the lease never expired");
            await Task.Delay(100);
        }

        var read = await Session.CompoundAsync(c => c.PutFh(open.Handle).Read(open.StateId, 0, 1));
        Assert.That(read.Status, Is.EqualTo(NfsStat4.Expired), read.Describe());
        var renew = await Session.CompoundAsync(c => c.Renew(Session.ClientId));
        Assert.That(renew.Status, Is.AnyOf(NfsStat4.Expired, NfsStat4.StaleClientid));

        // The share reservation is gone: another client may now write.
        var other = await Server.OpenSessionAsync();
        var write = await other.CompoundAsync(c => c.PutFh(open.Handle).Write(StateId4.Anonymous, 0, new byte[1]));
        Assert.That(write.Status, Is.EqualTo(NfsStat4.Ok), write.Describe());

        // Nobody holds the id's lease any more, so another principal may take it.
        var taken = await other.CompoundAsync(c => c.SetClientId(9, Encoding.UTF8.GetBytes(id)), Credentials.Sys(1000));
        Assert.That(taken.Status, Is.EqualTo(NfsStat4.Ok));
    }
}
