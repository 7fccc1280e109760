using System.Net;
using Nfs.Core.Transport;
using Nfs.Protocol.Portmap;
using Nfs.Protocol.Rpc;

namespace Nfs.Core.Nlm;

/// <summary>Asks the host's port mapper (rpcbind version 2 GETPORT over TCP) where a program listens.</summary>
public sealed class PortmapperLocator(int port = PortmapConstants.Port, TimeSpan? timeout = null) : IRpcServiceLocator
{
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(10);

    /// <summary>The port mapper's port (111 unless a test runs its own).</summary>
    public int Port { get; } = port;

    /// <inheritdoc/>
    public async ValueTask<IPEndPoint?> LocateAsync(IPAddress host, uint program, uint version, CancellationToken cancellation)
    {
        await using var connection = await OutboundRpcConnection.ConnectAsync(new IPEndPoint(host, Port), _timeout).ConfigureAwait(false);
        var mapping = new PortmapMapping(program, version, PortmapConstants.ProtocolTcp, 0);
        var reply = await connection.CallAsync(PortmapConstants.Program, PortmapConstants.Version, PortmapConstants.ProcGetPort,
            OpaqueAuth.None, mapping.Encode, _timeout).ConfigureAwait(false);
        if (!reply.Header.IsSuccess) return null;
        uint found = reply.Results.ReadUInt32();
        return found is 0 or > 65535 ? null : new IPEndPoint(host, (int)found);
    }
}
