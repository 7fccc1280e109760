using Fsal.Memory;
using Nfs.Core.Exports;
using Nfs.Core.Hosting;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Tests.Exports;

/// <summary>Persistent filehandles (fh_expire_type FH4_PERSISTENT): the same object has the same handle on every server instance over the same backend.</summary>
public sealed class FileHandleStabilityTests
{
    private static NfsServerOptions SingleExport(MemoryFileSystem fs) => TestServer.DefaultOptions(fs);

    private static NfsServerOptions TwoExports(MemoryFileSystem fs1, MemoryFileSystem fs2)
    {
        var o = TestServer.DefaultOptions();
        o.Exports.Clear();
        o.Exports.Add(new ExportOptions { Id = 11, PseudoPath = "/x/one", FileSystem = fs1, Squash = SquashMode.None });
        o.Exports.Add(new ExportOptions { Id = 12, PseudoPath = "/two", FileSystem = fs2, Squash = SquashMode.None });
        return o;
    }

    [Test]
    public async Task Same_object_has_the_same_handle_from_two_server_instances()
    {
        var fs = new MemoryFileSystem();
        await using var first = TestServer.Start(SingleExport(fs));
        await using var second = TestServer.Start(SingleExport(fs));
        var s1 = await first.OpenSessionAsync();
        var s2 = await second.OpenSessionAsync();
        await s1.MkdirAsync("d");
        var made = await s1.CreateFileAsync("d/f", [1, 2]);

        foreach (var path in new[] { "", "d", "d/f" })
        {
            Assert.That(await s2.HandleAsync(path), Is.EqualTo(await s1.HandleAsync(path)), path);
        }
        var attrs = await s2.GetAttrsAsync(made, A.Size, A.Type);
        Assert.That(attrs[A.Size], Is.EqualTo(2UL));
    }

    [Test]
    public async Task Handles_survive_a_restart_over_the_same_backend()
    {
        var fs = new MemoryFileSystem();
        byte[] handle;
        await using (var before = TestServer.Start(SingleExport(fs)))
        {
            var s = await before.OpenSessionAsync();
            handle = await s.CreateFileAsync("f", [7]);
        }
        await using var after = TestServer.Start(SingleExport(fs));
        var session = await after.OpenSessionAsync();
        var read = await session.ReadAsync(handle, StateId4.Anonymous, 0, 10);
        Assert.That(read.Data.ToArray(), Is.EqualTo(new byte[] { 7 }));
    }

    [Test]
    public async Task Pseudo_filesystem_and_export_handles_are_the_same_on_both_instances()
    {
        var fs1 = new MemoryFileSystem();
        var fs2 = new MemoryFileSystem();
        await using var first = TestServer.Start(TwoExports(fs1, fs2));
        await using var second = TestServer.Start(TwoExports(fs1, fs2));
        var s1 = await first.OpenSessionAsync();
        var s2 = await second.OpenSessionAsync();
        await s1.CreateFileAsync("x/one/f");
        foreach (var path in new[] { "", "x", "x/one", "x/one/f", "two" })
        {
            Assert.That(await s2.HandleAsync(path), Is.EqualTo(await s1.HandleAsync(path)), path);
        }
    }

    [Test]
    public async Task Handle_carries_the_export_id()
    {
        var o = SingleExport(new MemoryFileSystem());
        o.Exports[0].Id = 0x1234;
        await using var server = TestServer.Start(o);
        var root = await (await server.OpenSessionAsync()).HandleAsync("");
        Assert.That(root[2..4], Is.EqualTo(new byte[] { 0x12, 0x34 }));
    }
}
