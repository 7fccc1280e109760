namespace Nfs.Core.Hosting;

/// <summary>
/// Registration of the served programs with a local rpcbind (portmapper version 2 over TCP),
/// for clients that ask rpcbind where NFS and MOUNT are. Off by default: the server needs
/// no rpcbind, and clients told the ports (mount -o port=,mountport=) never ask it.
/// </summary>
public sealed class RpcbindOptions
{
    /// <summary>Register at start (PMAPPROC_SET) and unregister at stop (PMAPPROC_UNSET). An unreachable rpcbind is a warning, not an error.</summary>
    public bool Register { get; set; }

    /// <summary>Where rpcbind listens.</summary>
    public string EndPoint { get; set; } = "127.0.0.1:111";

    /// <summary>Parses <see cref="EndPoint"/>.</summary>
    public System.Net.IPEndPoint ParseEndPoint() => System.Net.IPEndPoint.Parse(EndPoint);
}
