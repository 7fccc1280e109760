using System.Text;
using Nfs.Core.Cluster;
using Nfs.Core.Fsal;
using Nfs.Core.Recovery;

namespace Nfs.Core.Tests.Cluster;

/// <summary>
/// A node's client records of one epoch on the shared backend: additions and removals read
/// back as the live set, a new log starts from the live records only, and a line torn or
/// damaged on the backend costs that line only.
/// </summary>
public sealed class ClientRecordLogTests
{
    private readonly SharedMemoryBackend _backend = new();
    private BackendFiles _files = null!;
    private FsalObject _dir = null!;

    [SetUp]
    public async Task Open()
    {
        _files = new BackendFiles(_backend.NewView());
        var records = await _files.DirectoryAsync(_files.RootDirectory, "records");
        _dir = await ClientRecordLog.NodeDirectoryAsync(_files, records, "node ü");
    }

    private static ClientRecord Client(string owner, uint minor = 1) => new("node ü", Encoding.UTF8.GetBytes(owner), minor, 0);

    private async Task<IEnumerable<(string Owner, uint Minor, ulong Epoch, string Node)>> ReadAsync(ulong epoch) =>
        (await ClientRecordLog.ReadAsync(_files, _dir, "node ü", epoch)).Select(r => (Encoding.UTF8.GetString(r.OwnerId), r.MinorVersion, r.Epoch, r.NodeId)).Order();

    private async Task AppendRawAsync(ulong epoch, string text)
    {
        var file = await _files.FindAsync(_dir, epoch.ToString()) ?? throw new AssertionException("no log");
        var length = (ulong)(await _files.ReadAllAsync(file, 1 << 20)).Length;
        await _files.WriteAsync(file, length, Encoding.ASCII.GetBytes(text));
    }

    [Test]
    public async Task Additions_and_removals_read_back_as_the_live_set()
    {
        var log = await ClientRecordLog.CreateAsync(_files, _dir, 3, [Client("old", 0)]);
        await log.AddAsync(Encoding.UTF8.GetBytes("a"), 1);
        await log.AddAsync(Encoding.UTF8.GetBytes("b"), 2);
        await log.RemoveAsync(Client("old").Key);
        await log.RemoveAsync(Client("a").Key);
        await log.AddAsync(Encoding.UTF8.GetBytes("a"), 2);
        Assert.That(await ReadAsync(3), Is.EqualTo(new[] { ("a", 2u, 3UL, "node ü"), ("b", 2u, 3UL, "node ü") }));
        Assert.That(await ReadAsync(4), Is.Empty, "no log of that epoch");
    }

    [Test]
    public async Task A_new_log_of_the_same_epoch_replaces_the_old_one()
    {
        var log = await ClientRecordLog.CreateAsync(_files, _dir, 1, [Client("a")]);
        await log.AddAsync(Encoding.UTF8.GetBytes("b"), 1);
        await ClientRecordLog.CreateAsync(_files, _dir, 1, [Client("c", 0)]);
        Assert.That((await ReadAsync(1)).Select(r => r.Owner), Is.EqualTo(new[] { "c" }));
    }

    [Test]
    public async Task RemoveOlder_keeps_the_given_epoch_and_later_ones()
    {
        foreach (ulong e in new ulong[] { 1, 2, 3, 10 }) await ClientRecordLog.CreateAsync(_files, _dir, e, [Client("x")]);
        await ClientRecordLog.RemoveOlderAsync(_files, _dir, 3);
        Assert.That((await _files.ListAsync(_dir)).Order(), Is.EqualTo(new[] { "10", "3" }));
    }

    [Test]
    public async Task A_line_torn_by_a_crash_is_ignored()
    {
        await ClientRecordLog.CreateAsync(_files, _dir, 1, [Client("a")]);
        await AppendRawAsync(1, "+ 1 " + Convert.ToBase64String(Encoding.UTF8.GetBytes("torn")));
        Assert.That((await ReadAsync(1)).Select(r => r.Owner), Is.EqualTo(new[] { "a" }));
    }

    [TestCase("+ 1 not-base64!\n", TestName = "A record whose owner is not base64 is skipped")]
    [TestCase("+ x YQ==\n", TestName = "A record whose minor version is not a number is skipped")]
    [TestCase("+ 99999999999 YQ==\n", TestName = "A record whose minor version overflows is skipped")]
    [TestCase("? what\n", TestName = "An unknown line is skipped")]
    public async Task A_damaged_line_costs_that_line_only(string damaged)
    {
        await ClientRecordLog.CreateAsync(_files, _dir, 1, [Client("a")]);
        await AppendRawAsync(1, damaged + "+ 2 " + Convert.ToBase64String(Encoding.UTF8.GetBytes("b")) + "\n");
        Assert.That((await ReadAsync(1)).Select(r => r.Owner), Is.EqualTo(new[] { "a", "b" }));
    }
}
