using Microsoft.Extensions.Logging;
using Nfs.Core.Fsal;
using Nfs.Core.Nfs4.Callbacks;
using Nfs.Core.Nfs4.Copy;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;

namespace Nfs.Core.Nfs4.Operations;

/// <summary>
/// COPY (RFC 7862 section 15.2), intra-server only: a source server list is NOTSUPP. The saved
/// filehandle is the source (its stateid must allow reading), the current one the destination
/// (writing); both on one export (XDEV otherwise). Count 0 copies to the source's end of file; a
/// range past it, or overlapping ranges of one file, is INVAL. Small or synchronous copies run in
/// the handler (<see cref="RangeCopier"/>); a client that asks for an asynchronous copy of more
/// than <see cref="AsyncThreshold"/> bytes, and can be called back, gets a callback stateid at
/// once while the copy runs in the background (<see cref="AsyncCopyTable"/>), followed by
/// OFFLOAD_STATUS answers and a CB_OFFLOAD when it ends. A synchronous copy that fails part way
/// reports the bytes it copied.
/// </summary>
public sealed class CopyHandler : Nfs42Operation
{
    /// <summary>Copies asked to be asynchronous run in the background only above this many bytes.</summary>
    public const ulong AsyncThreshold = 4 * 1024 * 1024;

    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Copy;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var args = CopyArgs.Decode(ctx.Args);
        if (args.SourceServerCount > 0) return NfsStat4.Notsupp; // inter-server copy
        var s = TwoFileChecks.RequireFiles(ctx);
        if (s != NfsStat4.Ok) return s;
        s = TwoFileChecks.CheckStateIds(ctx, args.SourceStateId, args.DestinationStateId, out var sourceOpen, out var destinationOpen);
        if (s != NfsStat4.Ok) return s;
        var (sizeStatus, size) = await TwoFileChecks.SourceSizeAsync(ctx).ConfigureAwait(false);
        if (sizeStatus != NfsStat4.Ok) return sizeStatus;
        ulong count = args.Count;
        s = TwoFileChecks.ResolveRange(ctx, size, args.SourceOffset, args.DestinationOffset, ref count);
        if (s != NfsStat4.Ok) return s;

        var request = new CopyRequest(ctx.CurrentExport.FileSystem, ctx.Saved.Object!, sourceOpen?.BackendToken, args.SourceOffset,
            ctx.CurrentObject, destinationOpen?.BackendToken, args.DestinationOffset, count, size);
        var verifier = new Verifier4(ctx.Server.WriteVerifier);
        if (!args.Synchronous && count > AsyncThreshold && ctx.Session is { } session)
        {
            var copies = ctx.Server.Copies;
            if (!copies.RequireCallbackPath || CallbackService.HasCallbackPath(session.Client))
            {
                // The background copy opens the files itself: the client may close its opens meanwhile.
                var background = request with { SourceToken = null, DestinationToken = null };
                var caller = ctx.CurrentFsalContext.Caller;
                var server = ctx.Server;
                s = copies.TryStart(session.Client, session, ctx.Current.Handle, copy => RunAsync(server, copy, background, caller), out var started);
                if (s != NfsStat4.Ok) return s;
                new CopyResult(new WriteResponse4(started!.StateId, 0, StableHow4.Unstable, verifier), Consecutive: true, Synchronous: false).Encode(ctx.Reply);
                return NfsStat4.Ok;
            }
        }

        var outcome = await RangeCopier.CopyAsync(request, ctx.CurrentFsalContext).ConfigureAwait(false);
        if (outcome.Status != FsalStatus.Ok && outcome.Copied == 0) return outcome.Status.ToNfs4();
        new CopyResult(new WriteResponse4(null, outcome.Copied, (StableHow4)outcome.Committed, verifier), Consecutive: true, Synchronous: true).Encode(ctx.Reply);
        return NfsStat4.Ok;
    }

    /// <summary>
    /// The background part of an asynchronous copy: opens both files, copies, records the end
    /// and tells the client with CB_OFFLOAD (unless it was cancelled or the client is gone). A
    /// callback that fails is logged; the client can still ask with OFFLOAD_STATUS.
    /// </summary>
    private static async Task RunAsync(Nfs4Server server, AsyncCopy copy, CopyRequest request, Credential caller)
    {
        var fs = request.FileSystem;
        var fsal = new FsalContext(caller, copy.Cancellation.Token);
        CopyOutcome outcome;
        object? sourceToken = null, destinationToken = null;
        bool sourceOpened = false, destinationOpened = false;
        try
        {
            var src = await fs.OpenAsync(fsal, request.Source, FsalOpenFlags.Read).ConfigureAwait(false);
            if (!src.IsOk)
            {
                outcome = new(src.Status, 0, FsalStability.FileSync);
            }
            else
            {
                (sourceToken, sourceOpened) = (src.Value, true);
                var dst = await fs.OpenAsync(fsal, request.Destination, FsalOpenFlags.Write).ConfigureAwait(false);
                if (!dst.IsOk)
                {
                    outcome = new(dst.Status, 0, FsalStability.FileSync);
                }
                else
                {
                    (destinationToken, destinationOpened) = (dst.Value, true);
                    outcome = await RangeCopier.CopyAsync(request with { SourceToken = sourceToken, DestinationToken = destinationToken }, fsal, copy).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (copy.ShouldStop)
        {
            outcome = new(FsalStatus.Delay, copy.BytesCopied, FsalStability.Unstable);
        }
        finally
        {
            if (destinationOpened) await fs.CloseAsync(request.Destination, destinationToken).ConfigureAwait(false);
            if (sourceOpened) await fs.CloseAsync(request.Source, sourceToken).ConfigureAwait(false);
        }

        var status = outcome.Status.ToNfs4();
        copy.Finish(status, outcome.Copied, outcome.Committed);
        if (copy.ShouldStop) return;
        var response = new WriteResponse4(null, outcome.Copied, (StableHow4)outcome.Committed, new Verifier4(server.WriteVerifier));
        var sent = await server.Callbacks.NotifyOffloadAsync(copy.Client, copy.Session, copy.Destination, copy.StateId, status, response, outcome.Copied).ConfigureAwait(false);
        if (sent != NfsStat4.Ok) server.Logger.LogInformation("CB_OFFLOAD of {Copy} answered {Status}", copy, sent);
    }
}
