using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Core.Nfs4;
using Nfs.Core.Nfs4.Delegations;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Nfs3;

/// <summary>
/// NFSv3 access against NFSv4 delegations on the same server: a conflicting NFSv3 request
/// starts the recall and is answered JUKEBOX until the holder returns it, so a v4 client
/// never keeps serving a cache a v3 client has made stale.
/// </summary>
internal static class Nfs3Delegations
{
    /// <summary>True while delegations conflict with this access (a write conflicts with any, a read with write delegations).</summary>
    public static bool Conflicts(Nfs3Request request, Export export, FsalObject obj, bool write)
    {
        var nfs4 = request.Server.Nfs4;
        if (!nfs4.State.HasDelegations || obj.Type != FsalFileType.Regular) return false;
        var handle = default(NfsFileHandle);
        FileHandleCodec.Encode(export, obj, ref handle);
        return DelegationRecalls.Break(nfs4, handle, requester: null, write) != NfsStat4.Ok;
    }
}
