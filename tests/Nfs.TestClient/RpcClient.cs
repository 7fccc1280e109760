using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Nfs.Protocol.Rpc;
using Nfs.Protocol.Xdr;

namespace Nfs.TestClient;

/// <summary>A reply: its header and a reader positioned at the results (for SUCCESS).</summary>
public sealed class RpcReplyMessage
{
    internal RpcReplyMessage(RpcReplyHeader header, XdrReader reader)
    {
        Header = header;
        Reader = reader;
        Body = reader.Buffer[reader.Position..];
    }

    /// <summary>The reply header.</summary>
    public RpcReplyHeader Header { get; }

    /// <summary>Reads the procedure's results.</summary>
    public XdrReader Reader { get; }

    /// <summary>The procedure's results as received (everything after the reply header), for byte-wise comparisons.</summary>
    public ReadOnlyMemory<byte> Body { get; }
}

/// <summary>A call the peer sent over a connection (the NFSv4.1 back channel, or a callback service's connection).</summary>
public sealed class RpcIncomingCall
{
    internal RpcIncomingCall(RpcCallHeader header, XdrReader arguments)
    {
        Header = header;
        Arguments = arguments;
    }

    /// <summary>The call header.</summary>
    public RpcCallHeader Header { get; }

    /// <summary>Reads the procedure's arguments.</summary>
    public XdrReader Arguments { get; }

    /// <summary>Set by a handler to send no reply at all (a peer that never answers).</summary>
    public bool NoReply { get; set; }
}

/// <summary>
/// Answers a call received over an <see cref="RpcClient"/>'s connection: writes the procedure's
/// results to <paramref name="results"/> and returns the accept status (results are sent only
/// with SUCCESS). An exception is answered with SYSTEM_ERR.
/// </summary>
public delegate ValueTask<RpcAcceptStatus> RpcCallHandler(RpcIncomingCall call, XdrWriter results);

