using Microsoft.Extensions.Logging;
using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Core.Rpc;
using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Xdr;

namespace Nfs.Core.Nfs3;

/// <summary>One NFSv3 call as a handler sees it: the RPC call and the shared services. A value, so a request allocates nothing.</summary>
public readonly struct Nfs3Request
{
    /// <summary>Wraps a call.</summary>
    public Nfs3Request(Nfs3Server server, RpcCall call)
    {
        Server = server;
        Call = call;
    }

    /// <summary>Shared services.</summary>
    public Nfs3Server Server { get; }

    /// <summary>The RPC call.</summary>
    public RpcCall Call { get; }

    /// <summary>The arguments.</summary>
    public XdrReader Args => Call.Arguments;

    /// <summary>The reply, after the RPC header.</summary>
    public XdrWriter Reply => Call.Reply;

    /// <summary>The backend context for an export: the caller after its squashing, and the call's cancellation.</summary>
    public FsalContext ContextFor(Export export) => new(export.MapCredential(Call.Caller), Call.Cancellation);

    /// <summary><see cref="Nfs3Server.Resolve"/> for this caller; a refused handle is logged.</summary>
    public NfsStat3 Resolve(in NfsFileHandle handle, out Export export, out FsalObject obj)
    {
        var s = Server.Resolve(Call.ClientAddress, handle, out export, out obj);
        if (s == NfsStat3.BadHandle)
        {
            Server.Logger.LogWarning("NFSv3 {Procedure} from {Client}: bad filehandle {Handle}", (Nfs3Procedure)Call.Header.Procedure, Call.Connection.RemoteEndPoint, handle.ToString());
        }
        return s;
    }

    /// <summary>
    /// <see cref="Resolve"/> for procedures whose failure result is just the status and empty
    /// post-operation attributes (or, with <paramref name="wcc"/>, empty wcc data): writes that
    /// result and returns false when the handle does not resolve.
    /// </summary>
    public bool ResolveOrFail(in NfsFileHandle handle, out Export export, out FsalObject obj, bool wcc = false)
    {
        var s = Resolve(handle, out export, out obj);
        if (s == NfsStat3.Ok) return true;
        WriteStatus(s);
        if (wcc) WccData.None.Encode(Reply);
        else Fattr3.EncodePostOp(Reply, null);
        return false;
    }

    /// <summary>Writes the status that starts every NFSv3 result.</summary>
    public void WriteStatus(NfsStat3 status) => Reply.WriteUInt32((uint)status);
}
