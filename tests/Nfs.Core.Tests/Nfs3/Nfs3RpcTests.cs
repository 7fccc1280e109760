using Nfs.Core.Hosting;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Mount;
using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs3.Arguments;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Rpc;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Nfs3;

/// <summary>Version routing on program 100003, malformed input, and the duplicate request cache.</summary>
public sealed class Nfs3RpcTests : Nfs3Test
{
    [Test]
    public async Task NfsVersionsTwoAndFiveAreAMismatchNamingThreeToFour()
    {
        foreach (uint version in new uint[] { 2, 5 })
        {
            var reply = await Nfs.Rpc.CallAsync(Nfs3Constants.Program, version, 0).WaitAsync(RpcAssert.ReplyTimeout);
            RpcAssert.Accepted(reply, RpcAcceptStatus.ProgramMismatch);
            Assert.That((reply.Header.MismatchLow, reply.Header.MismatchHigh), Is.EqualTo((3u, 4u)));
        }
        var v4 = await Nfs.Rpc.CallAsync(Nfs4Constants.Program, Nfs4Constants.Version, 0).WaitAsync(RpcAssert.ReplyTimeout);
        Assert.That(v4.Header.IsSuccess, Is.True, "NFSv4 still served on the same program number");
        var v3 = await Nfs.Rpc.CallAsync(Nfs3Constants.Program, 3, 0).WaitAsync(RpcAssert.ReplyTimeout);
        Assert.That(v3.Header.IsSuccess, Is.True);
    }

    [Test]
    public async Task AnUnknownProcedureIsProcUnavail()
    {
        var reply = await Nfs.Rpc.CallAsync(Nfs3Constants.Program, 3, 22).WaitAsync(RpcAssert.ReplyTimeout);
        RpcAssert.Accepted(reply, RpcAcceptStatus.ProcedureUnavailable);
    }

    [TestCase(Nfs3Procedure.GetAttr)]
    [TestCase(Nfs3Procedure.Lookup)]
    [TestCase(Nfs3Procedure.Write)]
    [TestCase(Nfs3Procedure.Create)]
    [TestCase(Nfs3Procedure.ReadDirPlus)]
    public async Task TruncatedArgumentsAreGarbageAndTheServerCarriesOn(Nfs3Procedure procedure)
    {
        var reply = await Nfs.Rpc.CallAsync(Nfs3Constants.Program, 3, (uint)procedure, w => w.WriteUInt32(200)).WaitAsync(RpcAssert.ReplyTimeout);
        RpcAssert.Accepted(reply, RpcAcceptStatus.GarbageArguments);
        await RpcAssert.ServesAsync(Nfs.Rpc);
        Assert.That((await Nfs.GetAttrAsync(Root)).Status, Is.EqualTo(NfsStat3.Ok));
    }

    [Test]
    public async Task AHandleLongerThanSixtyFourBytesIsGarbage()
    {
        var reply = await Nfs.Rpc.CallAsync(Nfs3Constants.Program, 3, (uint)Nfs3Procedure.GetAttr, w => w.WriteOpaque(new byte[65])).WaitAsync(RpcAssert.ReplyTimeout);
        RpcAssert.Accepted(reply, RpcAcceptStatus.GarbageArguments);
    }

    [Test]
    public async Task ARetransmittedCreateGetsTheOriginalReply()
    {
        var rpc = Nfs.Rpc;
        uint xid = rpc.NextXid();
        var record = RawRpc.Record(RawRpc.Call(xid, Nfs3Constants.Program, 3, (uint)Nfs3Procedure.Create,
            arguments: new CreateArgs3(new DirOpArgs3(Root, "once"), CreateMode3.Guarded, Sattr3.Empty, 0).Encode));
        var first = await rpc.SendRawCallAsync(xid, record).WaitAsync(RpcAssert.ReplyTimeout);
        var second = await rpc.SendRawCallAsync(xid, record).WaitAsync(RpcAssert.ReplyTimeout);
        Assert.That((NfsStat3)first.Reader.ReadUInt32(), Is.EqualTo(NfsStat3.Ok));
        Assert.That((NfsStat3)second.Reader.ReadUInt32(), Is.EqualTo(NfsStat3.Ok), "a second execution would be EXIST");
        Assert.That(second.Body.ToArray(), Is.EqualTo(first.Body.ToArray()));
    }

    [Test]
    public async Task ARetransmittedRemoveDoesNotFailWithNoEnt()
    {
        await CreateFileAsync(Root, "victim");
        var rpc = Nfs.Rpc;
        uint xid = rpc.NextXid();
        var record = RawRpc.Record(RawRpc.Call(xid, Nfs3Constants.Program, 3, (uint)Nfs3Procedure.Remove, arguments: new DirOpArgs3(Root, "victim").Encode));
        var first = await rpc.SendRawCallAsync(xid, record).WaitAsync(RpcAssert.ReplyTimeout);
        var second = await rpc.SendRawCallAsync(xid, record).WaitAsync(RpcAssert.ReplyTimeout);
        Assert.That((NfsStat3)first.Reader.ReadUInt32(), Is.EqualTo(NfsStat3.Ok));
        Assert.That((NfsStat3)second.Reader.ReadUInt32(), Is.EqualTo(NfsStat3.Ok));
    }
}

/// <summary>With NFSv3 switched off, program 100003 is NFSv4 only and MOUNT is not served.</summary>
public sealed class Nfs3DisabledTests
{
    [Test]
    public async Task OnlyNfs4IsServed()
    {
        await using var server = TestServer.Start(o => o.Nfs3.Enabled = false);
        var rpc = await server.ConnectRpcAsync();
        var v3 = await rpc.CallAsync(Nfs3Constants.Program, 3, 0).WaitAsync(RpcAssert.ReplyTimeout);
        RpcAssert.Accepted(v3, RpcAcceptStatus.ProgramMismatch);
        Assert.That((v3.Header.MismatchLow, v3.Header.MismatchHigh), Is.EqualTo((4u, 4u)));
        var mount = await rpc.CallAsync(MountConstants.Program, 3, 0).WaitAsync(RpcAssert.ReplyTimeout);
        RpcAssert.Accepted(mount, RpcAcceptStatus.ProgramUnavailable);
        Assert.That(server.Server.Nfs3, Is.Null);
        Assert.That(server.Server.MountEndPoints, Is.Empty);
    }
}
