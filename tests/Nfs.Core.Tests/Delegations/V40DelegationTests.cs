using System.Net;
using System.Net.Sockets;
using System.Text;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;
using static Nfs.Core.Tests.Infrastructure.DelegationHelpers;

namespace Nfs.Core.Tests.Delegations;

/// <summary>
/// NFSv4.0 delegations: the server checks the SETCLIENTID callback address with CB_NULL, grants
/// read delegations once it answers, and recalls them with CB_COMPOUND over a connection it opens
/// to that address (RFC 7530 sections 10.2, 16.33 and 17).
/// </summary>
public sealed class V40DelegationTests : Session41Test
{
    private const uint CallbackProgram = 0x40000123;
    private const uint CallbackIdent = 77;

    private async Task<(NfsSession Session, ulong ClientId)> SetClientIdAsync(string universalAddress)
    {
        var session = await Server.OpenSessionAsync(establish: false);
        var id = Encoding.UTF8.GetBytes("v40-cb-" + Guid.NewGuid().ToString("N"));
        var r = await session.ExpectAsync(NfsStat4.Ok, c => c.SetClientId(1, id, CallbackProgram, new NetAddr4("tcp", universalAddress), CallbackIdent));
        var body = r.Results[0].Reader;
        ulong clientId = body.ReadUInt64();
        ulong confirm = body.ReadUInt64();
        await session.ExpectAsync(NfsStat4.Ok, c => c.SetClientIdConfirm(clientId, confirm));
        return (session, clientId);
    }

    private static async Task<(OpenedFile File, OpenDelegation Delegation)> OpenAsync(NfsSession session, ulong clientId, string path, uint access)
    {
        var owner = new OwnerState(clientId, "owner-" + Guid.NewGuid().ToString("N"));
        return await session.OpenWithDelegationAsync(path, access, owner: owner);
    }

    /// <summary>
    /// The probe's result is recorded after its reply reaches the server, so a read open right
    /// after the CB_NULL may still miss the delegation: open, and close and retry for a moment.
    /// </summary>
    private static async Task<(OpenedFile File, OpenDelegation Delegation)> OpenForDelegationAsync(NfsSession session, ulong clientId, string path)
    {
        var deadline = DateTime.UtcNow + CallbackTimeout;
        while (true)
        {
            var (file, deleg) = await OpenAsync(session, clientId, path, OpenShare4.AccessRead);
            if (deleg.Granted || DateTime.UtcNow > deadline) return (file, deleg);
            await session.CloseAsync(file);
            await Task.Delay(50);
        }
    }

    [Test]
    public async Task Callback_path_is_probed_with_CB_NULL_then_a_read_open_gets_a_delegation_and_a_conflict_recalls_it()
    {
        var callbacks = new Nfs4CallbackServer();
        await using var listener = RpcListener.Start(callbacks.HandleAsync);
        var other = await Server.OpenSessionAsync();
        await other.CreateFileAsync("f", [1, 2, 3]);

        var (holder, holderId) = await SetClientIdAsync(listener.UniversalAddress);
        await callbacks.WaitForNullAsync(CallbackTimeout);
        Assert.That(callbacks.NullCallHeaders[0].Program, Is.EqualTo(CallbackProgram), "CB_NULL to the program SETCLIENTID named");

        var (file, deleg) = await OpenForDelegationAsync(holder, holderId, "f");
        Assert.That(deleg.Type, Is.EqualTo(OpenDelegationType4.Read));

        // Another 4.0 client's write open conflicts.
        var owner = other.NewOwner();
        var first = await other.OpenRawAsync("f", owner, create: false, access: OpenShare4.AccessWrite);
        Assert.That(first.Status, Is.EqualTo(NfsStat4.Delay), first.Describe());

        var compound = await callbacks.WaitForAsync(c => c.Find<CbRecallRequest>() is not null, CallbackTimeout);
        Assert.That(compound.MinorVersion, Is.EqualTo(0u));
        Assert.That(compound.CallbackIdent, Is.EqualTo(CallbackIdent), "callback_ident as given in SETCLIENTID");
        Assert.That(compound.Header.Program, Is.EqualTo(CallbackProgram));
        Assert.That(compound.Find<CbSequenceRequest>(), Is.Null, "4.0 callbacks have no CB_SEQUENCE");
        var recall = compound.Find<CbRecallRequest>()!;
        Assert.That(recall.Args.StateId, Is.EqualTo(deleg.StateId));
        Assert.That(recall.Handle, Is.EqualTo(file.Handle));

        await holder.ExpectAsync(NfsStat4.Ok, c => c.PutFh(file.Handle).DelegReturn(deleg.StateId));
        var retried = await other.OpenRawAsync("f", owner, create: false, access: OpenShare4.AccessWrite);
        Assert.That(retried.Status, Is.EqualTo(NfsStat4.Ok), retried.Describe());
    }

    [Test]
    public async Task Recall_refused_by_the_4_0_callback_service_revokes_at_once()
    {
        var callbacks = new Nfs4CallbackServer { OnRecall = _ => NfsStat4.Serverfault };
        await using var listener = RpcListener.Start(callbacks.HandleAsync);
        var other = await Server.OpenSessionAsync();
        await other.CreateFileAsync("f", [1]);
        var (holder, holderId) = await SetClientIdAsync(listener.UniversalAddress);
        await callbacks.WaitForNullAsync(CallbackTimeout);
        var (file, deleg) = await OpenForDelegationAsync(holder, holderId, "f");
        Assert.That(deleg.Granted, Is.True);

        var owner = other.NewOwner();
        var opened = await RetryWhileDelayAsync(() => other.OpenRawAsync("f", owner, create: false, access: OpenShare4.AccessWrite), CallbackTimeout);
        Assert.That(opened.Status, Is.EqualTo(NfsStat4.Ok), opened.Describe());
        // In 4.0 a revoked delegation's stateid is EXPIRED (DELEG_REVOKED is 4.1).
        var ret = await holder.CompoundAsync(c => c.PutFh(file.Handle).DelegReturn(deleg.StateId));
        Assert.That(ret.Status, Is.EqualTo(NfsStat4.Expired), ret.Describe());
    }

    [Test]
    public async Task Callback_address_nobody_listens_on_gets_no_delegation()
    {
        // A port that was just free: nothing accepts connections there.
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }
        var other = await Server.OpenSessionAsync();
        await other.CreateFileAsync("f", [1]);
        var (holder, holderId) = await SetClientIdAsync(RpcListener.ToUniversalAddress(new IPEndPoint(IPAddress.Loopback, port)));
        await Task.Delay(300); // room for the probe to fail

        var (file, deleg) = await OpenAsync(holder, holderId, "f", OpenShare4.AccessRead);
        Assert.That(deleg.Type, Is.EqualTo(OpenDelegationType4.None));

        // And so nothing stands in another client's way.
        var write = await other.CompoundAsync(c => c.PutFh(file.Handle).Write(StateId4.Anonymous, 0, new byte[1]));
        Assert.That(write.Status, Is.EqualTo(NfsStat4.Ok), write.Describe());
    }

    [Test]
    public async Task Callback_address_that_is_not_a_universal_address_gets_no_delegation()
    {
        var other = await Server.OpenSessionAsync();
        await other.CreateFileAsync("f", [1]);
        var (holder, holderId) = await SetClientIdAsync("not-an-address");
        await Task.Delay(100);
        var (_, deleg) = await OpenAsync(holder, holderId, "f", OpenShare4.AccessRead);
        Assert.That(deleg.Type, Is.EqualTo(OpenDelegationType4.None));
    }
}
