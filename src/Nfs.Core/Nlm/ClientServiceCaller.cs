using System.Net;
using Nfs.Core.Rpc;
using Nfs.Core.Transport;
using Nfs.Protocol.Rpc;
using Nfs.Protocol.Xdr;

namespace Nfs.Core.Nlm;

/// <summary>
/// Calls a service on a client host (its lock manager or status monitor): locates it through
/// an <see cref="IRpcServiceLocator"/>, connects over TCP, makes one call and closes. Calls are
/// rare (a granted blocked lock, a restart), so no connection is kept.
/// </summary>
internal sealed class ClientServiceCaller(IRpcServiceLocator locator, TimeSpan timeout, string serverName)
{
    private readonly OpaqueAuth _credential = new AuthSysParameters { MachineName = Truncate(serverName), Uid = 0, Gid = 0 }.ToOpaqueAuth();

    public IRpcServiceLocator Locator { get; set; } = locator;

    private static string Truncate(string name) => name.Length <= AuthSysParameters.MaxMachineNameLength ? name : name[..AuthSysParameters.MaxMachineNameLength];

    /// <summary>Makes the call; throws when the service cannot be found or reached or does not answer in time.</summary>
    public async Task<OutboundReply> CallAsync(IPAddress host, uint program, uint version, uint procedure, Action<XdrWriter> writeArguments)
    {
        using var cts = new CancellationTokenSource(timeout);
        var endPoint = await Locator.LocateAsync(host, program, version, cts.Token).ConfigureAwait(false)
            ?? throw new IOException($"program {program} version {version} is not registered on {host}");
        await using var connection = await OutboundRpcConnection.ConnectAsync(endPoint, timeout).ConfigureAwait(false);
        return await connection.CallAsync(program, version, procedure, _credential, writeArguments, timeout).ConfigureAwait(false);
    }
}
