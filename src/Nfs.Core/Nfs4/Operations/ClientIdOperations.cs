using Nfs.Core.State;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;

namespace Nfs.Core.Nfs4.Operations;

/// <summary>Helpers for client identity.</summary>
internal static class ClientIdentity
{
    /// <summary>The principal of the current call, compared between SETCLIENTIDs.</summary>
    public static ClientPrincipal PrincipalOf(CompoundContext ctx) =>
        new((int)ctx.Call.Flavor, ctx.Call.Caller.Uid, ctx.Call.Caller.Gid);
}

/// <summary>SETCLIENTID (4.0).</summary>
public sealed class SetClientIdHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Setclientid;

    /// <inheritdoc/>
    public override uint MaxMinorVersion => 0;

    /// <inheritdoc/>
    public override ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var args = SetClientIdArgs.Decode(ctx.Args);
        var callback = new CallbackInfo(args.CallbackProgram, args.CallbackAddress, args.CallbackIdent);
        var s = ctx.Server.State.SetClientId(args.Id.Span, args.Verifier.Value, ClientIdentity.PrincipalOf(ctx), callback,
            out ulong clientId, out ulong confirm, out var inUseBy);
        if (s == NfsStat4.Ok)
        {
            ctx.Reply.WriteUInt64(clientId);
            ctx.Reply.WriteUInt64(confirm);
        }
        else if (s == NfsStat4.ClidInuse)
        {
            ctx.KeepErrorBody = true;
            (inUseBy?.Address ?? new NetAddr4("tcp", "0.0.0.0.0.0")).Encode(ctx.Reply);
        }
        return new(s);
    }
}

/// <summary>SETCLIENTID_CONFIRM (4.0).</summary>
public sealed class SetClientIdConfirmHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.SetclientidConfirm;

    /// <inheritdoc/>
    public override uint MaxMinorVersion => 0;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var args = SetClientIdConfirmArgs.Decode(ctx.Args);
        var s = ctx.Server.State.ConfirmClientId(args.ClientId, args.Confirm.Value, ClientIdentity.PrincipalOf(ctx));
        if (s == NfsStat4.Ok && ctx.Server.State.GetClient(args.ClientId, out var client) == NfsStat4.Ok)
        {
            // On stable storage before the reply that lets the client hold state (RFC 7530
            // section 9.6.3); a replaced incarnation was forgotten, in order, by the confirm.
            await ctx.Server.State.RecordClientAsync(client).ConfigureAwait(false);
            // Delegations need a working callback path: check it in the background (CB_NULL).
            if (ctx.Server.Options.Delegations) _ = ProbeAsync(ctx.Server, client);
        }
        return s;
    }

    private static async Task ProbeAsync(Nfs4Server server, NfsClient client)
    {
        client.CallbackProven = await server.Callbacks.ProbeAsync(client).ConfigureAwait(false);
    }
}

/// <summary>RENEW (4.0).</summary>
public sealed class RenewHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Renew;

    /// <inheritdoc/>
    public override uint MaxMinorVersion => 0;

    /// <inheritdoc/>
    public override ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        ulong clientId = ctx.Args.ReadUInt64();
        return new(ctx.Server.State.Renew(clientId));
    }
}
