using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;
using static Nfs.Core.Tests.Infrastructure.DelegationHelpers;

namespace Nfs.Core.Tests.Delegations;

/// <summary>
/// Conflicting operations of another client get NFS4ERR_DELAY while the holder is sent CB_RECALL
/// over its 4.1 back channel; once the delegation is returned they succeed (RFC 8881 sections 10.4.1, 20.2).
/// </summary>
public sealed class DelegationRecallTests : Session41Test
{
    private sealed record Held(Client41 Holder, OpenedFile File, OpenDelegation Delegation);

    private async Task<Held> HoldAsync(uint access = OpenShare4.AccessRead, string path = "f")
    {
        var holder = await NewClientAsync();
        await holder.Session.CreateFileAsync(path, [1, 2, 3, 4]);
        var (file, deleg) = await holder.Session.OpenWithDelegationAsync(path, access);
        Assert.That(deleg.Granted, Is.True, $"setup: no delegation ({deleg})");
        return new Held(holder, file, deleg);
    }

    private static async Task<CbRecallRequest> ExpectRecallAsync(Held held)
    {
        var compound = await held.Holder.Callbacks.WaitForAsync(c => c.Find<CbRecallRequest>() is not null, CallbackTimeout);
        var recall = compound.Find<CbRecallRequest>()!;
        Assert.That(recall.Args.StateId, Is.EqualTo(held.Delegation.StateId), "CB_RECALL names the delegation stateid");
        Assert.That(recall.Handle, Is.EqualTo(held.File.Handle), "CB_RECALL names the file");
        Assert.That(recall.Args.Truncate, Is.False);
        // Over the 4.1 back channel the recall is sequenced, on the holder's session, to its callback program.
        var seq = compound.Find<CbSequenceRequest>();
        Assert.That(seq, Is.Not.Null, "CB_SEQUENCE first");
        Assert.That(compound.Operations[0], Is.InstanceOf<CbSequenceRequest>());
        Assert.That(seq!.Args.SessionId, Is.EqualTo(held.Holder.SessionId));
        Assert.That(compound.MinorVersion, Is.EqualTo(1u));
        Assert.That(compound.Header.Program, Is.EqualTo(0x40000000u));
        return recall;
    }

    private static Task ReturnAsync(Held held) =>
        held.Holder.Session.ExpectAsync(NfsStat4.Ok, c => c.PutFh(held.File.Handle).DelegReturn(held.Delegation.StateId));

    [Test]
    public async Task Conflicting_write_open_gets_DELAY_and_the_holder_is_recalled_then_the_retry_succeeds()
    {
        var held = await HoldAsync();
        var b = await NewClientAsync();
        var owner = b.Session.NewOwner();

        var first = await b.Session.OpenRawAsync("f", owner, create: false, access: OpenShare4.AccessWrite);
        Assert.That(first.Status, Is.EqualTo(NfsStat4.Delay), first.Describe());
        await ExpectRecallAsync(held);

        await ReturnAsync(held);
        var retried = await b.Session.OpenRawAsync("f", owner, create: false, access: OpenShare4.AccessWrite);
        Assert.That(retried.Status, Is.EqualTo(NfsStat4.Ok), retried.Describe());
        Assert.That(held.Holder.Callbacks.ReceivedOperations<CbRecallRequest>(), Has.Count.EqualTo(1), "one recall per delegation");
    }

    [Test]
    public async Task Retries_while_the_recall_is_outstanding_keep_getting_DELAY_without_a_second_recall()
    {
        var held = await HoldAsync();
        var b = await NewClientAsync();
        var owner = b.Session.NewOwner();
        Assert.That((await b.Session.OpenRawAsync("f", owner, create: false, access: OpenShare4.AccessWrite)).Status, Is.EqualTo(NfsStat4.Delay));
        await ExpectRecallAsync(held);
        Assert.That((await b.Session.OpenRawAsync("f", owner, create: false, access: OpenShare4.AccessWrite)).Status, Is.EqualTo(NfsStat4.Delay));
        await Task.Delay(100);
        Assert.That(held.Holder.Callbacks.ReceivedOperations<CbRecallRequest>(), Has.Count.EqualTo(1));
        await ReturnAsync(held);
    }

    [Test]
    public async Task REMOVE_of_the_delegated_file_by_another_client_recalls_it()
    {
        var held = await HoldAsync();
        var b = await NewClientAsync();
        var first = await b.Session.CompoundAsync(c => c.PutRootFh().Remove("f"));
        Assert.That(first.Status, Is.EqualTo(NfsStat4.Delay), first.Describe());
        await ExpectRecallAsync(held);
        await ReturnAsync(held);
        var retried = await b.Session.CompoundAsync(c => c.PutRootFh().Remove("f"));
        Assert.That(retried.Status, Is.EqualTo(NfsStat4.Ok), retried.Describe());
    }

