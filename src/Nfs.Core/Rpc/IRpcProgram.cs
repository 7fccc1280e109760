namespace Nfs.Core.Rpc;

/// <summary>An ONC RPC program served by the dispatcher (NFS, MOUNT, NLM ...).</summary>
public interface IRpcProgram
{
    /// <summary>RPC program number.</summary>
    uint Program { get; }

    /// <summary>Lowest supported version.</summary>
    uint MinVersion { get; }

    /// <summary>Highest supported version.</summary>
    uint MaxVersion { get; }

    /// <summary>
    /// Executes a call whose program and version are supported. The dispatcher has already
    /// written a SUCCESS reply header; on success the program appends its results. Returning
    /// another status (PROC_UNAVAIL, GARBAGE_ARGS, SYSTEM_ERR) makes the dispatcher replace the
    /// reply with that error. An <see cref="Nfs.Protocol.Xdr.XdrException"/> becomes GARBAGE_ARGS.
    /// </summary>
    ValueTask<Nfs.Protocol.Rpc.RpcAcceptStatus> ExecuteAsync(RpcCall call);

    /// <summary>
    /// Whether replies to this call go through the duplicate request cache (calls whose
    /// retransmission must not run twice). Must not consume the arguments.
    /// </summary>
    bool UsesReplyCache(RpcCall call) => false;
}
