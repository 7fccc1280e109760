using Nfs.Core.Fsal;
using Nfs.Core.State;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;

namespace Nfs.Core.Nfs4.Operations;

/// <summary>Range and type checks shared by LOCK, LOCKT and LOCKU.</summary>
internal static class LockChecks
{
    /// <summary>INVAL for a zero length or a range past 2^64 - 1; otherwise the inclusive end.</summary>
    public static NfsStat4 Range(ulong offset, ulong length, out ulong end)
    {
        end = 0;
        if (length == 0) return NfsStat4.Inval;
        if (length == ulong.MaxValue)
        {
            end = ulong.MaxValue;
            return NfsStat4.Ok;
        }
        if (length - 1 > ulong.MaxValue - offset) return NfsStat4.Inval;
        end = offset + length - 1;
        return NfsStat4.Ok;
    }

    /// <summary>Whether the type asks for an exclusive lock; INVAL for unknown types.</summary>
    public static NfsStat4 Type(NfsLockType4 type, out bool exclusive)
    {
        exclusive = type is NfsLockType4.Write or NfsLockType4.WriteWait;
        return type is >= NfsLockType4.Read and <= NfsLockType4.WriteWait ? NfsStat4.Ok : NfsStat4.Inval;
    }

    /// <summary>Writes LOCK4denied for a conflicting lock.</summary>
    public static void WriteDenied(CompoundContext ctx, in ByteRangeLock conflict)
    {
        ulong length = conflict.End == ulong.MaxValue ? ulong.MaxValue : conflict.End - conflict.Start + 1;
        var owner = conflict.Owner.Nfs4Owner;
        new LockDenied(conflict.Start, length, conflict.Exclusive ? NfsLockType4.Write : NfsLockType4.Read, owner).Encode(ctx.Reply);
        ctx.KeepErrorBody = true;
    }
}

