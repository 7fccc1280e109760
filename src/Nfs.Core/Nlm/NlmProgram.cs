using Nfs.Core.Rpc;
using Nfs.Protocol.Nlm;
using Nfs.Protocol.Rpc;

namespace Nfs.Core.Nlm;

/// <summary>
/// The NLM program, version 4 (RFC 1813 appendix II), on the wire: decodes each procedure's
/// arguments, runs it on <see cref="NlmService"/> and encodes the result. The _MSG procedures
/// answer with an empty reply and send their result to the client's lock manager as the
/// matching *_RES call. Versions 1 to 3 (32-bit offsets) get PROG_MISMATCH.
/// </summary>
public sealed class NlmProgram(NlmService service) : IRpcProgram
{
    /// <inheritdoc/>
    public uint Program => NlmConstants.Program;

    /// <inheritdoc/>
    public uint MinVersion => NlmConstants.Version4;

    /// <inheritdoc/>
    public uint MaxVersion => NlmConstants.Version4;

    /// <inheritdoc/>
    public async ValueTask<RpcAcceptStatus> ExecuteAsync(RpcCall call)
    {
        var r = call.Arguments;
        var w = call.Reply;
        switch ((NlmProcedure)call.Header.Procedure)
        {
            case NlmProcedure.Null:
                return RpcAcceptStatus.Success;

            case NlmProcedure.Test:
            {
                var args = Nlm4TestArgs.Decode(r);
                var (stat, holder) = await service.TestAsync(call, args).ConfigureAwait(false);
                new Nlm4TestResult(args.Cookie, stat, holder).Encode(w);
                return RpcAcceptStatus.Success;
            }
            case NlmProcedure.Lock:
            case NlmProcedure.NmLock:
            {
                var args = Nlm4LockArgs.Decode(r);
                bool monitored = call.Header.Procedure == (uint)NlmProcedure.Lock;
                var stat = await service.LockAsync(call, args, monitored, viaMessage: false).ConfigureAwait(false);
                new Nlm4Result(args.Cookie, stat).Encode(w);
                return RpcAcceptStatus.Success;
            }
            case NlmProcedure.Cancel:
            {
                var args = Nlm4CancelArgs.Decode(r);
                new Nlm4Result(args.Cookie, service.Cancel(call, args)).Encode(w);
                return RpcAcceptStatus.Success;
            }
            case NlmProcedure.Unlock:
            {
                var args = Nlm4UnlockArgs.Decode(r);
                var stat = await service.UnlockAsync(call, args).ConfigureAwait(false);
                new Nlm4Result(args.Cookie, stat).Encode(w);
                return RpcAcceptStatus.Success;
            }
            case NlmProcedure.Granted:
            {
                // This server waits for no lock of its own: a GRANTED names nothing it asked for.
                var args = Nlm4TestArgs.Decode(r);
                new Nlm4Result(args.Cookie, Nlm4Stats.Denied).Encode(w);
                return RpcAcceptStatus.Success;
            }

            case NlmProcedure.TestMsg:
            {
                var args = Nlm4TestArgs.Decode(r);
                var (stat, holder) = await service.TestAsync(call, args).ConfigureAwait(false);
                var result = new Nlm4TestResult(args.Cookie.ToArray(), stat, holder with { OwnerHandle = holder.OwnerHandle.ToArray() });
                service.SendResult(call.ClientAddress, NlmProcedure.TestRes, result.Encode);
                return RpcAcceptStatus.Success;
            }
            case NlmProcedure.LockMsg:
            {
                var args = Nlm4LockArgs.Decode(r);
                var stat = await service.LockAsync(call, args, monitored: true, viaMessage: true).ConfigureAwait(false);
                service.SendResult(call.ClientAddress, NlmProcedure.LockRes, new Nlm4Result(args.Cookie.ToArray(), stat).Encode);
                return RpcAcceptStatus.Success;
            }
            case NlmProcedure.CancelMsg:
            {
                var args = Nlm4CancelArgs.Decode(r);
                var stat = service.Cancel(call, args);
                service.SendResult(call.ClientAddress, NlmProcedure.CancelRes, new Nlm4Result(args.Cookie.ToArray(), stat).Encode);
                return RpcAcceptStatus.Success;
            }
            case NlmProcedure.UnlockMsg:
            {
                var args = Nlm4UnlockArgs.Decode(r);
                var stat = await service.UnlockAsync(call, args).ConfigureAwait(false);
                service.SendResult(call.ClientAddress, NlmProcedure.UnlockRes, new Nlm4Result(args.Cookie.ToArray(), stat).Encode);
                return RpcAcceptStatus.Success;
            }
            case NlmProcedure.GrantedMsg:
            {
                var args = Nlm4TestArgs.Decode(r);
                service.SendResult(call.ClientAddress, NlmProcedure.GrantedRes, new Nlm4Result(args.Cookie.ToArray(), Nlm4Stats.Denied).Encode);
                return RpcAcceptStatus.Success;
            }

            case NlmProcedure.TestRes:
                Nlm4TestResult.Decode(r); // answers to requests this server never sends
                return RpcAcceptStatus.Success;
            case NlmProcedure.LockRes:
            case NlmProcedure.CancelRes:
            case NlmProcedure.UnlockRes:
                Nlm4Result.Decode(r);
                return RpcAcceptStatus.Success;
            case NlmProcedure.GrantedRes:
                await service.GrantedResultAsync(Nlm4Result.Decode(r)).ConfigureAwait(false);
                return RpcAcceptStatus.Success;

            case NlmProcedure.Share:
            {
                var args = Nlm4ShareArgs.Decode(r);
                var stat = await service.ShareAsync(call, args).ConfigureAwait(false);
                new Nlm4ShareResult(args.Cookie, stat, 0).Encode(w);
                return RpcAcceptStatus.Success;
            }
            case NlmProcedure.Unshare:
            {
                var args = Nlm4ShareArgs.Decode(r);
                new Nlm4ShareResult(args.Cookie, service.Unshare(call, args), 0).Encode(w);
                return RpcAcceptStatus.Success;
            }
            case NlmProcedure.FreeAll:
            {
                var args = Nlm4NotifyArgs.Decode(r);
                await service.FreeAllAsync(args.Name, call.ClientAddress).ConfigureAwait(false);
                return RpcAcceptStatus.Success;
            }
            default:
                return RpcAcceptStatus.ProcedureUnavailable;
        }
    }
}
