using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Sessions;

/// <summary>
/// Where operations may appear in 4.1 COMPOUNDs (RFC 8881 sections 2.10.6.2, 15.2 and 18.46.3),
/// and operations of one minor version used in another (section 15.1 and RFC 7530 section 15.2).
/// </summary>
public sealed class OperationPositionTests : Session41Test
{
    [Test]
    public async Task COMPOUND_not_starting_with_SEQUENCE_is_OP_NOT_IN_SESSION()
    {
        var client = await ConnectAsync();
        var r = await client.SendBareAsync(c => c.PutRootFh().GetFh());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.OpNotInSession), r.Describe());
        Assert.That(r.Ops(), Is.EqualTo(new[] { NfsOp4.Putrootfh }), "only the first operation is answered");
    }

    [Test]
    public async Task SEQUENCE_after_the_first_operation_is_SEQUENCE_POS()
    {
        var s = await NewRawSessionAsync();
        var seq = new SequenceArgs(s.Id, s.NextSequence(1), 1, s.Info.Fore.MaxRequests - 1, false);
        var r = await s.SendAsync(c => c.PutRootFh().Sequence(seq));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.SequencePos), r.Describe());
        Assert.That(r.Ops(), Is.EqualTo(new[] { NfsOp4.Sequence, NfsOp4.Putrootfh, NfsOp4.Sequence }));
    }

    [Test]
    public async Task SEQUENCE_twice_is_SEQUENCE_POS()
    {
        var s = await NewRawSessionAsync();
        var seq = new SequenceArgs(s.Id, 1, 1, s.Info.Fore.MaxRequests - 1, false);
        var r = await s.SendAsync(c => c.Sequence(seq));
        Assert.That(r.Statuses(), Is.EqualTo(new[] { NfsStat4.Ok, NfsStat4.SequencePos }), r.Describe());
    }

    [Test]
    public async Task EXCHANGE_ID_with_another_operation_without_SEQUENCE_is_NOT_ONLY_OP()
    {
        var client = await ConnectAsync();
        var r = await client.SendBareAsync(c => c.ExchangeId(V41.ExchangeId("not-only-" + Guid.NewGuid())).PutRootFh());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.NotOnlyOp), r.Describe());
    }

    [Test]
    public async Task DESTROY_CLIENTID_with_another_operation_without_SEQUENCE_is_NOT_ONLY_OP()
    {
        var client = await ConnectAsync();
        var r = await client.SendBareAsync(c => c.DestroyClientId(0).ReclaimComplete(true));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.NotOnlyOp), r.Describe());
    }

    [Test]
    public async Task DESTROY_SESSION_with_another_operation_without_SEQUENCE_is_NOT_ONLY_OP()
    {
        var s = await NewRawSessionAsync();
        var r = await s.Client.SendBareAsync(c => c.DestroySession(s.Id).PutRootFh());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.NotOnlyOp), r.Describe());
        Assert.That((await s.SendAsync()).Status, Is.EqualTo(NfsStat4.Ok), "the session was not destroyed");
    }

    [Test]
    public async Task EXCHANGE_ID_behind_SEQUENCE_is_allowed()
    {
        var s = await NewRawSessionAsync();
        var r = await s.SendAsync(c => c.ExchangeId(V41.ExchangeId("in-session-" + Guid.NewGuid())));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), r.Describe());
    }

    private static readonly (string Name, Action<Compound> Build)[] Ops40 =
    [
        ("SETCLIENTID", c => c.SetClientId(1, "x"u8.ToArray())),
        ("SETCLIENTID_CONFIRM", c => c.SetClientIdConfirm(1, 1)),
        ("RENEW", c => c.Renew(1)),
        ("OPEN_CONFIRM", c => c.PutRootFh().OpenConfirm(default, 1)),
        ("RELEASE_LOCKOWNER", c => c.ReleaseLockOwner(new StateOwner4(1, "lo"u8.ToArray()))),
    ];

    private static IEnumerable<TestCaseData> Removed40Operations() => Ops40.Select(o => new TestCaseData(o.Name).SetName($"{o.Name}_in_a_4_1_COMPOUND_is_NOTSUPP"));

    [TestCaseSource(nameof(Removed40Operations))]
    public async Task Operation_of_4_0_only_in_a_4_1_COMPOUND_is_NOTSUPP(string name)
    {
        var s = await NewRawSessionAsync();
        var r = await s.SendAsync(Ops40.Single(o => o.Name == name).Build);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Notsupp), r.Describe());
        Assert.That(r.Results[^1].Status, Is.EqualTo(NfsStat4.Notsupp));
    }

    [TestCase(NfsOp4.Sequence)]
    [TestCase(NfsOp4.ExchangeId)]
    [TestCase(NfsOp4.CreateSession)]
    [TestCase(NfsOp4.ReclaimComplete)]
    [TestCase(NfsOp4.TestStateid)]
    public async Task Operation_of_4_1_in_a_4_0_COMPOUND_is_OP_ILLEGAL(NfsOp4 op)
    {
        var client = await ConnectAsync();
        var c = new Compound { MinorVersion = 0 };
        c.PutRootFh();
        switch (op)
        {
            case NfsOp4.Sequence: c.Sequence(new SequenceArgs(default, 1, 0, 0, false)); break;
            case NfsOp4.ExchangeId: c.ExchangeId(V41.ExchangeId("v40")); break;
            case NfsOp4.CreateSession: c.CreateSession(V41.CreateSession(1, 1)); break;
            case NfsOp4.ReclaimComplete: c.ReclaimComplete(); break;
            case NfsOp4.TestStateid: c.TestStateId(default(StateId4)); break;
        }
        var r = await client.CompoundAsync(c);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.OpIllegal), r.Describe());
        Assert.That(r.Results[^1].Op, Is.EqualTo(NfsOp4.Illegal), "the result carries OP_ILLEGAL as its opcode");
    }

    [Test]
    public async Task Minor_version_3_is_MINOR_VERS_MISMATCH_with_no_results()
    {
        var client = await ConnectAsync();
        var r = await client.CompoundAsync(new Compound { MinorVersion = 3, UseSession = false }.PutRootFh());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.MinorVersMismatch), r.Describe());
        Assert.That(r.Results, Is.Empty);
    }
}
