using Microsoft.Extensions.Logging;
using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Core.Nfs4;
using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Nfs3;

/// <summary>
/// What NFSv3 handlers share: the exports, the options, and what NFSv3 shares with NFSv4 on
/// the same server: the write verifier (one server, one restart signal for COMMIT whatever the
/// version) and the delegation state (an NFSv3 write recalls an NFSv4 client's delegation).
/// </summary>
public sealed class Nfs3Server
{
    /// <summary>Creates the services.</summary>
    public Nfs3Server(Nfs4Server nfs4, Nfs3Options options, ILogger<Nfs3Server> logger)
    {
        Nfs4 = nfs4;
        Options = options;
        Logger = logger;
        CheckHandleSizes();
    }

    /// <summary>The NFSv4 services of the same server.</summary>
    internal Nfs4Server Nfs4 { get; }

    /// <summary>The exports.</summary>
    public ExportTable Exports => Nfs4.Exports;

    /// <summary>Options.</summary>
    public Nfs3Options Options { get; }

    /// <summary>Logger for handlers.</summary>
    public ILogger Logger { get; }

    /// <summary>The write verifier, the same one NFSv4 WRITE and COMMIT return.</summary>
    public ulong WriteVerifier => Nfs4.WriteVerifier;

    /// <summary>Whether large READ data may be sent straight from backend files.</summary>
    public bool ZeroCopyReads => Nfs4.ZeroCopyReads;

    /// <summary>
    /// NFSv3 handles hold 64 bytes, NFSv4 ones 128: reports exports whose backend may make keys
    /// too long (their oversized handles are refused with SERVERFAULT where they would be sent).
    /// </summary>
    private void CheckHandleSizes()
    {
        int maxKey = Nfs3Constants.MaxFileHandleSize - FileHandleCodec.HeaderSize;
        Span<byte> key = stackalloc byte[Nfs4Constants.MaxFileHandleSize];
        foreach (var export in Exports.Exports)
        {
            int rootKey = export.FileSystem.Root.WriteKey(key);
            if (rootKey > maxKey)
            {
                Logger.LogError("{Export}: its root handle needs {Bytes} bytes, more than NFSv3's 64; NFSv3 clients cannot mount it", export, rootKey + FileHandleCodec.HeaderSize);
            }
            else if (export.FileSystem.Capabilities.MaxKeyLength > maxKey)
            {
                Logger.LogInformation("{Export}: backend keys may reach {Bytes} bytes; NFSv3 requests for objects whose handle exceeds 64 bytes are answered SERVERFAULT",
                    export, export.FileSystem.Capabilities.MaxKeyLength + FileHandleCodec.HeaderSize);
            }
        }
    }

    /// <summary>
    /// Finds what a client's handle names: BADHANDLE for bytes this server never makes, STALE
    /// for unknown exports, the pseudo filesystem (NFSv3 has none) and vanished objects, ACCES
    /// when the export does not admit the client's address.
    /// </summary>
    public NfsStat3 Resolve(System.Net.IPAddress client, in NfsFileHandle handle, out Export export, out FsalObject obj)
    {
        export = null!;
        obj = null!;
        if (!handle.IsSet || !FileHandleCodec.TryDecode(handle.Span, out ushort exportId, out var key)) return NfsStat3.BadHandle;
        if (!Exports.TryGet(exportId, out export) || ExportTable.IsPseudo(export)) return NfsStat3.Stale;
        if (!export.AllowsClient(client)) return NfsStat3.Acces;
        var status = export.FileSystem.Resolve(key, out var found);
        if (status != FsalStatus.Ok) return status.ToNfs3();
        obj = found!;
        return NfsStat3.Ok;
    }

    /// <summary>The handle of an object; SERVERFAULT (logged) when it does not fit in NFSv3's 64 bytes.</summary>
    public NfsStat3 HandleOf(Export export, FsalObject obj, out NfsFileHandle handle)
    {
        handle = default;
        FileHandleCodec.Encode(export, obj, ref handle);
        if (handle.Length <= Nfs3Constants.MaxFileHandleSize) return NfsStat3.Ok;
        Logger.LogError("{Export}: a handle of {Bytes} bytes cannot be sent to an NFSv3 client", export, handle.Length);
        handle = default;
        return NfsStat3.ServerFault;
    }
}
