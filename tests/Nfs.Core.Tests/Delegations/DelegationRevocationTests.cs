using System.Diagnostics;
using Nfs.Core.Hosting;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.Protocol.Rpc;
using Nfs.TestClient;
using static Nfs.Core.Tests.Infrastructure.DelegationHelpers;

namespace Nfs.Core.Tests.Delegations;

/// <summary>Shared steps of the revocation tests.</summary>
internal static class Revocation
{
    /// <summary>The SEQUENCE status flags the client gets on its next request.</summary>
    public static async Task<SequenceStatusFlags> FlagsAsync(Client41 client)
    {
        var r = await client.Session.CompoundAsync(_ => { });
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), r.Describe());
        return r.Sequence().StatusFlags;
    }

    /// <summary>
    /// What a holder sees of a revoked delegation: the flag on SEQUENCE, DELEG_REVOKED for the
    /// stateid, and after FREE_STATEID neither.
    /// </summary>
    public static async Task AssertRevokedAndFreeAsync(Client41 holder, byte[] handle, StateId4 delegation)
    {
        Assert.That((await FlagsAsync(holder)).HasFlag(SequenceStatusFlags.RecallableStateRevoked), Is.True, "SEQ4_STATUS_RECALLABLE_STATE_REVOKED");
        var ret = await holder.Session.CompoundAsync(c => c.PutFh(handle).DelegReturn(delegation));
        Assert.That(ret.Status, Is.EqualTo(NfsStat4.DelegRevoked), ret.Describe());
        var read = await holder.Session.CompoundAsync(c => c.PutFh(handle).Read(delegation, 0, 1));
        Assert.That(read.Status, Is.EqualTo(NfsStat4.DelegRevoked), read.Describe());
        var test = await holder.Session.CompoundAsync(c => c.TestStateId(delegation));
        Assert.That(test.TestStateIdStatuses(), Is.EqualTo(new[] { NfsStat4.DelegRevoked }));

        var free = await holder.Session.CompoundAsync(c => c.FreeStateId(delegation));
        Assert.That(free.Status, Is.EqualTo(NfsStat4.Ok), free.Describe());
        Assert.That((await FlagsAsync(holder)).HasFlag(SequenceStatusFlags.RecallableStateRevoked), Is.False, "flag cleared by FREE_STATEID");
        var gone = await holder.Session.CompoundAsync(c => c.TestStateId(delegation));
        Assert.That(gone.TestStateIdStatuses(), Is.EqualTo(new[] { NfsStat4.BadStateid }));
    }
}

/// <summary>A recall the holder's back channel refuses revokes the delegation at once (the lease is the default minute).</summary>
public sealed class UndeliverableRecallTests : Session41Test
{
    private static IEnumerable<TestCaseData> Failures()
    {
        yield return new TestCaseData(RpcAcceptStatus.SystemError, NfsStat4.Ok).SetName("Recall_answered_with_an_RPC_error_revokes_at_once");
        yield return new TestCaseData(RpcAcceptStatus.ProgramUnavailable, NfsStat4.Ok).SetName("Recall_answered_with_PROG_UNAVAIL_revokes_at_once");
        yield return new TestCaseData(RpcAcceptStatus.Success, NfsStat4.Badhandle).SetName("Recall_refused_with_an_NFS_error_revokes_at_once");
    }

    [TestCaseSource(nameof(Failures))]
    public async Task Undeliverable_recall_revokes_at_once(RpcAcceptStatus rpc, NfsStat4 recallStatus)
    {
        var holder = await NewClientAsync();
        holder.Callbacks.CompoundAcceptStatus = rpc;
        holder.Callbacks.OnRecall = _ => recallStatus;
        await holder.Session.CreateFileAsync("f", [1]);
        var (file, deleg) = await holder.Session.OpenWithDelegationAsync("f", OpenShare4.AccessRead);
        Assert.That(deleg.Granted, Is.True);

        var b = await NewClientAsync();
        var owner = b.Session.NewOwner();
        var watch = Stopwatch.StartNew();
        var first = await b.Session.OpenRawAsync("f", owner, create: false, access: OpenShare4.AccessWrite);
        Assert.That(first.Status, Is.EqualTo(NfsStat4.Delay), "the recall starts on the first conflict: " + first.Describe());
        var opened = await RetryWhileDelayAsync(() => b.Session.OpenRawAsync("f", owner, create: false, access: OpenShare4.AccessWrite), CallbackTimeout);
        Assert.That(opened.Status, Is.EqualTo(NfsStat4.Ok), opened.Describe());
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "revoked at once, not after the lease");
        Assert.That(holder.Callbacks.ReceivedOperations<CbRecallRequest>(), Has.Count.EqualTo(1), "the recall was attempted");

        holder.Callbacks.CompoundAcceptStatus = RpcAcceptStatus.Success;
        await Revocation.AssertRevokedAndFreeAsync(holder, file.Handle, deleg.StateId);
    }
}

/// <summary>A recalled delegation not returned within a lease is revoked (RFC 8881 section 10.2); the holder learns it through SEQUENCE.</summary>
public sealed class UnreturnedDelegationTests : Session41Test
{
    protected override void Configure(NfsServerOptions options) => options.Nfs4.LeaseSeconds = 5;

    [Test]
    public async Task Delegation_not_returned_is_revoked_after_about_a_lease()
    {
        var holder = await NewClientAsync();
        await holder.Session.CreateFileAsync("f", [1]);
        var (file, deleg) = await holder.Session.OpenWithDelegationAsync("f", OpenShare4.AccessRead | Want.ReadDeleg);
        Assert.That(deleg.Granted, Is.True);

        var b = await NewClientAsync();
        var owner = b.Session.NewOwner();
        var watch = Stopwatch.StartNew();
        var first = await b.Session.OpenRawAsync("f", owner, create: false, access: OpenShare4.AccessWrite);
        Assert.That(first.Status, Is.EqualTo(NfsStat4.Delay), first.Describe());
        await holder.Callbacks.WaitForAsync<CbRecallRequest>(CallbackTimeout);

        // The holder accepted the recall but never returns; it stays alive (SEQUENCE renews its lease).
        CompoundReply opened;
        while (true)
        {
            opened = await b.Session.OpenRawAsync("f", owner, create: false, access: OpenShare4.AccessWrite);
            if (opened.Status != NfsStat4.Delay || watch.Elapsed > TimeSpan.FromSeconds(12)) break;
            var seq = await holder.Session.CompoundAsync(_ => { });
            Assert.That(seq.Status, Is.EqualTo(NfsStat4.Ok), seq.Describe());
            if (watch.Elapsed < TimeSpan.FromSeconds(4))
            {
                Assert.That(seq.Sequence().StatusFlags.HasFlag(SequenceStatusFlags.RecallableStateRevoked), Is.False, "revoked before the lease ran out");
            }
            await Task.Delay(250);
        }
        Assert.That(opened.Status, Is.EqualTo(NfsStat4.Ok), opened.Describe());
        Assert.That(watch.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(4.5)).And.LessThan(TimeSpan.FromSeconds(10)), "revoked after about one lease");

        await Revocation.AssertRevokedAndFreeAsync(holder, file.Handle, deleg.StateId);
    }
}
