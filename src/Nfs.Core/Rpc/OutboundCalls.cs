using System.Collections.Concurrent;
using Nfs.Protocol.Rpc;
using Nfs.Protocol.Xdr;

namespace Nfs.Core.Rpc;

/// <summary>A reply to a call the server made (a callback): its header and a reader at the results.</summary>
public sealed record OutboundReply(RpcReplyHeader Header, XdrReader Results);

/// <summary>Something the server can make RPC calls over: a client's connection (the NFSv4.1 back channel) or a connection the server opened (NFSv4.0 callbacks).</summary>
public interface IOutboundRpc
{
    /// <summary>Makes a call and waits for its reply, at most <paramref name="timeout"/>.</summary>
    Task<OutboundReply> CallAsync(uint program, uint version, uint procedure, OpaqueAuth credential, Action<XdrWriter> writeArguments, TimeSpan timeout);
}

/// <summary>
/// Outstanding calls of one connection, matched to replies by xid. Shared by the inbound
/// connection (which also carries the back channel) and the outbound connection.
/// </summary>
internal sealed class OutboundCalls
{
    private readonly ConcurrentDictionary<uint, TaskCompletionSource<OutboundReply>> _pending = new();
    private int _nextXid = Random.Shared.Next();

    /// <summary>Encodes a call record (with its record mark) and registers it.</summary>
    public (byte[] Record, uint Xid, Task<OutboundReply> Reply) Prepare(uint program, uint version, uint procedure, OpaqueAuth credential, Action<XdrWriter> writeArguments)
    {
        uint xid = (uint)Interlocked.Increment(ref _nextXid);
        using var w = new XdrWriter(512);
        w.Reserve(RecordMarking.HeaderSize);
        new RpcCallHeader(xid, RpcCallHeader.SupportedRpcVersion, program, version, procedure, credential, OpaqueAuth.None).Encode(w);
        writeArguments(w);
        var record = w.WrittenSpan.ToArray();
        RecordMarking.WriteHeader(record, record.Length - RecordMarking.HeaderSize, isLast: true);
        var tcs = new TaskCompletionSource<OutboundReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[xid] = tcs;
        return (record, xid, tcs.Task);
    }

    /// <summary>Waits for a registered call's reply, forgetting it on timeout.</summary>
    public async Task<OutboundReply> WaitAsync(uint xid, Task<OutboundReply> reply, TimeSpan timeout)
    {
        if (await Task.WhenAny(reply, Task.Delay(timeout)).ConfigureAwait(false) == reply) return await reply.ConfigureAwait(false);
        _pending.TryRemove(xid, out _);
        throw new TimeoutException($"no reply to callback xid {xid} within {timeout}");
    }

    /// <summary>True when the message is a reply (message type 1) rather than a call.</summary>
    public static bool IsReply(ReadOnlySpan<byte> record) => record.Length >= 8 && System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(record[4..]) == (uint)RpcMessageType.Reply;

    /// <summary>Completes the call a reply answers; false if none is waiting.</summary>
    public bool Complete(ReadOnlySpan<byte> record)
    {
        var reader = new XdrReader(record.ToArray());
        RpcReplyHeader header;
        try
        {
            header = RpcReplyHeader.Decode(reader);
        }
        catch (XdrException)
        {
            return false;
        }
        if (!_pending.TryRemove(header.Xid, out var tcs)) return false;
        tcs.TrySetResult(new OutboundReply(header, reader));
        return true;
    }

    /// <summary>Fails every waiting call (the connection closed).</summary>
    public void FailAll()
    {
        foreach (var (xid, tcs) in _pending)
        {
            if (_pending.TryRemove(xid, out _)) tcs.TrySetException(new IOException("connection closed"));
        }
    }
}