/// <summary>LOCK (RFC 7530 section 16.10), with both locker arms and, where the backend keeps locks too, the backend's agreement.</summary>
public sealed class LockHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Lock;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var args = LockArgs.Decode(ctx.Args);
        var s = IoChecks.RequireRegularFile(ctx);
        if (s != NfsStat4.Ok) return s;
        var state = ctx.Server.State;
        LockState lockState;
        if (args.NewLockOwner)
        {
            var (os, open) = await OpenStateLookup.BeginAsync(ctx, args.OpenStateId, args.OpenSeqId).ConfigureAwait(false);
            if (open is null) return os;
            if (ctx.MinorVersion == 0 && !open.Owner.Confirmed) return NfsStat4.BadStateid;
            if (ctx.MinorVersion == 0 && args.LockOwner.ClientId != open.Client.ClientId)
            {
                var cs = state.GetClient(args.LockOwner.ClientId, out _);
                return cs != NfsStat4.Ok ? cs : NfsStat4.BadStateid;
            }
            s = Validate(ctx, args, state, open);
            if (s != NfsStat4.Ok) return s;
            var lockOwner = state.GetOrCreateLockOwner(open.Client, args.LockOwner.Owner.Span);
            if (ctx.MinorVersion == 0) await ctx.BeginSeqIdAsync(lockOwner, args.LockSeqId).ConfigureAwait(false);
            s = state.GetOrCreateLockState(lockOwner, open, out lockState);
            if (s != NfsStat4.Ok) return s;
        }
        else
        {
            var sid = ctx.ResolveStateId(args.LockStateId);
            if (sid.IsSpecial) return NfsStat4.BadStateid;
            s = state.FindState(sid, ctx.MinorVersion, ctx.Session?.Client, checkSeqId: false, allowClosed: false, out var found);
            if (s != NfsStat4.Ok) return s;
            if (found is not LockState ls || !ls.File.Handle.Equals(ctx.Current.Handle)) return NfsStat4.BadStateid;
            if (ctx.MinorVersion == 0)
            {
                switch (await ctx.BeginSeqIdAsync(ls.Owner, args.LockSeqId).ConfigureAwait(false))
                {
                    case SeqIdCheck.Replay: return ctx.Replay(ls.Owner);
                    case SeqIdCheck.Bad: return NfsStat4.BadSeqid;
                }
            }
            s = OpenStateLookup.CheckSeqId(ctx, sid, ls);
            if (s != NfsStat4.Ok) return s;
            s = Validate(ctx, args, state, ls.Open);
            if (s != NfsStat4.Ok) return s;
            lockState = ls;
        }

        LockChecks.Type(args.LockType, out bool exclusive);
        LockChecks.Range(args.Offset, args.Length, out ulong end);
        s = state.Lock(lockState, exclusive, args.Offset, end, out var conflict, out var stateId);
        if (s == NfsStat4.Denied)
        {
            LockChecks.WriteDenied(ctx, conflict);
            return s;
        }
        if (s != NfsStat4.Ok) return s;

        if (ctx.CurrentExport.FileSystem is IByteRangeLocks backend)
        {
            var type = exclusive ? FsalLockType.Write : FsalLockType.Read;
            var bs = await backend.LockAsync(ctx.CurrentFsalContext, ctx.CurrentObject, lockState.Open.BackendToken,
                lockState.Owner.BackendIdentity, type, args.Offset, args.Length).ConfigureAwait(false);
            if (bs != FsalStatus.Ok)
            {
                state.Unlock(lockState, args.Offset, end);
                if (bs != FsalStatus.Locked) return bs.ToNfs4();
                // Held by someone outside this server: report the range without an owner we know.
                ctx.KeepErrorBody = true;
                new LockDenied(args.Offset, args.Length, args.LockType, new StateOwner4(0, ReadOnlyMemory<byte>.Empty)).Encode(ctx.Reply);
                return NfsStat4.Denied;
            }
            if (!args.Reclaim && state.ConfirmPeersAlive is { } confirm && !await confirm().ConfigureAwait(false))
            {
                // A cluster peer died unnoticed: its clients' locks may be gone from the backend
                // before the cluster's grace period protects them. Give this one back.
                await backend.LockAsync(ctx.CurrentFsalContext, ctx.CurrentObject, lockState.Open.BackendToken,
                    lockState.Owner.BackendIdentity, FsalLockType.Unlock, args.Offset, args.Length).ConfigureAwait(false);
                state.Unlock(lockState, args.Offset, end);
                return NfsStat4.Grace;
            }
        }
        stateId.Encode(ctx.Reply);
        ctx.CurrentStateId = stateId;
        return NfsStat4.Ok;
    }

    private static NfsStat4 Validate(CompoundContext ctx, in LockArgs args, StateManager state, OpenState open)
    {
        var s = LockChecks.Type(args.LockType, out bool exclusive);
        if (s != NfsStat4.Ok) return s;
        s = LockChecks.Range(args.Offset, args.Length, out _);
        if (s != NfsStat4.Ok) return s;
        if (args.Reclaim)
        {
            s = state.CheckReclaim(open.Owner.Client);
            if (s != NfsStat4.Ok) return s;
        }
        if (!args.Reclaim && (state.InGrace || OpenHandler.AwaitsReclaimComplete(ctx))) return NfsStat4.Grace;
        if (exclusive && (open.Access & OpenShare4.AccessWrite) == 0) return NfsStat4.Openmode;
        return NfsStat4.Ok;
    }
}

