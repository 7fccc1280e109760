using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Tests.State;

/// <summary>
/// RFC 7530 section 9.1.7: a seqid-bearing request advances its owner's seqid whatever its
/// outcome, except for STALE_CLIENTID, STALE_STATEID, BAD_STATEID, BAD_SEQID, BADXDR, RESOURCE,
/// NOFILEHANDLE and MOVED.
/// </summary>
public sealed class OpenSeqIdAdvanceTests : ServerTest
{
    [TestCase(0u, OpenShare4.DenyNone)]
    [TestCase(4u, OpenShare4.DenyNone)]
    [TestCase(OpenShare4.AccessRead, 8u)]
    public async Task INVAL_share_arguments_advance_the_seqid_of_a_known_owner(uint access, uint deny)
    {
        var first = await Session.OpenAsync("f");
        var owner = first.Owner;
        var invalid = await Session.OpenRawAsync("g", owner, access: access, deny: deny);
        Assert.That(invalid.Status, Is.EqualTo(NfsStat4.Inval));
        var next = await Session.OpenRawAsync("g", owner);
        Assert.That(next.Status, Is.EqualTo(NfsStat4.Ok), next.Describe());
    }

    [Test]
    public async Task SHARE_DENIED_advances_the_seqid()
    {
        await Session.OpenAsync("f", deny: OpenShare4.DenyBoth);
        var other = await Session.OpenAsync("g");
        var denied = await Session.OpenRawAsync("f", other.Owner, create: false);
        Assert.That(denied.Status, Is.EqualTo(NfsStat4.ShareDenied));
        var next = await Session.OpenRawAsync("h", other.Owner);
        Assert.That(next.Status, Is.EqualTo(NfsStat4.Ok), next.Describe());
    }

    [Test]
    public async Task NOFILEHANDLE_does_not_advance_the_seqid()
    {
        var first = await Session.OpenAsync("f");
        var owner = first.Owner;
        uint seq = owner.SeqId;
        var args = NfsSession.OpenArgsFor(owner, "g");
        var r = await CompoundAsync(c => c.Open(args));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Nofilehandle));
        owner.SeqId = seq;
        var next = await Session.OpenRawAsync("g", owner);
        Assert.That(next.Status, Is.EqualTo(NfsStat4.Ok), next.Describe());
    }

    [Test]
    public async Task ISDIR_advances_the_seqid()
    {
        await Session.MkdirAsync("d");
        var first = await Session.OpenAsync("f");
        var owner = first.Owner;
        Assert.That((await Session.OpenRawAsync("d", owner, create: false)).Status, Is.EqualTo(NfsStat4.Isdir));
        Assert.That((await Session.OpenRawAsync("g", owner)).Status, Is.EqualTo(NfsStat4.Ok));
    }
}
