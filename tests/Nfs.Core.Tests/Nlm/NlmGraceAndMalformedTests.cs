using Nfs.Core.Hosting;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nlm;
using Nfs.Protocol.Rpc;
using Nfs.Protocol.Xdr;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Nlm;

/// <summary>The grace period after a restart (only reclaims), and arguments no client should send.</summary>
public sealed class NlmGraceTests : NlmTest
{
    /// <inheritdoc/>
    protected override void Configure(NfsServerOptions options)
    {
        base.Configure(options);
        // A 4.0 client on record keeps the grace period running its full length.
        PreviousInstance.HadClients(options, 0, 60, "a 4.0 client of the previous instance");
    }

    [Test]
    public async Task In_grace_only_reclaims_are_granted()
    {
        var fh = await MakeFileInGraceAsync();
        var a = await NlmAsync("hostA");
        Expect(await a.LockAsync(a.Lock(fh, 1, 0, 10), exclusive: true), Nlm4Stats.DeniedGracePeriod);
        Expect((await a.TestAsync(a.Lock(fh, 1, 0, 10), exclusive: true)).Stat, Nlm4Stats.DeniedGracePeriod);
        Expect(await a.ShareAsync(fh, [1], Nlm4ShareAccess.Read, Nlm4ShareMode.DenyNone), Nlm4Stats.DeniedGracePeriod);
        Expect(await a.LockAsync(a.Lock(fh, 1, 0, 10), exclusive: true, reclaim: true), Nlm4Stats.Granted);
        Expect(await a.ShareAsync(fh, [1], Nlm4ShareAccess.Read, Nlm4ShareMode.DenyNone, reclaim: true), Nlm4Stats.Granted);
        // A reclaim still respects what others reclaimed first.
        var b = await NlmAsync("hostB");
        Expect(await b.LockAsync(b.Lock(fh, 1, 5, 1), exclusive: false, reclaim: true), Nlm4Stats.Denied);
        Expect(await a.UnlockAsync(a.Lock(fh, 1, 0, 10)), Nlm4Stats.Granted);
    }

    /// <summary>In grace NFSv4 cannot create files either; the memory backend makes one directly.</summary>
    private async Task<byte[]> MakeFileInGraceAsync()
    {
        var fs = Server.Memory!;
        var ctx = Nfs.Core.Fsal.FsalContext.Root;
        var created = await fs.CreateAsync(ctx, fs.Root, "f", new Nfs.Core.Fsal.FsalCreateRequest { Type = Nfs.Core.Fsal.FsalFileType.Regular });
        Assert.That(created.IsOk, Is.True);
        return await Session.HandleAsync("f");
    }
}

/// <summary>Malformed NLM arguments are GARBAGE_ARGS and the connection goes on serving.</summary>
public sealed class NlmMalformedArgumentsTests : NlmTest
{
    [Test]
    public async Task Caller_name_above_the_limit_is_GARBAGE_ARGS_and_the_server_keeps_serving()
    {
        var fh = await FileAsync();
        var rpc = await Server.ConnectRpcAsync();
        var nlm = Nlm4Client.On(rpc, "hostA");
        var reply = await nlm.CallAsync(NlmProcedure.Lock, new Nlm4LockArgs(new byte[] { 1 }, false, true,
            new Nlm4Lock(new string('x', 5000), fh, new byte[] { 1 }, 1, 0, 1), false, 1).Encode);
        RpcAssert.Accepted(reply, RpcAcceptStatus.GarbageArguments);
        Expect(await nlm.LockAsync(nlm.Lock(fh, 1, 0, 1), exclusive: true), Nlm4Stats.Granted);
    }

    [TestCase(NlmProcedure.Test)]
    [TestCase(NlmProcedure.Lock)]
    [TestCase(NlmProcedure.Cancel)]
    [TestCase(NlmProcedure.Unlock)]
    [TestCase(NlmProcedure.Share)]
    [TestCase(NlmProcedure.FreeAll)]
    [TestCase(NlmProcedure.GrantedRes)]
    public async Task Truncated_arguments_are_GARBAGE_ARGS(NlmProcedure procedure)
    {
        var nlm = await NlmAsync();
        var reply = await nlm.CallAsync(procedure, w => w.WriteUInt32(2000)); // a length with nothing behind it
        RpcAssert.Accepted(reply, RpcAcceptStatus.GarbageArguments);
        await nlm.NullAsync();
    }

    [Test]
    public async Task Oversized_filehandle_and_bad_share_mode_are_GARBAGE_ARGS()
    {
        var nlm = await NlmAsync();
        var big = await nlm.CallAsync(NlmProcedure.Test, new Nlm4TestArgs(new byte[] { 1 }, true, nlm.Lock(new byte[65], 1, 0, 1)).Encode);
        RpcAssert.Accepted(big, RpcAcceptStatus.GarbageArguments);
        var mode = await nlm.CallAsync(NlmProcedure.Share, w =>
        {
            w.WriteOpaque([1]);
            w.WriteString("h"); w.WriteOpaque([1]); w.WriteOpaque([1]); w.WriteUInt32(9); w.WriteUInt32(1);
            w.WriteBool(false);
        });
        RpcAssert.Accepted(mode, RpcAcceptStatus.GarbageArguments);
        var unknown = await nlm.CallAsync((NlmProcedure)17, null);
        RpcAssert.Accepted(unknown, RpcAcceptStatus.ProcedureUnavailable);
        await nlm.NullAsync();
    }
}
