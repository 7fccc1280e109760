using Nfs.Core.Hosting;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Tests.Sessions;

/// <summary>In 4.1 SEQUENCE renews the client's lease (RFC 8881 section 8.3); without it the lease runs out.</summary>
public sealed class SessionLeaseTests : Session41Test
{
    protected override void Configure(NfsServerOptions options) => options.Nfs4.LeaseSeconds = 5;

    [Test]
    public async Task SEQUENCE_alone_keeps_state_past_the_lease_while_a_silent_client_loses_it()
    {
        var renewing = await NewRawSessionAsync();
        var silent = await NewRawSessionAsync();
        var (fh, open) = await renewing.OpenAsync("kept");
        var (silentFh, silentOpen) = await silent.OpenAsync("lost", deny: OpenShare4.DenyWrite);

        // Past the lease (5 s) plus the reaper's period, with nothing but SEQUENCE from one client.
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(7);
        while (DateTime.UtcNow < until)
        {
            var seq = await renewing.SendAsync();
            Assert.That(seq.Status, Is.EqualTo(NfsStat4.Ok), seq.Describe());
            await Task.Delay(1000);
        }

        var read = await renewing.SendAsync(c => c.PutFh(fh).Read(open, 0, 1));
        Assert.That(read.Status, Is.EqualTo(NfsStat4.Ok), "state of the renewing client: " + read.Describe());

        // The control: the client that said nothing expired, its session and share reservation are gone.
        var gone = await silent.SendAsync();
        Assert.That(gone.Status, Is.EqualTo(NfsStat4.Badsession), gone.Describe());
        var write = await renewing.SendAsync(c => c.PutFh(silentFh).Write(StateId4.Anonymous, 0, new byte[1]));
        Assert.That(write.Status, Is.EqualTo(NfsStat4.Ok), "the expired client's DENY_WRITE: " + write.Describe());
        var stale = await renewing.SendAsync(c => c.TestStateId(silentOpen));
        Assert.That(stale.Status, Is.EqualTo(NfsStat4.Ok));
        Assert.That(stale.TestStateIdStatuses().Single(), Is.Not.EqualTo(NfsStat4.Ok), "the expired client's open stateid");
    }
}
