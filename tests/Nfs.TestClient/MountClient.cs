using System.Net;
using Nfs.Protocol.Mount;
using Nfs.Protocol.Rpc;
using Nfs.Protocol.Xdr;

namespace Nfs.TestClient;

/// <summary>A MOUNT v3 client for tests.</summary>
public sealed class MountClient : IAsyncDisposable
{
    private MountClient(RpcClient rpc) => Rpc = rpc;

    /// <summary>The RPC connection.</summary>
    public RpcClient Rpc { get; }

    /// <summary>The credential of calls (AUTH_SYS root when null).</summary>
    public OpaqueAuth? Credential { get; set; }

    /// <summary>Connects.</summary>
    public static async Task<MountClient> ConnectAsync(IPEndPoint endPoint) => new(await RpcClient.ConnectAsync(endPoint).ConfigureAwait(false));

    /// <summary>Wraps an existing connection.</summary>
    public static MountClient Over(RpcClient rpc) => new(rpc);

    private async Task<XdrReader> CallAsync(MountProcedure procedure, Action<XdrWriter>? arguments)
    {
        var reply = await Rpc.CallAsync(MountConstants.Program, MountConstants.Version, (uint)procedure, arguments, Credential).ConfigureAwait(false);
        if (!reply.Header.IsSuccess) throw new InvalidOperationException($"MOUNT {procedure}: RPC failed: {reply.Header}");
        return reply.Reader;
    }

    /// <summary>MNT.</summary>
    public async Task<MountResult3> MountAsync(string path) => MountResult3.Decode(await CallAsync(MountProcedure.Mount, w => w.WriteString(path)).ConfigureAwait(false));

    /// <summary>DUMP.</summary>
    public async Task<List<MountEntry>> DumpAsync() => MountLists.DecodeMounts(await CallAsync(MountProcedure.Dump, null).ConfigureAwait(false));

    /// <summary>UMNT.</summary>
    public Task UnmountAsync(string path) => CallAsync(MountProcedure.Unmount, w => w.WriteString(path));

    /// <summary>UMNTALL.</summary>
    public Task UnmountAllAsync() => CallAsync(MountProcedure.UnmountAll, null);

    /// <summary>EXPORT.</summary>
    public async Task<List<ExportEntry>> ExportsAsync() => MountLists.DecodeExports(await CallAsync(MountProcedure.Export, null).ConfigureAwait(false));

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Rpc.DisposeAsync();
}
