using Microsoft.Extensions.Logging;
using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Core.Nfs3;
using Nfs.Core.Rpc;
using Nfs.Protocol.Mount;
using Nfs.Protocol.Rpc;

namespace Nfs.Core.Mount;

/// <summary>
/// MOUNT v3 (program 100005; RFC 1813 appendix I). NFSv3 has no pseudo filesystem: MNT maps a
/// path to the export published there (or a directory below it) and returns its handle,
/// when the export admits the client's address. Versions 1 and 2 are answered PROG_MISMATCH.
/// </summary>
public sealed class MountProgram : IRpcProgram
{
    private static readonly AuthFlavor[] Flavors = [AuthFlavor.Sys];
    private readonly Nfs3Server _server;
    private readonly ILogger _logger;

    /// <summary>Creates the program.</summary>
    public MountProgram(Nfs3Server server, MountTable mounts, ILogger<MountProgram> logger)
    {
        _server = server;
        Mounts = mounts;
        _logger = logger;
    }

    /// <summary>The mount list.</summary>
    public MountTable Mounts { get; }

    /// <inheritdoc/>
    public uint Program => MountConstants.Program;

    /// <inheritdoc/>
    public uint MinVersion => MountConstants.OldestVersion;

    /// <inheritdoc/>
    public uint MaxVersion => MountConstants.Version;

    /// <inheritdoc/>
    public async ValueTask<RpcAcceptStatus> ExecuteAsync(RpcCall call)
    {
        string host = call.ClientAddress.ToString();
        switch ((MountProcedure)call.Header.Procedure)
        {
            case MountProcedure.Null:
                return RpcAcceptStatus.Success;
            case MountProcedure.Mount when call.Header.Version < MountConstants.Version:
                // MOUNT v1/v2 hand out 32-byte NFSv2 handles, and NFSv2 is not served: refuse
                // (fhstatus carries errno values; ENOTSUP as MNT3ERR_NOTSUPP). The other
                // procedures are the same in every version, which is what showmount uses.
                call.Reply.WriteUInt32((uint)MountStat3.NotSupp);
                return RpcAcceptStatus.Success;
            case MountProcedure.Mount:
            {
                string path = call.Arguments.ReadString(MountConstants.MaxPathLength);
                // libnfs asks for "" when a URL names a file at the top (nfs://host/file): the root.
                if (path.Length == 0) path = "/";
                var result = await MountAsync(call, path).ConfigureAwait(false);
                if (result.Status == MountStat3.Ok) Mounts.Add(host, path);
                else _logger.LogInformation("MOUNT of '{Path}' by {Client}: {Status}", path, call.Connection.RemoteEndPoint, result.Status);
                result.Encode(call.Reply);
                return RpcAcceptStatus.Success;
            }
            case MountProcedure.Dump:
                MountLists.EncodeMounts(call.Reply, Mounts.Snapshot());
                return RpcAcceptStatus.Success;
            case MountProcedure.Unmount:
                Mounts.Remove(host, call.Arguments.ReadString(MountConstants.MaxPathLength));
                return RpcAcceptStatus.Success;
            case MountProcedure.UnmountAll:
                Mounts.RemoveAll(host);
                return RpcAcceptStatus.Success;
            case MountProcedure.Export:
                MountLists.EncodeExports(call.Reply, _server.Exports.Exports.Select(e => new ExportEntry(e.PseudoPath, e.Options.Clients)));
                return RpcAcceptStatus.Success;
            default:
                return RpcAcceptStatus.ProcedureUnavailable;
        }
    }

    /// <summary>The handle of the directory at <paramref name="path"/>: an export's path, or a directory inside an export.</summary>
    private async ValueTask<MountResult3> MountAsync(RpcCall call, string path)
    {
        if (!path.StartsWith('/')) return Fail(MountStat3.NoEnt);
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var p in parts)
        {
            if (p is "." or "..") return Fail(MountStat3.NoEnt);
        }
        Export? export = null;
        int depth = -1;
        foreach (var e in _server.Exports.Exports)
        {
            var exportParts = PseudoPaths.Split(e.PseudoPath);
            if (exportParts.Length > parts.Length || exportParts.Length <= depth) continue;
            if (exportParts.AsSpan().SequenceEqual(parts.AsSpan(0, exportParts.Length)))
            {
                export = e;
                depth = exportParts.Length;
            }
        }
        if (export is null) return Fail(MountStat3.NoEnt);
        if (!export.AllowsClient(call.ClientAddress)) return Fail(MountStat3.Acces);
        var fs = export.FileSystem;
        var fsal = new FsalContext(export.MapCredential(call.Caller), call.Cancellation);
        FsalObject obj = fs.Root;
        for (int i = depth; i < parts.Length; i++)
        {
            if (parts[i].Length > fs.Capabilities.MaxNameLength) return Fail(MountStat3.NameTooLong);
            var r = await fs.LookupAsync(fsal, obj, parts[i], FsalAttrMask.None).ConfigureAwait(false);
            if (!r.IsOk)
            {
                return Fail(r.Status switch
                {
                    FsalStatus.NoEntry => MountStat3.NoEnt,
                    FsalStatus.AccessDenied or FsalStatus.NotPermitted => MountStat3.Acces,
                    FsalStatus.NotDirectory => MountStat3.NotDir,
                    _ => MountStat3.Io,
                });
            }
            obj = r.Value.Object;
            if (obj.Type != FsalFileType.Directory) return Fail(MountStat3.NotDir);
        }
        if (_server.HandleOf(export, obj, out var handle) != Protocol.Nfs3.NfsStat3.Ok) return Fail(MountStat3.ServerFault);
        return new MountResult3(MountStat3.Ok, handle, Flavors);
    }

    private static MountResult3 Fail(MountStat3 status) => new(status, default, []);
}
