using System.Net;

namespace Nfs.Core.Nlm;

/// <summary>
/// Finds where an RPC service of a client host listens: NLM calls back the client's lock
/// manager (GRANTED, the *_RES answers) and NSM its status monitor (SM_NOTIFY). Normally the
/// client's port mapper (<see cref="PortmapperLocator"/>); tests substitute their own.
/// </summary>
public interface IRpcServiceLocator
{
    /// <summary>The TCP end point of <paramref name="program"/> version <paramref name="version"/> on <paramref name="host"/>, or null when it is not registered.</summary>
    ValueTask<IPEndPoint?> LocateAsync(IPAddress host, uint program, uint version, CancellationToken cancellation);
}
