using Nfs.Core.Rpc;
using Nfs.Protocol.Nsm;
using Nfs.Protocol.Rpc;

namespace Nfs.Core.Nlm;

/// <summary>
/// The part of the status monitor (NSM, program 100024 version 1) a lock server needs: SM_NOTIFY
/// from a restarted client's status monitor drops that client's NLM locks and shares (by its
/// name, or by the address the notification comes from), so its processes can lock again.
/// Monitoring requests (SM_MON and the rest) are between a host's own lock manager and status
/// monitor and are not served.
/// </summary>
public sealed class NsmProgram(NlmService service) : IRpcProgram
{
    /// <inheritdoc/>
    public uint Program => NsmConstants.Program;

    /// <inheritdoc/>
    public uint MinVersion => NsmConstants.Version;

    /// <inheritdoc/>
    public uint MaxVersion => NsmConstants.Version;

    /// <inheritdoc/>
    public async ValueTask<RpcAcceptStatus> ExecuteAsync(RpcCall call)
    {
        switch ((NsmProcedure)call.Header.Procedure)
        {
            case NsmProcedure.Null:
                return RpcAcceptStatus.Success;
            case NsmProcedure.Notify:
                var change = NsmStatusChange.Decode(call.Arguments);
                await service.FreeAllAsync(change.HostName, call.ClientAddress).ConfigureAwait(false);
                return RpcAcceptStatus.Success;
            default:
                return RpcAcceptStatus.ProcedureUnavailable;
        }
    }
}
