using System.Text;
using Nfs.Core.Hosting;
using Nfs.Core.Recovery;

namespace Nfs.Core.Tests.Infrastructure;

/// <summary>Starts a test server as if restarted: clients of a "previous instance" on record, so it is in its grace period.</summary>
public static class PreviousInstance
{
    /// <summary>
    /// Gives the server an in-memory recovery store holding <paramref name="owners"/> (client owner
    /// strings) as NFSv4.<paramref name="minorVersion"/> clients of an earlier epoch, and a grace
    /// period of <paramref name="graceSeconds"/>.
    /// </summary>
    public static InMemoryClientRecoveryStore HadClients(NfsServerOptions options, uint minorVersion, int graceSeconds, params string[] owners)
    {
        var store = new InMemoryClientRecoveryStore(owners.Select(o => new ClientRecord(options.Recovery.NodeId, Encoding.UTF8.GetBytes(o), minorVersion, 1)));
        options.Recovery.Store = store;
        options.Nfs4.GraceSeconds = graceSeconds;
        return store;
    }
}
