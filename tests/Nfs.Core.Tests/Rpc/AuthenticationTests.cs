using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Rpc;
using Nfs.Protocol.Xdr;

namespace Nfs.Core.Tests.Rpc;

/// <summary>Credential checking: AUTH_SYS bodies are validated, only AUTH_SYS and AUTH_NONE are accepted.</summary>
public sealed class AuthenticationTests
{
    private TestServer _server = null!;

    [SetUp]
    public void Start() => _server = TestServer.Start();

    [TearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private static OpaqueAuth SysBody(Action<XdrWriter> write)
    {
        using var w = new XdrWriter(512);
        write(w);
        return new OpaqueAuth(AuthFlavor.Sys, w.WrittenSpan.ToArray());
    }

    private static void WriteSys(XdrWriter w, string machine = "m", int gidCount = 0)
    {
        w.WriteUInt32(1);       // stamp
        w.WriteString(machine);
        w.WriteUInt32(1000);    // uid
        w.WriteUInt32(1000);    // gid
        w.WriteUInt32((uint)gidCount);
        for (int i = 0; i < gidCount; i++) w.WriteUInt32((uint)(2000 + i));
    }

    public static IEnumerable<TestCaseData> BadSysBodies()
    {
        yield return new TestCaseData(new OpaqueAuth(AuthFlavor.Sys, ReadOnlyMemory<byte>.Empty)).SetArgDisplayNames("empty");
        yield return new TestCaseData(SysBody(w => { w.WriteUInt32(1); w.WriteString("machine"); w.WriteUInt32(0); })).SetArgDisplayNames("truncated after uid");
        yield return new TestCaseData(SysBody(w => WriteSys(w, gidCount: 17))).SetArgDisplayNames("17 gids");
        yield return new TestCaseData(SysBody(w => WriteSys(w, machine: new string('m', 256)))).SetArgDisplayNames("machine name of 256 bytes");
        yield return new TestCaseData(SysBody(w => { WriteSys(w); w.WriteUInt32(7); })).SetArgDisplayNames("trailing bytes");
        yield return new TestCaseData(SysBody(w => { w.WriteUInt32(1); w.WriteString("m"); w.WriteUInt32(0); w.WriteUInt32(0); w.WriteUInt32(3); w.WriteUInt32(1); }))
            .SetArgDisplayNames("gid count larger than the gids present");
    }

    [TestCaseSource(nameof(BadSysBodies))]
    public async Task Malformed_AUTH_SYS_body_is_AUTH_BADCRED_and_the_connection_keeps_serving(OpaqueAuth credential)
    {
        var rpc = await _server.ConnectRpcAsync();
        var reply = await RpcAssert.NullAsync(rpc, credential);
        RpcAssert.AuthError(reply, RpcAuthStatus.BadCredential);
        await RpcAssert.ServesAsync(rpc);
    }

    [TestCase(16)]
    [TestCase(0)]
    public async Task AUTH_SYS_with_up_to_16_gids_is_accepted(int gids)
    {
        var rpc = await _server.ConnectRpcAsync();
        var reply = await RpcAssert.NullAsync(rpc, SysBody(w => WriteSys(w, machine: new string('m', 255), gidCount: gids)));
        RpcAssert.Accepted(reply, RpcAcceptStatus.Success);
    }

    [TestCase(AuthFlavor.RpcSecGss)]
    [TestCase(AuthFlavor.Dh)]
    [TestCase(AuthFlavor.Short)]
    [TestCase((AuthFlavor)390003)] // RPCSEC_GSS pseudo-flavor number (krb5)
    [TestCase((AuthFlavor)12345)]
    public async Task Unsupported_flavor_is_AUTH_ERROR_and_the_connection_keeps_serving(AuthFlavor flavor)
    {
        var rpc = await _server.ConnectRpcAsync();
        var reply = await RpcAssert.NullAsync(rpc, new OpaqueAuth(flavor, new byte[] { 0, 0, 0, 1, 0, 0, 0, 0 }));
        RpcAssert.AuthError(reply);
        Assert.That(reply.Header.AuthStatus, Is.AnyOf(RpcAuthStatus.BadCredential, RpcAuthStatus.TooWeak, RpcAuthStatus.RejectedCredential));
        await RpcAssert.ServesAsync(rpc);
    }

    [Test]
    public async Task AUTH_NONE_is_accepted()
    {
        var rpc = await _server.ConnectRpcAsync();
        RpcAssert.Accepted(await RpcAssert.NullAsync(rpc, OpaqueAuth.None), RpcAcceptStatus.Success);
    }

    [Test]
    public async Task Alternating_credentials_on_one_connection_are_each_authenticated()
    {
        // The per-connection credential cache must not let a bad body ride on a good one's entry.
        var rpc = await _server.ConnectRpcAsync();
        RpcAssert.Accepted(await RpcAssert.NullAsync(rpc, Credentials.Sys(1000)), RpcAcceptStatus.Success);
        RpcAssert.AuthError(await RpcAssert.NullAsync(rpc, SysBody(w => WriteSys(w, gidCount: 17))), RpcAuthStatus.BadCredential);
        RpcAssert.Accepted(await RpcAssert.NullAsync(rpc, Credentials.Sys(1000)), RpcAcceptStatus.Success);
        RpcAssert.Accepted(await RpcAssert.NullAsync(rpc, Credentials.Sys(1001)), RpcAcceptStatus.Success);
    }
}