/// <summary>LOCKT.</summary>
public sealed class LockTestHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Lockt;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var args = LockTArgs.Decode(ctx.Args);
        var s = IoChecks.RequireRegularFile(ctx);
        if (s != NfsStat4.Ok) return s;
        s = LockChecks.Type(args.LockType, out bool exclusive);
        if (s != NfsStat4.Ok) return s;
        s = LockChecks.Range(args.Offset, args.Length, out ulong end);
        if (s != NfsStat4.Ok) return s;
        var state = ctx.Server.State;
        ulong clientId = args.Owner.ClientId;
        if (ctx.Session is { } session)
        {
            clientId = session.Client.ClientId;
        }
        else
        {
            s = state.GetClient(clientId, out _);
            if (s != NfsStat4.Ok) return s;
        }
        if (state.InGrace) return NfsStat4.Grace;
        var conflict = state.TestLock(ctx.Current.Handle, clientId, args.Owner.Owner.Span, exclusive, args.Offset, end);
        if (conflict is { } c)
        {
            LockChecks.WriteDenied(ctx, c);
            return NfsStat4.Denied;
        }
        if (ctx.CurrentExport.FileSystem is IByteRangeLocks backend)
        {
            // Locks held through other servers of the same storage (other gateways, local processes).
            var type = exclusive ? FsalLockType.Write : FsalLockType.Read;
            var tested = await backend.TestLockAsync(ctx.CurrentFsalContext, ctx.CurrentObject,
                LockOwner.IdentityOf(clientId, args.Owner.Owner.Span), type, args.Offset, args.Length).ConfigureAwait(false);
            if (!tested.IsOk) return tested.Status.ToNfs4();
            if (tested.Value.Exists)
            {
                var held = tested.Value;
                ctx.KeepErrorBody = true;
                new LockDenied(held.Offset, held.Length, held.Type == FsalLockType.Write ? NfsLockType4.Write : NfsLockType4.Read,
                    new StateOwner4(0, ReadOnlyMemory<byte>.Empty)).Encode(ctx.Reply);
                return NfsStat4.Denied;
            }
        }
        return NfsStat4.Ok;
    }
}

/// <summary>LOCKU.</summary>
public sealed class LockUHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Locku;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var args = LockUArgs.Decode(ctx.Args);
        var s = IoChecks.RequireRegularFile(ctx);
        if (s != NfsStat4.Ok) return s;
        var sid = ctx.ResolveStateId(args.LockStateId);
        if (sid.IsSpecial) return NfsStat4.BadStateid;
        var state = ctx.Server.State;
        s = state.FindState(sid, ctx.MinorVersion, ctx.Session?.Client, checkSeqId: false, allowClosed: false, out var found);
        if (s != NfsStat4.Ok) return s;
        if (found is not LockState ls || !ls.File.Handle.Equals(ctx.Current.Handle)) return NfsStat4.BadStateid;
        if (ctx.MinorVersion == 0)
        {
            switch (await ctx.BeginSeqIdAsync(ls.Owner, args.SeqId).ConfigureAwait(false))
            {
                case SeqIdCheck.Replay: return ctx.Replay(ls.Owner);
                case SeqIdCheck.Bad: return NfsStat4.BadSeqid;
            }
        }
        s = OpenStateLookup.CheckSeqId(ctx, sid, ls);
        if (s != NfsStat4.Ok) return s;
        s = LockChecks.Type(args.LockType, out _);
        if (s != NfsStat4.Ok) return s;
        s = LockChecks.Range(args.Offset, args.Length, out ulong end);
        if (s != NfsStat4.Ok) return s;
        var stateId = state.Unlock(ls, args.Offset, end);
        if (ctx.CurrentExport.FileSystem is IByteRangeLocks backend)
        {
            await backend.LockAsync(ctx.CurrentFsalContext, ctx.CurrentObject, ls.Open.BackendToken, ls.Owner.BackendIdentity,
                FsalLockType.Unlock, args.Offset, args.Length).ConfigureAwait(false);
        }
        // Requests waiting for this range (NLM blocked locks) may go ahead now.
        state.OnLocksFreed(ls.File);
        stateId.Encode(ctx.Reply);
        ctx.CurrentStateId = stateId;
        return NfsStat4.Ok;
    }
}

/// <summary>RELEASE_LOCKOWNER (4.0).</summary>
public sealed class ReleaseLockOwnerHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.ReleaseLockowner;

    /// <inheritdoc/>
    public override uint MaxMinorVersion => 0;

    /// <inheritdoc/>
    public override ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var owner = StateOwner4.Decode(ctx.Args);
        var s = ctx.Server.State.GetClient(owner.ClientId, out var client);
        if (s != NfsStat4.Ok) return new(s);
        return new(ctx.Server.State.ReleaseLockOwner(client, owner.Owner.Span));
    }
}
