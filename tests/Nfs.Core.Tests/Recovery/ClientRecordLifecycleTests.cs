using System.Text;
using Nfs.Core.Recovery;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Recovery;

/// <summary>When a client goes on record, and when it comes off (RFC 7530 section 9.6.3, RFC 8881 section 8.4.2.1).</summary>
public sealed class ClientRecordLifecycleTests
{
    private static string[] Recorded(TestServer server, InMemoryClientRecoveryStore store)
    {
        server.Server.ClientRecords!.DrainAsync().Wait();
        return [.. store.Current.Select(r => Encoding.UTF8.GetString(r.OwnerId)).Order()];
    }

    private static TestServer Start(InMemoryClientRecoveryStore store, int leaseSeconds = 60) => TestServer.Start(o =>
    {
        o.Recovery.Store = store;
        o.Nfs4.LeaseSeconds = leaseSeconds;
    });

    [Test]
    public async Task A_40_client_is_on_record_when_SETCLIENTID_CONFIRM_answers_and_a_new_incarnation_replaces_it()
    {
        var store = new InMemoryClientRecoveryStore();
        await using var server = Start(store);
        var client = await server.ConnectAsync();
        var r = await client.CompoundAsync(c => c.SetClientId(1, Encoding.UTF8.GetBytes("v40")));
        var body = r.Results[0].Reader;
        ulong id = body.ReadUInt64();
        ulong confirm = body.ReadUInt64();
        Assert.That(Recorded(server, store), Is.Empty, "not before the confirm");
        Nfs4Client.Expect(await client.CompoundAsync(c => c.SetClientIdConfirm(id, confirm)), NfsStat4.Ok);
        // The confirm's reply came after the record was written: no drain needed to see it.
        Assert.That(store.Current.Select(x => Encoding.UTF8.GetString(x.OwnerId)), Is.EqualTo(new[] { "v40" }));
        Assert.That(store.Current[0].MinorVersion, Is.Zero);

        // The client reboots (new verifier): the old incarnation's record is replaced, not lost.
        await client.EstablishClientAsync("v40", verifier: 2);
        Assert.That(Recorded(server, store), Is.EqualTo(new[] { "v40" }));
    }

    [Test]
    public async Task A_41_client_is_on_record_at_CREATE_SESSION_and_off_it_after_DESTROY_CLIENTID()
    {
        var store = new InMemoryClientRecoveryStore();
        await using var server = Start(store);
        var client = await server.ConnectAsync();
        var session = await client.EstablishSessionAsync(1, "v41", reclaimComplete: false);
        Assert.That(store.Current.Select(x => (Encoding.UTF8.GetString(x.OwnerId), x.MinorVersion)), Is.EqualTo(new[] { ("v41", 1u) }));

        Nfs4Client.Expect(await client.CompoundAsync(new Compound { UseSession = false, MinorVersion = 1 }.DestroySession(session)), NfsStat4.Ok);
        Nfs4Client.Expect(await client.CompoundAsync(new Compound { UseSession = false, MinorVersion = 1 }.DestroyClientId(client.ClientId)), NfsStat4.Ok);
        Assert.That(Recorded(server, store), Is.Empty);
    }

    [Test]
    public async Task A_client_whose_lease_expired_is_off_the_record()
    {
        var store = new InMemoryClientRecoveryStore();
        await using var server = Start(store, leaseSeconds: 5);
        var client = await server.ConnectAsync();
        await client.EstablishClientAsync("expiring");
        Assert.That(Recorded(server, store), Is.EqualTo(new[] { "expiring" }));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (Recorded(server, store).Length > 0)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the record outlived the lease");
            await Task.Delay(200);
        }
        Assert.That(server.Server.State.ClientCount, Is.Zero);
    }

    [Test]
    public async Task Without_anyone_on_record_there_is_no_grace_period_and_with_only_41_clients_it_ends_at_their_RECLAIM_COMPLETE()
    {
        await using (var fresh = Start(new InMemoryClientRecoveryStore()))
        {
            Assert.That(fresh.Server.State.InGrace, Is.False);
        }
        var store = new InMemoryClientRecoveryStore([new ClientRecord(Environment.MachineName, Encoding.UTF8.GetBytes("back"), 1, 1)]);
        await using var server = Start(store);
        Assert.That(server.Server.State.InGrace, Is.True);
        var stranger = await server.ConnectAsync();
        await stranger.EstablishSessionAsync(1, "stranger"); // its RECLAIM_COMPLETE lifts nothing
        Assert.That(server.Server.State.InGrace, Is.True);
        var back = await server.ConnectAsync();
        await back.EstablishSessionAsync(1, "back");
        Assert.That(server.Server.State.InGrace, Is.False);
        // Grace over: the previous epoch's records are dropped; this instance's stay.
        Assert.That(Recorded(server, store), Is.EqualTo(new[] { "back", "stranger" }));
    }
}
