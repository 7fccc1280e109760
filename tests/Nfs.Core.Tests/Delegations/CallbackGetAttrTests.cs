using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.TestClient;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Tests.Delegations;

/// <summary>
/// GETATTR of change or size of a file another client holds a write delegation on asks the
/// holder with CB_GETATTR (RFC 8881 section 10.4.3).
/// </summary>
public sealed class CallbackGetAttrTests : Session41Test
{
    private async Task<(Client41 Holder, OpenedFile File, ulong Change, ulong Size)> WriteDelegationAsync()
    {
        var holder = await NewClientAsync();
        await holder.Session.CreateFileAsync("f", [1, 2, 3]);
        var (file, deleg) = await holder.Session.OpenWithDelegationAsync("f", OpenShare4.AccessBoth | Want.WriteDeleg);
        Assert.That(deleg.Type, Is.EqualTo(OpenDelegationType4.Write));
        var attrs = await holder.Session.GetAttrsAsync(file.Handle, A.Change, A.Size);
        Assert.That(holder.Callbacks.Received, Is.Empty, "the holder's own GETATTR asks nobody");
        return (holder, file, (ulong)attrs[A.Change], (ulong)attrs[A.Size]);
    }

    [Test]
    public async Task Holder_reporting_a_change_makes_the_other_client_see_its_size_and_a_new_change()
    {
        var (holder, file, change, size) = await WriteDelegationAsync();
        holder.Callbacks.OnGetAttr = _ => (NfsStat4.Ok, new FattrBuilder().UInt64(A.Change, change + 1).Size(5).Build());

        var b = await NewClientAsync();
        var attrs = await b.Session.GetAttrsAsync(file.Handle, A.Change, A.Size);

        var asked = holder.Callbacks.ReceivedOperations<CbGetAttrRequest>();
        Assert.That(asked, Has.Count.EqualTo(1));
        Assert.That(asked[0].Handle, Is.EqualTo(file.Handle));
        Assert.That(asked[0].Mask[A.Change] && asked[0].Mask[A.Size], Is.True, asked[0].Mask.ToString());
        Assert.That(attrs[A.Size], Is.EqualTo(5UL));
        Assert.That(attrs[A.Change], Is.Not.EqualTo(change));
        Assert.That(size, Is.EqualTo(3UL));
    }

    [Test]
    public async Task Holder_reporting_no_change_leaves_the_servers_values()
    {
        var (holder, file, change, size) = await WriteDelegationAsync();
        holder.Callbacks.OnGetAttr = _ => (NfsStat4.Ok, new FattrBuilder().UInt64(A.Change, change).Size(size).Build());

        var b = await NewClientAsync();
        var attrs = await b.Session.GetAttrsAsync(file.Handle, A.Change, A.Size);
        Assert.That(holder.Callbacks.ReceivedOperations<CbGetAttrRequest>(), Has.Count.EqualTo(1));
        Assert.That(attrs[A.Change], Is.EqualTo(change));
        Assert.That(attrs[A.Size], Is.EqualTo(size));
    }

    [Test]
    public async Task GETATTR_without_change_or_size_does_not_ask_the_holder()
    {
        var (holder, file, _, _) = await WriteDelegationAsync();
        var b = await NewClientAsync();
        await b.Session.GetAttrsAsync(file.Handle, A.Mode, A.Fileid);
        Assert.That(holder.Callbacks.ReceivedOperations<CbGetAttrRequest>(), Is.Empty);
    }
}
