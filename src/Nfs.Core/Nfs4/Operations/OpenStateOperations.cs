using Nfs.Core.State;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;

namespace Nfs.Core.Nfs4.Operations;

/// <summary>Lookup of the open state a seqid-bearing operation names, in the order knfsd uses: stateid, then seqid.</summary>
internal static class OpenStateLookup
{
    /// <summary>
    /// Finds an open state for the current file. A closed one is returned too (the caller
    /// replays or refuses it after the seqid check, see <see cref="CheckSeqId"/>).
    /// </summary>
    public static NfsStat4 Find(CompoundContext ctx, in StateId4 stateId, out OpenState open)
    {
        open = null!;
        var s = ctx.RequireCurrent();
        if (s != NfsStat4.Ok) return s;
        if (stateId.IsSpecial) return NfsStat4.BadStateid;
        s = ctx.Server.State.FindState(stateId, ctx.MinorVersion, ctx.Session?.Client, checkSeqId: false, allowClosed: ctx.MinorVersion == 0, out var state);
        if (s != NfsStat4.Ok) return s;
        if (state is not OpenState o || !o.File.Handle.Equals(ctx.Current.Handle)) return NfsStat4.BadStateid;
        open = o;
        return NfsStat4.Ok;
    }

    /// <summary>
    /// The common start of OPEN_CONFIRM, OPEN_DOWNGRADE and CLOSE: find the open, sequence its
    /// owner, check the stateid's seqid. When the request is a retransmission the cached result
    /// has already been written (<see cref="CompoundContext.ResultReplayed"/>) and its status is returned.
    /// </summary>
    public static async ValueTask<(NfsStat4 Status, OpenState? Open)> BeginAsync(CompoundContext ctx, StateId4 stateId, uint seqId)
    {
        stateId = ctx.ResolveStateId(stateId);
        var s = Find(ctx, stateId, out var open);
        if (s != NfsStat4.Ok) return (s, null);
        if (ctx.MinorVersion == 0)
        {
            switch (await ctx.BeginSeqIdAsync(open.Owner, seqId).ConfigureAwait(false))
            {
                case SeqIdCheck.Replay: return (ctx.Replay(open.Owner), null);
                case SeqIdCheck.Bad: return (NfsStat4.BadSeqid, null);
            }
        }
        s = CheckSeqId(ctx, stateId, open);
        return (s, s == NfsStat4.Ok ? open : null);
    }

    /// <summary>After the seqid check: the stateid's own seqid must be current (OLD_STATEID / BAD_STATEID otherwise).</summary>
    public static NfsStat4 CheckSeqId(CompoundContext ctx, in StateId4 stateId, StateObject state)
    {
        if (state.Closed) return NfsStat4.BadStateid;
        if (ctx.MinorVersion > 0 && stateId.SeqId == 0) return NfsStat4.Ok;
        if (stateId.SeqId < state.Id.SeqId) return NfsStat4.OldStateid;
        return stateId.SeqId > state.Id.SeqId ? NfsStat4.BadStateid : NfsStat4.Ok;
    }
}

/// <summary>OPEN_CONFIRM (4.0).</summary>
public sealed class OpenConfirmHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.OpenConfirm;

    /// <inheritdoc/>
    public override uint MaxMinorVersion => 0;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var args = OpenConfirmArgs.Decode(ctx.Args);
        var (s, open) = await OpenStateLookup.BeginAsync(ctx, args.OpenStateId, args.SeqId).ConfigureAwait(false);
        if (open is null) return s;
        if (open.Owner.Confirmed) return NfsStat4.BadStateid;
        ctx.Server.State.ConfirmOpen(open).Encode(ctx.Reply);
        return NfsStat4.Ok;
    }
}

/// <summary>OPEN_DOWNGRADE.</summary>
public sealed class OpenDowngradeHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.OpenDowngrade;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var args = OpenDowngradeArgs.Decode(ctx.Args);
        var (s, open) = await OpenStateLookup.BeginAsync(ctx, args.OpenStateId, args.SeqId).ConfigureAwait(false);
        if (open is null) return s;
        uint access = args.ShareAccess & ~(OpenShare4.WantMask | OpenShare4.SignalMask);
        if (access is 0 or > OpenShare4.AccessBoth || args.ShareDeny > OpenShare4.DenyBoth) return NfsStat4.Inval;
        s = ctx.Server.State.Downgrade(open, access, args.ShareDeny, out var stateId);
        if (s != NfsStat4.Ok) return s;
        stateId.Encode(ctx.Reply);
        ctx.CurrentStateId = stateId;
        return NfsStat4.Ok;
    }
}

/// <summary>CLOSE.</summary>
public sealed class CloseHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Close;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var args = CloseArgs.Decode(ctx.Args);
        var (s, open) = await OpenStateLookup.BeginAsync(ctx, args.StateId, args.SeqId).ConfigureAwait(false);
        if (open is null) return s;
        s = ctx.Server.State.Close(open, refuseWithLocks: ctx.MinorVersion == 0, out var stateId);
        if (s != NfsStat4.Ok) return s;
        var token = open.BackendToken;
        open.BackendToken = null;
        // The reply does not wait for the backend to close its descriptor: nothing the client sees
        // depends on it (the data is written, share reservations are the server's state), and a
        // backend that may block closes on a worker, a trip that would add to every CLOSE. A close
        // reports nothing (CloseAsync has no status), as for the opens OPEN releases.
        if (token is not null) _ = open.File.Export.FileSystem.CloseAsync(open.File.Object, token).AsTask();
        // RFC 8881 section 18.2.4: 4.1 servers return the special invalid stateid.
        (ctx.MinorVersion == 0 ? stateId : StateId4.Invalid with { SeqId = 0 }).Encode(ctx.Reply);
        return NfsStat4.Ok;
    }
}

/// <summary>DELEGPURGE: this server keeps no delegation state for CLAIM_DELEGATE_PREV.</summary>
public sealed class DelegPurgeHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Delegpurge;

    /// <inheritdoc/>
    public override ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        ctx.Args.ReadUInt64();
        return new(NfsStat4.Notsupp);
    }
}

/// <summary>DELEGRETURN.</summary>
public sealed class DelegReturnHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Delegreturn;

    /// <inheritdoc/>
    public override ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var stateId = ctx.ResolveStateId(StateId4.Decode(ctx.Args));
        var s = ctx.RequireCurrent();
        if (s != NfsStat4.Ok) return new(s);
        if (stateId.IsSpecial) return new(NfsStat4.BadStateid);
        s = ctx.Server.State.FindState(stateId, ctx.MinorVersion, ctx.Session?.Client, checkSeqId: true, allowClosed: false, out var state);
        if (s != NfsStat4.Ok) return new(s);
        if (state is not DelegationState d || !d.File.Handle.Equals(ctx.Current.Handle)) return new(NfsStat4.BadStateid);
        return new(ctx.Server.State.ReturnDelegation(d, ctx.MinorVersion));
    }
}
