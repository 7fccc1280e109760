using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Core.Hosting;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Mount;
using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Rpc;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Nfs3;

/// <summary>MOUNT's own port, auxiliary listeners, rpcbind registration and the 64-byte handle limit.</summary>
public sealed class Nfs3ListenerTests
{
    [Test]
    public async Task MountHasItsOwnPortAndEveryListenerServesEveryProgram()
    {
        await using var server = TestServer.Start(o =>
        {
            o.Nfs3.MountPort = 0;
            o.AuxiliaryListen = "127.0.0.1:0";
        });
        var mountEp = server.Server.MountEndPoints.Single();
        var auxEp = server.Server.AuxiliaryEndPoints.Single();
        Assert.That(mountEp.Port, Is.Not.EqualTo(server.EndPoint.Port));
        Assert.That(auxEp.Port, Is.Not.EqualTo(server.EndPoint.Port).And.Not.EqualTo(mountEp.Port));
        await using var mount = await MountClient.ConnectAsync(mountEp);
        var mnt = await mount.MountAsync("/");
        Assert.That(mnt.Status, Is.EqualTo(MountStat3.Ok));
        await using var aux = await Nfs3Client.ConnectAsync(auxEp);
        Assert.That((await aux.GetAttrAsync(mnt.Handle)).Status, Is.EqualTo(NfsStat3.Ok));
    }

    [Test]
    public async Task WithoutAMountPortMountIsOnTheNfsPort()
    {
        await using var server = TestServer.Start();
        Assert.That(server.Server.MountEndPoints, Is.EqualTo(server.Server.EndPoints));
    }

    [Test]
    public void AMountPortEqualToTheNfsPortIsRefused()
    {
        var options = TestServer.DefaultOptions();
        options.Listen = "127.0.0.1:2049";
        options.Nfs3.MountPort = 2049;
        var result = new NfsServerOptionsValidator().Validate(null, options);
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Nfs3.MountPort"));
        options.AuxiliaryListen = "nonsense";
        Assert.That(new NfsServerOptionsValidator().Validate(null, options).FailureMessage, Does.Contain("AuxiliaryListen"));
    }

    [Test]
    public async Task ProgramsAreRegisteredWithRpcbindAndUnregisteredAtStop()
    {
        var calls = new List<(uint Procedure, uint Program, uint Version, uint Protocol, uint Port)>();
        await using var rpcbind = RpcListener.Start((call, results) =>
        {
            var a = call.Arguments;
            lock (calls) calls.Add((call.Header.Procedure, a.ReadUInt32(), a.ReadUInt32(), a.ReadUInt32(), a.ReadUInt32()));
            results.WriteBool(true);
            return ValueTask.FromResult(RpcAcceptStatus.Success);
        });
        var server = TestServer.Start(o =>
        {
            o.Nfs3.MountPort = 0;
            o.Rpcbind.Register = true;
            o.Rpcbind.EndPoint = rpcbind.EndPoint.ToString();
        });
        int registered = await server.Server.RpcbindRegistered.WaitAsync(TimeSpan.FromSeconds(20));
        int nfsPort = server.EndPoint.Port, mountPort = server.Server.MountEndPoints[0].Port;
        Assert.That(registered, Is.EqualTo(7));
        List<(uint, uint, uint, uint, uint)> sets;
        lock (calls) sets = calls.Where(c => c.Procedure == Nfs.Protocol.Portmap.PortmapConstants.ProcSet).Select(c => (c.Procedure, c.Program, c.Version, c.Protocol, c.Port)).ToList();
        Assert.That(sets, Is.EquivalentTo(new[]
        {
            (1u, 100003u, 3u, 6u, (uint)nfsPort),
            (1u, 100003u, 4u, 6u, (uint)nfsPort),
            (1u, 100005u, 1u, 6u, (uint)mountPort), // MOUNT v1 and v2 for showmount
            (1u, 100005u, 2u, 6u, (uint)mountPort),
            (1u, 100005u, 3u, 6u, (uint)mountPort),
            (1u, 100021u, 4u, 6u, (uint)nfsPort), // NLM: where clients' lock managers look for it
            (1u, 100024u, 1u, 6u, (uint)nfsPort), // NSM, for SM_NOTIFY
        }));
        await server.DisposeAsync();
        lock (calls) Assert.That(calls.Count(c => c.Procedure == Nfs.Protocol.Portmap.PortmapConstants.ProcUnset && c.Port == (uint)nfsPort || c.Procedure == Nfs.Protocol.Portmap.PortmapConstants.ProcUnset && c.Port == (uint)mountPort), Is.GreaterThanOrEqualTo(7));
    }

    [Test]
    public async Task AnUnreachableRpcbindIsNotFatal()
    {
        // A port nobody listens on: bind one, note it, close it.
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using var server = TestServer.Start(o =>
        {
            o.Rpcbind.Register = true;
            o.Rpcbind.EndPoint = $"127.0.0.1:{port}";
        });
        Assert.That(await server.Server.RpcbindRegistered.WaitAsync(TimeSpan.FromSeconds(20)), Is.Zero);
        var rpc = await server.ConnectRpcAsync();
        Assert.That((await rpc.CallAsync(Nfs3Constants.Program, 3, 0).WaitAsync(RpcAssert.ReplyTimeout)).Header.IsSuccess, Is.True);
    }

    [Test]
    public async Task AnExportWhoseHandlesExceedSixtyFourBytesCannotBeMounted()
    {
        var fs = new Mock<IFileSystem>();
        fs.Setup(f => f.Capabilities).Returns(new FsalCapabilities { MaxKeyLength = 100 });
        fs.Setup(f => f.Root).Returns(new FakeFsalObject(FsalFileType.Directory, new byte[61]));
        await using var server = TestServer.Start(fileSystem: fs.Object);
        var mount = MountClient.Over(await server.ConnectRpcAsync());
        Assert.That((await mount.MountAsync("/")).Status, Is.EqualTo(MountStat3.ServerFault));
    }
}