    [Test]
    public async Task RENAME_of_the_delegated_file_by_another_client_recalls_it()
    {
        var held = await HoldAsync();
        var b = await NewClientAsync();
        var first = await b.Session.CompoundAsync(c => c.PutRootFh().SaveFh().PutRootFh().Rename("f", "g"));
        Assert.That(first.Status, Is.EqualTo(NfsStat4.Delay), first.Describe());
        await ExpectRecallAsync(held);
        await ReturnAsync(held);
        var retried = await b.Session.CompoundAsync(c => c.PutRootFh().SaveFh().PutRootFh().Rename("f", "g"));
        Assert.That(retried.Status, Is.EqualTo(NfsStat4.Ok), retried.Describe());
    }

    [Test]
    public async Task RENAME_over_the_delegated_file_by_another_client_recalls_it()
    {
        var held = await HoldAsync();
        var b = await NewClientAsync();
        await b.Session.CreateFileAsync("other");
        var first = await b.Session.CompoundAsync(c => c.PutRootFh().SaveFh().PutRootFh().Rename("other", "f"));
        Assert.That(first.Status, Is.EqualTo(NfsStat4.Delay), first.Describe());
        await ExpectRecallAsync(held);
        await ReturnAsync(held);
    }

    [Test]
    public async Task LINK_to_the_delegated_file_by_another_client_recalls_it()
    {
        var held = await HoldAsync();
        var b = await NewClientAsync();
        var first = await b.Session.CompoundAsync(c => c.PutFh(held.File.Handle).SaveFh().PutRootFh().Link("g"));
        Assert.That(first.Status, Is.EqualTo(NfsStat4.Delay), first.Describe());
        await ExpectRecallAsync(held);
        await ReturnAsync(held);
    }

    [Test]
    public async Task SETATTR_of_the_size_by_another_client_recalls_it()
    {
        var held = await HoldAsync();
        var b = await NewClientAsync();
        var first = await b.Session.CompoundAsync(c => c.PutFh(held.File.Handle).SetAttr(StateId4.Anonymous, new FattrBuilder().Size(0).Build()));
        Assert.That(first.Status, Is.EqualTo(NfsStat4.Delay), first.Describe());
        await ExpectRecallAsync(held);
        await ReturnAsync(held);
    }

    [Test]
    public async Task Stateless_WRITE_by_another_client_recalls_a_read_delegation()
    {
        var held = await HoldAsync();
        var b = await NewClientAsync();
        var first = await b.Session.CompoundAsync(c => c.PutFh(held.File.Handle).Write(StateId4.Anonymous, 0, new byte[1]));
        Assert.That(first.Status, Is.EqualTo(NfsStat4.Delay), first.Describe());
        await ExpectRecallAsync(held);
        await ReturnAsync(held);
        var retried = await b.Session.CompoundAsync(c => c.PutFh(held.File.Handle).Write(StateId4.Anonymous, 0, new byte[1]));
        Assert.That(retried.Status, Is.EqualTo(NfsStat4.Ok), retried.Describe());
    }

    [Test]
    public async Task Read_open_by_another_client_recalls_a_write_delegation()
    {
        var held = await HoldAsync(OpenShare4.AccessBoth | Want.WriteDeleg);
        Assert.That(held.Delegation.Type, Is.EqualTo(OpenDelegationType4.Write));
        var b = await NewClientAsync();
        var owner = b.Session.NewOwner();
        var first = await b.Session.OpenRawAsync("f", owner, create: false, access: OpenShare4.AccessRead);
        Assert.That(first.Status, Is.EqualTo(NfsStat4.Delay), first.Describe());
        await ExpectRecallAsync(held);
        await ReturnAsync(held);
        var retried = await b.Session.OpenRawAsync("f", owner, create: false, access: OpenShare4.AccessRead);
        Assert.That(retried.Status, Is.EqualTo(NfsStat4.Ok), retried.Describe());
    }

    [Test]
    public async Task DELEGRETURN_twice_is_BAD_STATEID()
    {
        var held = await HoldAsync();
        await ReturnAsync(held);
        var again = await held.Holder.Session.CompoundAsync(c => c.PutFh(held.File.Handle).DelegReturn(held.Delegation.StateId));
        Assert.That(again.Status, Is.EqualTo(NfsStat4.BadStateid), again.Describe());
    }
}

/// <summary>A delegation is returned by its holder only.</summary>
public sealed class ForeignDelegReturnTests : Session41Test
{
    [Test]
    public async Task DELEGRETURN_of_another_clients_delegation_is_BAD_STATEID_and_leaves_it_held()
    {
        var holder = await NewClientAsync();
        await holder.Session.CreateFileAsync("f", [1]);
        var (file, deleg) = await holder.Session.OpenWithDelegationAsync("f", OpenShare4.AccessRead);
        Assert.That(deleg.Granted, Is.True);
        var intruder = await NewClientAsync();
        var r = await intruder.Session.CompoundAsync(c => c.PutFh(file.Handle).DelegReturn(deleg.StateId));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.BadStateid), r.Describe());
        // Still held: a conflicting open is delayed.
        var open = await intruder.Session.OpenRawAsync("f", intruder.Session.NewOwner(), create: false, access: OpenShare4.AccessWrite);
        Assert.That(open.Status, Is.EqualTo(NfsStat4.Delay), open.Describe());
    }
}
