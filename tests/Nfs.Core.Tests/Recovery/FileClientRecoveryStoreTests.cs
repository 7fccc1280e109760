using System.Net;
using System.Text;
using Nfs.Core.Nlm;
using Nfs.Core.Recovery;

namespace Nfs.Core.Tests.Recovery;

/// <summary>The local durable client store: what one instance records, the next one finds.</summary>
public sealed class FileClientRecoveryStoreTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDirectory()
    {
        _dir = Path.Combine(Path.GetTempPath(), "recovery-" + Guid.NewGuid().ToString("N"));
    }

    [TearDown]
    public void RemoveDirectory()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private FileClientRecoveryStore Open() => new(_dir, "node1");

    private static byte[] Owner(string name) => Encoding.UTF8.GetBytes(name);

    private static string[] Owners(RecoveryStart start) => [.. start.Reclaimable.Select(r => Encoding.UTF8.GetString(r.OwnerId)).Order()];

    [Test]
    public async Task Records_survive_reopening_and_removed_ones_do_not()
    {
        var first = Open();
        var start = await first.StartAsync();
        Assert.That(start.Epoch, Is.EqualTo(1UL));
        Assert.That(start.Reclaimable, Is.Empty);
        await first.AddAsync(new ClientRecord("node1", Owner("a"), 0, start.Epoch));
        await first.AddAsync(new ClientRecord("node1", Owner("b"), 1, start.Epoch));
        await first.AddAsync(new ClientRecord("node1", Owner("c"), 1, start.Epoch));
        await first.RemoveAsync("node1", Owner("c"));
        // No dispose: a killed process does not get to close anything.

        var second = await Open().StartAsync();
        Assert.That(second.Epoch, Is.EqualTo(2UL));
        Assert.That(Owners(second), Is.EqualTo(new[] { "a", "b" }));
        var b = second.Reclaimable.Single(r => r.OwnerId.SequenceEqual(Owner("b")));
        Assert.That((b.NodeId, b.MinorVersion, b.Epoch), Is.EqualTo(("node1", 1u, 1UL)));
    }

    [Test]
    public async Task Owners_of_any_bytes_and_length_round_trip()
    {
        var store = Open();
        var epoch = (await store.StartAsync()).Epoch;
        byte[] odd = [.. Enumerable.Range(0, 1024).Select(i => (byte)(i * 7))];
        await store.AddAsync(new ClientRecord("node1", odd, 2, epoch));
        var next = await Open().StartAsync();
        Assert.That(next.Reclaimable.Single().OwnerId, Is.EqualTo(odd));
    }

    [Test]
    public async Task A_torn_temporary_file_or_a_damaged_record_is_ignored()
    {
        var store = Open();
        var epoch = (await store.StartAsync()).Epoch;
        await store.AddAsync(new ClientRecord("node1", Owner("good"), 1, epoch));
        string epochDir = Path.Combine(_dir, "clients", "1");
        Assert.That(Directory.Exists(epochDir), Is.True, "records live in a directory per epoch");
        // A write killed before its rename: a temporary with half a record.
        string key = ClientRecord.KeyOf(Owner("torn"));
        File.WriteAllText(Path.Combine(epochDir, key + AtomicFile.TemporaryMarker + "deadbeef"), "fsal-client-record 1\nnode ");
        // A record file cut short (only a damaged disk does this; it must not stop the start).
        File.WriteAllText(Path.Combine(epochDir, ClientRecord.KeyOf(Owner("cut"))), "fsal-client-record 1\nnode bm9kZTE=\nminor 1\n");
        // A well-formed record under another owner's name.
        File.Copy(Path.Combine(epochDir, ClientRecord.KeyOf(Owner("good"))), Path.Combine(epochDir, ClientRecord.KeyOf(Owner("impostor"))));

        var next = await Open().StartAsync();
        Assert.That(Owners(next), Is.EqualTo(new[] { "good" }));
        Assert.That(Directory.EnumerateFiles(epochDir).Where(f => AtomicFile.IsTemporary(f)), Is.Empty, "leftover temporaries are cleaned up");
    }

    [Test]
    public async Task Clients_of_an_instance_that_died_in_grace_can_still_reclaim_until_a_grace_period_ends()
    {
        var one = Open();
        var e1 = (await one.StartAsync()).Epoch;
        await one.AddAsync(new ClientRecord("node1", Owner("old"), 0, e1));

        // Instance 2 dies during its grace period: "old" never came back, "new" arrived.
        var two = Open();
        var start2 = await two.StartAsync();
        Assert.That(Owners(start2), Is.EqualTo(new[] { "old" }));
        await two.AddAsync(new ClientRecord("node1", Owner("new"), 1, start2.Epoch));

        var three = Open();
        var start3 = await three.StartAsync();
        Assert.That(Owners(start3), Is.EqualTo(new[] { "new", "old" }));
        // "new" reclaims (recorded again in epoch 3), then grace ends: "old" is gone for good.
        await three.AddAsync(new ClientRecord("node1", Owner("new"), 1, start3.Epoch));
        await three.EndGraceAsync();

        var four = await Open().StartAsync();
        Assert.That(four.Epoch, Is.EqualTo(4UL));
        Assert.That(Owners(four), Is.EqualTo(new[] { "new" }));
        Assert.That(four.Reclaimable.Single().Epoch, Is.EqualTo(3UL));
    }

    [Test]
    public async Task Records_of_other_nodes_are_not_this_nodes_to_reclaim()
    {
        var store = Open();
        var epoch = (await store.StartAsync()).Epoch;
        await store.AddAsync(new ClientRecord("node2", Owner("theirs"), 1, epoch));
        await store.AddAsync(new ClientRecord("node1", Owner("mine"), 1, epoch));
        var next = await Open().StartAsync();
        Assert.That(Owners(next), Is.EqualTo(new[] { "mine" }));
    }

    [Test]
    public async Task The_store_refuses_use_before_start()
    {
        var store = Open();
        Assert.ThrowsAsync<InvalidOperationException>(async () => await store.AddAsync(new ClientRecord("node1", Owner("a"), 0, 1)));
        await store.StartAsync();
        Assert.ThrowsAsync<InvalidOperationException>(async () => await store.StartAsync());
    }

    [Test]
    public void Atomic_writes_replace_the_whole_file_and_leave_no_temporaries()
    {
        Directory.CreateDirectory(_dir);
        string path = Path.Combine(_dir, "f");
        AtomicFile.Write(path, Encoding.ASCII.GetBytes("first version, longer than the second"));
        AtomicFile.Write(path, Encoding.ASCII.GetBytes("second"));
        Assert.That(File.ReadAllText(path), Is.EqualTo("second"));
        Assert.That(Directory.GetFiles(_dir), Is.EqualTo(new[] { path }));
        AtomicFile.Delete(path);
        Assert.That(File.Exists(path), Is.False);
    }

    [Test]
    public async Task NFSv3_hosts_survive_reopening_with_a_greater_odd_state_number()
    {
        string nlm = Path.Combine(_dir, "nlm");
        var first = new FileMonitoredHostStore(nlm);
        int state1 = await first.GetServerStateAsync();
        await first.AddAsync(new MonitoredHost("ClientA", IPAddress.Parse("192.0.2.1")));
        await first.AddAsync(new MonitoredHost("clientb", IPAddress.Parse("2001:db8::2")));
        await first.AddAsync(new MonitoredHost("clientc", IPAddress.Parse("192.0.2.3")));
        await first.RemoveAsync("CLIENTC");
        File.WriteAllText(Path.Combine(nlm, "hosts", "damaged"), "not base64!\n192.0.2.9\nend\n");
        File.WriteAllText(Path.Combine(nlm, "hosts", "cut"), "Y2xpZW50ZA==\n192.0");

        var second = new FileMonitoredHostStore(nlm);
        int state2 = await second.GetServerStateAsync();
        Assert.That(state1 % 2, Is.EqualTo(1));
        Assert.That(state2 % 2, Is.EqualTo(1));
        Assert.That(state2, Is.GreaterThan(state1));
        var hosts = (await second.GetAllAsync()).OrderBy(h => h.Name).ToList();
        Assert.That(hosts, Is.EqualTo(new[]
        {
            new MonitoredHost("ClientA", IPAddress.Parse("192.0.2.1")),
            new MonitoredHost("clientb", IPAddress.Parse("2001:db8::2")),
        }));
    }
}
