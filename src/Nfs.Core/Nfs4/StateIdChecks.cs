using Nfs.Core.State;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Nfs4;

/// <summary>Validation of the stateid of READ, WRITE and SETATTR (RFC 7530 sections 9.1.4 and 9.1.4.3).</summary>
internal static class StateIdChecks
{
    /// <summary>
    /// Checks a stateid used for I/O of <paramref name="access"/> (OPEN4_SHARE_ACCESS_READ or
    /// _WRITE; 0 for validation only) on the current file. Special stateids are allowed unless
    /// another open denies the access (LOCKED); a WRITE through a read-only open is OPENMODE.
    /// Returns the open the I/O happens under, if any.
    /// </summary>
    public static NfsStat4 CheckIo(CompoundContext ctx, in StateId4 given, uint access, out OpenState? open)
    {
        open = null;
        var stateId = ctx.ResolveStateId(given);
        var state = ctx.Server.State;
        if (stateId.IsSpecial)
        {
            bool anonymous = stateId.IsOtherZero && stateId.SeqId == 0;
            bool bypass = stateId.IsOtherAllOnes && stateId.SeqId == uint.MaxValue;
            if (ctx.MinorVersion > 0 && stateId.IsOtherZero && stateId.SeqId == 1)
            {
                return NfsStat4.BadStateid; // the 4.1 current stateid: no state was set by an earlier op here
            }
            // RFC 7530 reserves the all-ones stateid for READ, but knfsd and Ganesha accept it for
            // WRITE and SETATTR too, and clients rely on that.
            if (!anonymous && !bypass) return NfsStat4.BadStateid;
            // Only a READ with the all-ones stateid bypasses share reservations; any other I/O
            // without state is refused where another open denies it (RFC 7530 section 9.1.4.3).
            bool bypassesShares = bypass && access == OpenShare4.AccessRead;
            if (access != 0 && !bypassesShares && state.IsDeniedForAnonymous(ctx.Current.Handle, access)) return NfsStat4.Locked;
            // I/O without state conflicts with other clients' delegations like an open would.
            if (access != 0) return Delegations.DelegationRecalls.Break(ctx, ctx.Current.Handle, Delegations.DelegationRecalls.Requester(ctx), access == OpenShare4.AccessWrite);
            return NfsStat4.Ok;
        }
        var s = state.FindState(stateId, ctx.MinorVersion, ctx.Session?.Client, checkSeqId: true, allowClosed: false, out var found);
        if (s != NfsStat4.Ok) return s;
        if (!found.File.Handle.Equals(ctx.Current.Handle)) return NfsStat4.BadStateid;
        if (found is DelegationState d)
        {
            // I/O under a delegation: a read delegation does not allow writing.
            return access == OpenShare4.AccessWrite && d.Type != OpenDelegationType4.Write ? NfsStat4.Openmode : NfsStat4.Ok;
        }
        open = found switch
        {
            OpenState o => o,
            LockState l => l.Open,
            _ => null,
        };
        if (open is null) return NfsStat4.BadStateid;
        if (access == OpenShare4.AccessWrite && (open.Access & OpenShare4.AccessWrite) == 0) return NfsStat4.Openmode;
        return NfsStat4.Ok;
    }
}
