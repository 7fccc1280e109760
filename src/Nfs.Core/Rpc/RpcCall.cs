using System.Net;
using Nfs.Core.Fsal;
using Nfs.Protocol.Rpc;
using Nfs.Protocol.Xdr;

namespace Nfs.Core.Rpc;

/// <summary>
/// One RPC call in progress: its header, the caller, the argument reader positioned at the
/// procedure's arguments, and the reply writer. Pooled and reused, so it must not be kept
/// after the program's <see cref="IRpcProgram.ExecuteAsync"/> returns.
/// </summary>
public sealed class RpcCall
{
    internal RpcCall() { }

    /// <summary>The call header.</summary>
    public RpcCallHeader Header { get; internal set; }

    /// <summary>The caller as authenticated (before any export squashing).</summary>
    public Credential Caller { get; internal set; } = Credential.Anonymous;

    /// <summary>The authentication flavor of the call.</summary>
    public AuthFlavor Flavor => Header.Credential.Flavor;

    /// <summary>The AUTH_SYS machine name, when the flavor is AUTH_SYS.</summary>
    public string? MachineName { get; internal set; }

    /// <summary>The procedure's arguments.</summary>
    public XdrReader Arguments { get; } = new();

    /// <summary>The reply; the program writes its results after the header the dispatcher wrote.</summary>
    public XdrWriter Reply { get; } = new(8192);

    /// <summary>
    /// File data the reply carries without copying (at most one segment, set by READ when the
    /// backend supports it). The transport sends it and closes its descriptor.
    /// </summary>
    public ZeroCopySegment? ZeroCopy { get; set; }

    /// <summary>Reply bytes including a zero-copy segment.</summary>
    public int ReplyLength => Reply.Length + (ZeroCopy?.Count ?? 0);

    /// <summary>The connection the call arrived on.</summary>
    public IRpcConnection Connection { get; internal set; } = null!;

    /// <summary>Fires when the call is abandoned (connection closed or server stopping).</summary>
    public CancellationToken Cancellation { get; internal set; }

    /// <summary>The client's address.</summary>
    public IPAddress ClientAddress => Connection.RemoteEndPoint.Address;
}

/// <summary>What a program sees of the connection a call arrived on; the server can also call back over it.</summary>
public interface IRpcConnection : IOutboundRpc
{
    /// <summary>The client's end point.</summary>
    IPEndPoint RemoteEndPoint { get; }

    /// <summary>The server's end point.</summary>
    IPEndPoint LocalEndPoint { get; }

    /// <summary>A number unique to this connection within the process.</summary>
    long Id { get; }

    /// <summary>True until the connection closes.</summary>
    bool IsOpen { get; }

    /// <summary>Raised once when the connection closes.</summary>
    event Action<IRpcConnection>? Closed;
}
