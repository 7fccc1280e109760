using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Nfs.Core.Transport;
using Nfs.Protocol.Portmap;
using Nfs.Protocol.Rpc;

namespace Nfs.Core.Hosting;

/// <summary>
/// Tells a local rpcbind which port serves which program and version (portmapper v2,
/// PMAPPROC_SET and PMAPPROC_UNSET, TCP only). Failures are logged as warnings: clients that
/// know the ports work without rpcbind.
/// </summary>
public static class RpcbindRegistration
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>One program version on one port.</summary>
    public readonly record struct Mapping(uint Program, uint Version, int Port);

    /// <summary>
    /// Registers (or, with <paramref name="register"/> false, unregisters) the mappings; returns
    /// how many rpcbind accepted. Registering first removes any earlier mapping of the same
    /// program and version (a previous instance's), since rpcbind refuses to replace one.
    /// </summary>
    public static async Task<int> UpdateAsync(IPEndPoint rpcbind, IReadOnlyList<Mapping> mappings, bool register, ILogger logger)
    {
        try
        {
            await using var connection = await OutboundRpcConnection.ConnectAsync(rpcbind, Timeout).ConfigureAwait(false);
            int accepted = 0;
            foreach (var m in mappings)
            {
                if (register) await CallAsync(connection, PortmapConstants.ProcUnset, m).ConfigureAwait(false);
                bool ok = await CallAsync(connection, register ? PortmapConstants.ProcSet : PortmapConstants.ProcUnset, m).ConfigureAwait(false);
                if (ok) accepted++;
                else logger.LogWarning("rpcbind at {RpcBind} refused to {Action} program {Program} version {Version} on port {Port}", rpcbind, register ? "register" : "unregister", m.Program, m.Version, m.Port);
            }
            if (register) logger.LogInformation("Registered {Count} program version(s) with rpcbind at {RpcBind}", accepted, rpcbind);
            return accepted;
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException or OperationCanceledException or ObjectDisposedException or Nfs.Protocol.Xdr.XdrException)
        {
            logger.LogWarning("rpcbind at {RpcBind} could not be reached to {Action} the server's programs: {Reason}", rpcbind, register ? "register" : "unregister", ex.Message);
            return 0;
        }
    }

    private static async Task<bool> CallAsync(OutboundRpcConnection connection, uint procedure, Mapping m)
    {
        var mapping = new PortmapMapping(m.Program, m.Version, PortmapConstants.ProtocolTcp, (uint)m.Port);
        var reply = await connection.CallAsync(PortmapConstants.Program, PortmapConstants.Version, procedure, OpaqueAuth.None, mapping.Encode, Timeout).ConfigureAwait(false);
        return reply.Header.IsSuccess && reply.Results.ReadBool();
    }
}
