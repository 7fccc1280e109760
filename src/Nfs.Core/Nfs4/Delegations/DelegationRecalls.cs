using Microsoft.Extensions.Logging;
using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Core.State;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Nfs4.Delegations;

/// <summary>
/// Breaking delegations: an operation that conflicts with delegations other clients hold
/// starts their recall (CB_RECALL) and gets NFS4ERR_DELAY until they are returned, or
/// revoked when the recall cannot be delivered or the lease runs out.
/// </summary>
internal static class DelegationRecalls
{
    /// <summary>The client a request comes from, when the protocol says: the 4.1 session's client.</summary>
    public static NfsClient? Requester(CompoundContext ctx) => ctx.Session?.Client;

    /// <summary>DELAY while delegations of other clients conflict with the access; starts their recall.</summary>
    public static NfsStat4 Break(CompoundContext ctx, in NfsFileHandle handle, NfsClient? requester, bool write) =>
        Break(ctx.Server, handle, requester, write);

    /// <summary>
    /// <see cref="Break(CompoundContext, in NfsFileHandle, NfsClient?, bool)"/> outside a COMPOUND:
    /// an NFSv3 access (no requester, so every holder conflicts) gets DELAY, which NFSv3 answers
    /// as JUKEBOX, as knfsd does.
    /// </summary>
    public static NfsStat4 Break(Nfs4Server server, in NfsFileHandle handle, NfsClient? requester, bool write)
    {
        var state = server.State;
        var conflicts = state.ConflictingDelegations(handle, requester, write);
        if (conflicts is null) return NfsStat4.Ok;
        foreach (var d in conflicts)
        {
            if (state.BeginRecall(d)) _ = RecallAsync(server, d);
        }
        return NfsStat4.Delay;
    }

    /// <summary>
    /// <see cref="Break(CompoundContext, in NfsFileHandle, NfsClient?, bool)"/> for the object a name in the current directory refers to (REMOVE,
    /// RENAME); nothing to do when no delegation exists or the name does not.
    /// </summary>
    public static async ValueTask<NfsStat4> BreakForNameAsync(CompoundContext ctx, Export export, FsalObject directory, string name)
    {
        if (!ctx.Server.State.HasDelegations) return NfsStat4.Ok;
        var r = await export.FileSystem.LookupAsync(ctx.FsalContextFor(export), directory, name, FsalAttrMask.None).ConfigureAwait(false);
        if (!r.IsOk || r.Value.Object.Type != FsalFileType.Regular) return NfsStat4.Ok;
        var handle = default(NfsFileHandle);
        FileHandleCodec.Encode(export, r.Value.Object, ref handle);
        return Break(ctx, handle, Requester(ctx), write: true);
    }

    /// <summary>
    /// For a request of another protocol (NLM): starts the recall of the delegations that
    /// conflict with the access and returns true while any does. A delegation holder may keep
    /// byte-range locks and opens to itself, so the request must wait for the return.
    /// </summary>
    public static bool Recall(Nfs4Server server, in NfsFileHandle handle, bool write)
    {
        if (!server.State.HasDelegations) return false;
        var conflicts = server.State.ConflictingDelegations(handle, requester: null, write);
        if (conflicts is null) return false;
        foreach (var d in conflicts)
        {
            if (server.State.BeginRecall(d)) _ = RecallAsync(server, d);
        }
        return true;
    }

    /// <summary>
    /// A change made to the backend's storage by someone else (another gateway): every
    /// delegation on the object is recalled, since what its holder caches is out of date.
    /// </summary>
    public static void RecallForOutsideChange(Nfs4Server server, Export export, ReadOnlySpan<byte> key)
    {
        if (!server.State.HasDelegations || key.Length > Nfs4Constants.MaxFileHandleSize - FileHandleCodec.HeaderSize) return;
        var handle = default(NfsFileHandle);
        FileHandleCodec.Encode(export, key, ref handle);
        var holders = server.State.ConflictingDelegations(handle, requester: null, write: true);
        if (holders is null) return;
        foreach (var d in holders)
        {
            server.Logger.LogDebug("Recalling delegation {StateId} of {Client}: the file changed through another server", d.Id, d.Client);
            if (server.State.BeginRecall(d)) _ = RecallAsync(server, d);
        }
    }

    private static async Task RecallAsync(Nfs4Server server, DelegationState d)
    {
        NfsStat4 status;
        try
        {
            status = await server.Callbacks.RecallAsync(d.Client, d.Id, d.File.Handle, truncate: false).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            server.Logger.LogWarning(ex, "CB_RECALL to {Client} failed", d.Client);
            status = NfsStat4.CbPathDown;
        }
        if (status == NfsStat4.Ok) return;
        // Not delivered: waiting a lease for a return that cannot come would stall every
        // conflicting client, so the delegation goes now.
        server.Logger.LogInformation("Revoking delegation {StateId} of {Client}: recall answered {Status}", d.Id, d.Client, status);
        server.State.RevokeDelegation(d);
    }
}
