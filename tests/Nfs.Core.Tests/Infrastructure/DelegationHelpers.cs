using Nfs.Protocol.Nfs4;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Infrastructure;

/// <summary>OPEN4_SHARE_ACCESS_WANT_* (RFC 8881 section 18.16.3).</summary>
public static class Want
{
    /// <summary>OPEN4_SHARE_ACCESS_WANT_READ_DELEG.</summary>
    public const uint ReadDeleg = 0x0100;
    /// <summary>OPEN4_SHARE_ACCESS_WANT_WRITE_DELEG.</summary>
    public const uint WriteDeleg = 0x0200;
    /// <summary>OPEN4_SHARE_ACCESS_WANT_ANY_DELEG.</summary>
    public const uint AnyDeleg = 0x0300;
    /// <summary>OPEN4_SHARE_ACCESS_WANT_NO_DELEG.</summary>
    public const uint NoDeleg = 0x0400;
}

/// <summary>Opening with delegations, and waiting for conflicts to clear.</summary>
public static class DelegationHelpers
{
    /// <summary>How long a test waits for a callback or a retried request.</summary>
    public static readonly TimeSpan CallbackTimeout = TimeSpan.FromSeconds(5);

    /// <summary>OPEN (no create by default) of a path; asserts success; returns the open and its delegation.</summary>
    public static async Task<(OpenedFile File, OpenDelegation Delegation)> OpenWithDelegationAsync(this NfsSession session, string path, uint access,
        bool create = false, OwnerState? owner = null)
    {
        owner ??= session.NewOwner();
        var r = await session.OpenRawAsync(path, owner, create, access);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), $"OPEN {path}: {r.Describe()}");
        var open = Protocol.Nfs4.Operations.OpenResult.Decode(r.Last(NfsOp4.Open).Reader);
        var file = new OpenedFile(r.FileHandle, open.StateId, owner);
        if ((open.Flags & OpenResultFlags4.Confirm) != 0) await session.ConfirmAsync(file);
        return (file, OpenDelegation.Of(r));
    }

    /// <summary>Sends <paramref name="send"/> until its status is not DELAY, at most <paramref name="timeout"/>; returns the last reply.</summary>
    public static async Task<CompoundReply> RetryWhileDelayAsync(Func<Task<CompoundReply>> send, TimeSpan timeout, int intervalMilliseconds = 50)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var r = await send();
            if (r.Status != NfsStat4.Delay || DateTime.UtcNow > deadline) return r;
            await Task.Delay(intervalMilliseconds);
        }
    }
}
