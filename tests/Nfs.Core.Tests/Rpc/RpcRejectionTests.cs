using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Rpc;

namespace Nfs.Core.Tests.Rpc;

/// <summary>The RPC-level answers to calls the server cannot execute (RFC 5531 section 9).</summary>
public sealed class RpcRejectionTests
{
    private TestServer _server = null!;

    [SetUp]
    public void Start() => _server = TestServer.Start();

    [TearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task Null_procedure_succeeds_with_an_empty_body()
    {
        var rpc = await _server.ConnectRpcAsync();
        var reply = await RpcAssert.NullAsync(rpc);
        RpcAssert.Accepted(reply, RpcAcceptStatus.Success);
        Assert.That(reply.Reader.Remaining, Is.Zero);
    }

    [TestCase(0u)]
    [TestCase(1u)]
    [TestCase(3u)]
    [TestCase(uint.MaxValue)]
    public async Task Rpc_version_other_than_2_is_denied_with_RPC_MISMATCH_2_2(uint rpcVersion)
    {
        var rpc = await _server.ConnectRpcAsync();
        var reply = await rpc.CallAsync(Nfs4Constants.Program, 4, 0, rpcVersion: rpcVersion).WaitAsync(RpcAssert.ReplyTimeout);
        Assert.That(reply.Header.ReplyStatus, Is.EqualTo(RpcReplyStatus.Denied));
        Assert.That(reply.Header.RejectStatus, Is.EqualTo(RpcRejectStatus.RpcMismatch));
        Assert.That((reply.Header.MismatchLow, reply.Header.MismatchHigh), Is.EqualTo((2u, 2u)));
        await RpcAssert.ServesAsync(rpc);
    }

    [TestCase(100227u)] // NFS_ACL (MOUNT, NLM and NSM are served)
    [TestCase(0u)]
    [TestCase(400000u)]
    public async Task Unknown_program_is_PROG_UNAVAIL(uint program)
    {
        var rpc = await _server.ConnectRpcAsync();
        var reply = await rpc.CallAsync(program, 4, 0).WaitAsync(RpcAssert.ReplyTimeout);
        RpcAssert.Accepted(reply, RpcAcceptStatus.ProgramUnavailable);
        await RpcAssert.ServesAsync(rpc);
    }

    [TestCase(2u)]
    [TestCase(5u)]
    [TestCase(uint.MaxValue)]
    public async Task Unsupported_nfs_version_is_PROG_MISMATCH_3_4(uint version)
    {
        var rpc = await _server.ConnectRpcAsync();
        var reply = await rpc.CallAsync(Nfs4Constants.Program, version, 0).WaitAsync(RpcAssert.ReplyTimeout);
        RpcAssert.Accepted(reply, RpcAcceptStatus.ProgramMismatch);
        Assert.That((reply.Header.MismatchLow, reply.Header.MismatchHigh), Is.EqualTo((3u, 4u)), "NFSv3 and NFSv4 share the program number");
        await RpcAssert.ServesAsync(rpc);
    }

    [TestCase(2u)]
    [TestCase(7u)]
    [TestCase(uint.MaxValue)]
    public async Task Unknown_procedure_is_PROC_UNAVAIL(uint procedure)
    {
        var rpc = await _server.ConnectRpcAsync();
        var reply = await rpc.CallAsync(Nfs4Constants.Program, 4, procedure).WaitAsync(RpcAssert.ReplyTimeout);
        RpcAssert.Accepted(reply, RpcAcceptStatus.ProcedureUnavailable);
        await RpcAssert.ServesAsync(rpc);
    }
}
