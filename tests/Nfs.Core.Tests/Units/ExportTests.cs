using System.Net;
using Fsal.Memory;
using Nfs.Core.Exports;
using Nfs.Core.Fsal;

namespace Nfs.Core.Tests.Units;

/// <summary>An export's identity mapping (squashing) and client rules.</summary>
public sealed class ExportTests
{
    private static Export Make(SquashMode squash, params string[] clients) =>
        new(new ExportOptions { Id = 3, PseudoPath = "/x/", Squash = squash, AnonymousUid = 4242, AnonymousGid = 4343, Clients = [.. clients] }, new MemoryFileSystem());

    [TestCase(SquashMode.None, 0u, 0u)]
    [TestCase(SquashMode.None, 1000u, 1000u)]
    [TestCase(SquashMode.Root, 0u, 4242u)]
    [TestCase(SquashMode.Root, 1000u, 1000u)]
    [TestCase(SquashMode.All, 0u, 4242u)]
    [TestCase(SquashMode.All, 1000u, 4242u)]
    public void MapCredential_applies_the_squash_mode(SquashMode mode, uint uid, uint expectedUid)
    {
        var caller = new Credential(uid, uid + 1, [7, 8]);
        var mapped = Make(mode).MapCredential(caller);
        Assert.That(mapped.Uid, Is.EqualTo(expectedUid));
        if (expectedUid == uid)
        {
            Assert.That(mapped, Is.SameAs(caller), "an unsquashed caller keeps its groups");
        }
        else
        {
            Assert.That(mapped.Gid, Is.EqualTo(4343u));
            Assert.That(mapped.Groups, Is.Empty, "a squashed caller keeps none of its groups");
        }
    }

    [Test]
    public void Root_squash_is_the_default()
    {
        var export = new Export(new ExportOptions(), new MemoryFileSystem());
        Assert.That(export.MapCredential(Credential.Root).Uid, Is.EqualTo(Credential.Nobody));
    }

    [TestCase("127.0.0.1", true)]
    [TestCase("10.1.1.1", true)]
    [TestCase("192.0.2.1", false)]
    public void AllowsClient_checks_the_networks(string address, bool allowed)
    {
        Assert.That(Make(SquashMode.None, "10.0.0.0/8", "127.0.0.1").AllowsClient(IPAddress.Parse(address)), Is.EqualTo(allowed));
    }

    [Test]
    public void Export_without_networks_allows_everyone()
    {
        Assert.That(Make(SquashMode.None).AllowsClient(IPAddress.Parse("203.0.113.7")), Is.True);
        Assert.That(Make(SquashMode.None).AllowsClient(IPAddress.IPv6Loopback), Is.True);
    }

    [Test]
    public void Pseudo_path_is_normalized_and_fsid_is_the_export_id()
    {
        var export = Make(SquashMode.None);
        Assert.That(export.PseudoPath, Is.EqualTo("/x"));
        Assert.That(export.Fsid, Is.EqualTo((3UL, 0UL)));
    }

    [Test]
    public void Read_only_comes_from_the_options_or_the_backend()
    {
        Assert.That(new Export(new ExportOptions { ReadOnly = true }, new MemoryFileSystem()).IsReadOnly, Is.True);
        Assert.That(new Export(new ExportOptions(), new MemoryFileSystem()).IsReadOnly, Is.False);
    }
}