/// <summary>
/// An ONC RPC client over TCP that keeps any number of calls in flight on one connection and
/// matches replies by xid.
/// </summary>
public sealed class RpcClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly PipeReader _reader;
    private readonly ConcurrentDictionary<uint, TaskCompletionSource<RpcReplyMessage>> _pending = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Task _receiveLoop;
    private readonly CancellationTokenSource _closed = new();
    private int _nextXid = Random.Shared.Next();
    private int _disposed;
    private volatile RpcCallHandler? _callHandler;
    private readonly TaskCreationOptions _replyOptions;

    private RpcClient(Socket socket, bool completeRepliesInline = false)
    {
        _socket = socket;
        _replyOptions = completeRepliesInline ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously;
        _reader = PipeReader.Create(new NetworkStream(socket, ownsSocket: false));
        _receiveLoop = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>The credential sent with calls (AUTH_SYS root by default).</summary>
    public OpaqueAuth Credential { get; set; } = new AuthSysParameters { MachineName = "testclient", Uid = 0, Gid = 0 }.ToOpaqueAuth();

    /// <summary>Connects.</summary>
    public static Task<RpcClient> ConnectAsync(IPEndPoint endPoint, CancellationToken token = default) => ConnectAsync(endPoint, completeRepliesInline: false, token);

    /// <summary>
    /// Connects. With <paramref name="completeRepliesInline"/>, whoever awaits a call resumes on
    /// the receive loop as its reply is read, not on a pool thread: no thread hop per call (the
    /// load generator's setting), but a caller that blocks there stalls every reply.
    /// </summary>
    public static async Task<RpcClient> ConnectAsync(IPEndPoint endPoint, bool completeRepliesInline, CancellationToken token = default)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endPoint, token).ConfigureAwait(false);
        return new RpcClient(socket, completeRepliesInline);
    }

    /// <summary>Wraps a connected socket (one a listener accepted); the client owns it from now on.</summary>
    public static RpcClient FromSocket(Socket socket) => new(socket);

    /// <summary>
    /// Registers the handler for calls the peer sends over this connection (RPC messages of type
    /// CALL, such as NFSv4.1 callbacks on the back channel); null to stop answering. Without a
    /// handler such calls are answered with PROG_UNAVAIL. Replies go out on this connection,
    /// serialized with the client's own calls.
    /// </summary>
    public void HandleCalls(RpcCallHandler? handler) => _callHandler = handler;

    /// <summary>True while the server has not closed the connection.</summary>
    public bool IsConnected => !_receiveLoop.IsCompleted;

    /// <summary>Makes a call and waits for its reply.</summary>
    public Task<RpcReplyMessage> CallAsync(uint program, uint version, uint procedure, Action<XdrWriter>? writeArguments = null, OpaqueAuth? credential = null, uint rpcVersion = 2)
    {
        uint xid = NextXid();
        using var w = new XdrWriter(1024);
        w.Reserve(4);
        new RpcCallHeader(xid, rpcVersion, program, version, procedure, credential ?? Credential, OpaqueAuth.None).Encode(w);
        writeArguments?.Invoke(w);
        var tcs = new TaskCompletionSource<RpcReplyMessage>(_replyOptions);
        if (!Register(xid, tcs)) return tcs.Task;
        var bytes = w.WrittenSpan.ToArray();
        RecordMarking.WriteHeader(bytes, bytes.Length - 4, isLast: true);
        _ = SendAsync(bytes, tcs, xid);
        return tcs.Task;
    }

    private async Task SendAsync(byte[] bytes, TaskCompletionSource<RpcReplyMessage> tcs, uint xid)
    {
        try
        {
            await SendRawAsync(bytes).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _pending.TryRemove(xid, out _);
            tcs.TrySetException(ex);
        }
    }

    /// <summary>Allocates an xid that no other call of this client uses.</summary>
    public uint NextXid() => (uint)Interlocked.Increment(ref _nextXid);

    /// <summary>
    /// Sends hand-made bytes (one or more record-marked fragments) that carry a call with
    /// <paramref name="xid"/>, and waits for the reply to that xid.
    /// </summary>
    public Task<RpcReplyMessage> SendRawCallAsync(uint xid, ReadOnlyMemory<byte> bytes)
    {
        var tcs = new TaskCompletionSource<RpcReplyMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!Register(xid, tcs)) return tcs.Task;
        _ = SendAsync(bytes.ToArray(), tcs, xid);
        return tcs.Task;
    }

    /// <summary>
    /// Sends several hand-made record-marked calls with one write, so that the server reads them
    /// together, and returns a task per call for the reply to its xid.
    /// </summary>
    public Task<RpcReplyMessage>[] SendRawCallsTogetherAsync(IReadOnlyList<(uint Xid, byte[] Record)> calls)
    {
        var tasks = new Task<RpcReplyMessage>[calls.Count];
        var all = new byte[calls.Sum(c => c.Record.Length)];
        int at = 0;
        for (int i = 0; i < calls.Count; i++)
        {
            var tcs = new TaskCompletionSource<RpcReplyMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
            tasks[i] = tcs.Task;
            if (!Register(calls[i].Xid, tcs)) return tasks;
            calls[i].Record.CopyTo(all, at);
            at += calls[i].Record.Length;
        }
        _ = SendRawAsync(all);
        return tasks;
    }

    /// <summary>
    /// Adds a call waiting for its reply; false (and the call failed) when the connection is gone
    /// already: a call added after the receive loop failed the pending ones would wait forever.
    /// </summary>
    private bool Register(uint xid, TaskCompletionSource<RpcReplyMessage> tcs)
    {
        _pending[xid] = tcs;
        if (!Volatile.Read(ref _connectionEnded)) return true;
        if (_pending.TryRemove(xid, out _)) tcs.TrySetException(new IOException("connection closed"));
        return false;
    }

    private bool _connectionEnded;

    /// <summary>Sends bytes as they are (for malformed-input tests).</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes)
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            while (!bytes.IsEmpty)
            {
                int n = await _socket.SendAsync(bytes, SocketFlags.None).ConfigureAwait(false);
                bytes = bytes[n..];
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Waits for the server to close the connection; true if it did within the timeout.</summary>
    public async Task<bool> WaitForCloseAsync(TimeSpan timeout)
    {
        var done = await Task.WhenAny(_receiveLoop, Task.Delay(timeout)).ConfigureAwait(false);
        return done == _receiveLoop;
    }

    private async Task ReceiveLoopAsync()
    {
        using var assembler = new RecordAssembler(64 * 1024 * 1024);
        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync(_closed.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (assembler.TryRead(ref buffer, out var record, out int length) == RecordReadResult.Record)
                {
                    var copy = record.AsSpan(0, length).ToArray();
                    ArrayPool<byte>.Shared.Return(record);
                    if (copy.Length >= 8 && BinaryPrimitives.ReadUInt32BigEndian(copy.AsSpan(4)) == (uint)RpcMessageType.Call)
                    {
                        _ = Task.Run(() => AnswerCallAsync(copy));
                        continue;
                    }
                    var reader = new XdrReader(copy);
                    var header = RpcReplyHeader.Decode(reader);
                    if (_pending.TryRemove(header.Xid, out var tcs)) tcs.TrySetResult(new RpcReplyMessage(header, reader));
                }
                _reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted) break;
            }
        }
        catch (Exception)
        {
            // The connection ended; pending calls fail below.
        }
        finally
        {
            Volatile.Write(ref _connectionEnded, true);
            foreach (var (_, tcs) in _pending) tcs.TrySetException(new IOException("connection closed"));
            _pending.Clear();
        }
    }

    private async Task AnswerCallAsync(byte[] message)
    {
        var reader = new XdrReader(message);
        RpcCallHeader header;
        try
        {
            header = RpcCallHeader.Decode(reader);
        }
        catch (XdrException)
        {
            return; // not a call we can answer
        }
        using var results = new XdrWriter(4096);
        var status = RpcAcceptStatus.ProgramUnavailable;
        var handler = _callHandler;
        var call = new RpcIncomingCall(header, reader);
        if (handler is not null)
        {
            try
            {
                status = await handler(call, results).ConfigureAwait(false);
            }
            catch (Exception)
            {
                status = RpcAcceptStatus.SystemError;
            }
        }
        if (call.NoReply) return;
        using var w = new XdrWriter(results.Length + 64);
        w.Reserve(4);
        RpcReply.WriteAccepted(w, header.Xid, status);
        if (status == RpcAcceptStatus.Success) w.WriteFixedOpaque(results.WrittenSpan);
        var bytes = w.WrittenSpan.ToArray();
        RecordMarking.WriteHeader(bytes, bytes.Length - 4, isLast: true);
        try
        {
            await SendRawAsync(bytes).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
            // The connection went away; nobody is waiting for this reply any more.
        }
    }

    /// <summary>Closes the connection (once; later calls do nothing).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _closed.Cancel();
        try { _socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { }
        _socket.Dispose();
        try { await _receiveLoop.ConfigureAwait(false); } catch (OperationCanceledException) { }
        _closed.Dispose();
    }
}
