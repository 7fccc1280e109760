using Nfs.Core.Nfs4.Callbacks;
using Nfs.Core.State;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;

namespace Nfs.Core.Nfs4.Delegations;

/// <summary>Whether an OPEN gets a delegation, and which (RFC 7530 section 10.4, RFC 8881 section 10.4 and 18.16.3 for the 4.1 wants).</summary>
internal static class DelegationOffer
{
    /// <summary>OPEN4_SHARE_ACCESS_WANT_* values (4.1).</summary>
    private const uint WantNoPreference = 0x0000, WantRead = 0x0100, WantWrite = 0x0200, WantAny = 0x0300, WantNone = 0x0400, WantCancel = 0x0500;

    /// <summary>The delegation part of an OPEN result.</summary>
    public readonly record struct Outcome(OpenDelegationType4 Type, StateId4 StateId, WhyNoDelegation4 Why);

    /// <summary>Decides and, when granting, creates the delegation.</summary>
    public static Outcome Decide(CompoundContext ctx, OpenState open, uint shareAccess, OpenClaimType4 claim)
    {
        uint want = ctx.MinorVersion > 0 ? shareAccess & OpenShare4.WantMask : WantNoPreference;
        var none = want == WantNoPreference ? OpenDelegationType4.None : OpenDelegationType4.NoneExt;
        switch (want)
        {
            case WantNone: return new(OpenDelegationType4.NoneExt, default, WhyNoDelegation4.NotWanted);
            case WantCancel: return new(OpenDelegationType4.NoneExt, default, WhyNoDelegation4.Cancelled);
        }
        bool writable = (open.Access & OpenShare4.AccessWrite) != 0;
        OpenDelegationType4 type;
        switch (want)
        {
            case WantRead: type = OpenDelegationType4.Read; break;
            case WantWrite: type = OpenDelegationType4.Write; break;
            case WantAny: type = writable ? OpenDelegationType4.Write : OpenDelegationType4.Read; break;
            default:
                // Without a wish, read delegations for read-only opens: they are the common,
                // cheap win (cached reads and attributes) and never hold back a writer for long.
                if (writable) return new(none, default, WhyNoDelegation4.NotWanted);
                type = OpenDelegationType4.Read;
                break;
        }
        if (type == OpenDelegationType4.Write && !writable) return new(none, default, WhyNoDelegation4.NotSupportedUpgrade);
        // Storage shared with other servers reports their changes but not their reads: a write
        // delegation's holder could not be told that someone else reads what it has not written back.
        if (type == OpenDelegationType4.Write && ctx.CurrentExport.FileSystem is Fsal.IChangeNotifications) return new(none, default, WhyNoDelegation4.Resource);
        if (!ctx.Server.Options.Delegations || claim is not (OpenClaimType4.Null or OpenClaimType4.Fh) || open.Deny != OpenShare4.DenyNone)
        {
            return new(none, default, WhyNoDelegation4.Resource);
        }
        var client = open.Client;
        bool callbackUp = client.MinorVersion == 0 ? client.CallbackProven : CallbackService.HasCallbackPath(client);
        if (!callbackUp) return new(none, default, WhyNoDelegation4.Resource);
        var deleg = ctx.Server.State.TryGrantDelegation(open, type, out var why);
        return deleg is null ? new(none, default, why) : new(type, deleg.Id, default);
    }
}
