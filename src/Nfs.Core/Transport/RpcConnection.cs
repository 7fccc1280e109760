using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Nfs.Core.Rpc;
using Nfs.Core.Threading;
using Nfs.Protocol.Rpc;

namespace Nfs.Core.Transport;

/// <summary>
/// One client TCP connection. Reads record-marked calls through a <see cref="PipeReader"/>,
/// runs up to <see cref="TransportOptions.MaxRequestsPerConnection"/> of them concurrently
/// (the Linux client sends all I/O of a mount over one connection), and sends each reply as
/// soon as it is ready, in whatever order they finish; sends are serialized.
/// </summary>
internal sealed class RpcConnection : IRpcConnection, IAsyncDisposable
{
    private static long _nextId;
    private readonly AdaptiveSpinWait _polling;
    private readonly PollingGate _pollingGate;

    private readonly Socket _socket;
    private readonly RpcDispatcher _dispatcher;
    private readonly TransportOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _inFlight;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly AuthenticationCache _credentials = new();
    private readonly CancellationTokenSource _closed;
    private readonly RpcCallPool _pool;
    private readonly OutboundCalls _outbound = new();
    private int _open = 1;

    public RpcConnection(Socket socket, RpcDispatcher dispatcher, TransportOptions options, RpcCallPool pool, PollingGate pollingGate, ILogger logger, CancellationToken serverStopping)
    {
        _socket = socket;
        _dispatcher = dispatcher;
        _options = options;
        _pool = pool;
        _logger = logger;
        _inFlight = new SemaphoreSlim(options.MaxRequestsPerConnection, options.MaxRequestsPerConnection);
        _polling = new AdaptiveSpinWait(options.PollMicroseconds);
        _pollingGate = pollingGate;
        _closed = CancellationTokenSource.CreateLinkedTokenSource(serverStopping);
        RemoteEndPoint = (IPEndPoint)socket.RemoteEndPoint!;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        Id = Interlocked.Increment(ref _nextId);
    }

    public IPEndPoint RemoteEndPoint { get; }

    public IPEndPoint LocalEndPoint { get; }

    public long Id { get; }

    public bool IsOpen => Volatile.Read(ref _open) == 1;

    public event Action<IRpcConnection>? Closed;

    /// <summary>A call from the server to the client over this connection (the NFSv4.1 back channel).</summary>
    public async Task<OutboundReply> CallAsync(uint program, uint version, uint procedure, OpaqueAuth credential, Action<Nfs.Protocol.Xdr.XdrWriter> writeArguments, TimeSpan timeout)
    {
        if (!IsOpen) throw new IOException("connection closed");
        var (record, xid, reply) = _outbound.Prepare(program, version, procedure, credential, writeArguments);
        await SendRecordAsync(record).ConfigureAwait(false);
        return await _outbound.WaitAsync(xid, reply, timeout).ConfigureAwait(false);
    }

    /// <summary>Reads and dispatches calls until the client disconnects or misbehaves.</summary>
    public async Task RunAsync()
    {
        var token = _closed.Token;
        await using var stream = new NetworkStream(_socket, ownsSocket: false);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true));
        using var assembler = new RecordAssembler(_options.MaxRecordSize);
        int records = 0;
        try
        {
            while (!token.IsCancellationRequested)
            {
                // One request came, was answered and nothing is left: the client may send the next
                // right away, so poll briefly instead of sleeping (TransportOptions.PollMicroseconds).
                long waitStarted = Stopwatch.GetTimestamp();
                if (records == 1 && _inFlight.CurrentCount == _options.MaxRequestsPerConnection) PollSocket(waitStarted);
                records = 0;
                ReadResult result;
                var read = reader.ReadAsync(token);
                if (read.IsCompleted) result = read.Result;
                else
                {
                    result = await read.ConfigureAwait(false);
                    _polling.Woke(waitStarted);
                }
                var buffer = result.Buffer;
                while (true)
                {
                    var status = assembler.TryRead(ref buffer, out var record, out int length);
                    if (status == RecordReadResult.NeedMoreData) break;
                    if (status == RecordReadResult.TooLarge)
                    {
                        _logger.LogWarning("Closing connection from {Client}: RPC record exceeds {Max} bytes", RemoteEndPoint, _options.MaxRecordSize);
                        return;
                    }
                    if (OutboundCalls.IsReply(record.AsSpan(0, length)))
                    {
                        // A reply to a callback the server sent over the back channel.
                        _outbound.Complete(record.AsSpan(0, length));
                        ArrayPool<byte>.Shared.Return(record);
                        continue;
                    }
                    try
                    {
                        await _inFlight.WaitAsync(token).ConfigureAwait(false);
                    }
                    catch
                    {
                        ArrayPool<byte>.Shared.Return(record);
                        throw;
                    }
                    records++;
                    _ = ProcessAsync(record, length);
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted) return;
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
        catch (SocketException) { }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            Volatile.Write(ref _open, 0);
            _closed.Cancel();
            _outbound.FailAll();
            try { Closed?.Invoke(this); } catch (Exception ex) { _logger.LogWarning(ex, "Connection close handler failed"); }
            // Wait for the calls still running: they use the socket and this object's token.
            for (int i = 0; i < _options.MaxRequestsPerConnection; i++) await _inFlight.WaitAsync().ConfigureAwait(false);
        }
    }

    private void PollSocket(long started)
    {
        if (_polling.WindowTicks == 0 || !_pollingGate.TryEnter()) return;
        try
        {
            _polling.Spin(started, static socket => socket.Available > 0, _socket);
        }
        finally
        {
            _pollingGate.Exit();
        }
    }

    private async Task ProcessAsync(byte[] record, int length)
    {
        var call = _pool.Rent();
        try
        {
            call.Connection = this;
            call.Cancellation = _closed.Token;
            var reply = call.Reply;
            reply.Reset();
            reply.Reserve(RecordMarking.HeaderSize);
            bool send = await _dispatcher.DispatchAsync(call, record.AsMemory(0, length), RecordMarking.HeaderSize, _credentials).ConfigureAwait(false);
            // The arguments may point into the record (WRITE data): only now is it free.
            ArrayPool<byte>.Shared.Return(record);
            record = null!;
            if (send)
            {
                if (call.ZeroCopy is { } segment) await SendWithFileAsync(reply, segment).ConfigureAwait(false);
                else await SendAsync(reply).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Abort();
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Unexpected failure processing a call from {Client}", RemoteEndPoint);
            Abort();
        }
        finally
        {
            if (record is not null) ArrayPool<byte>.Shared.Return(record);
            call.ZeroCopy?.File.Dispose();
            call.ZeroCopy = null;
            _pool.Return(call);
            _inFlight.Release();
        }
    }

    private ValueTask SendAsync(Nfs.Protocol.Xdr.XdrWriter reply)
    {
        int bodyLength = reply.Length - RecordMarking.HeaderSize;
        var memory = reply.WrittenMemory;
        RecordMarking.WriteHeader(System.Runtime.InteropServices.MemoryMarshal.AsMemory(memory).Span, bodyLength, isLast: true);
        return SendRecordAsync(memory);
    }

    /// <summary>
    /// Sends a reply whose READ data comes from a file: the buffer up to the segment, the file
    /// range, the rest of the buffer, in one SendPacketsAsync (sendfile on Linux), under the
    /// send lock like any other record.
    /// </summary>
    private async ValueTask SendWithFileAsync(Nfs.Protocol.Xdr.XdrWriter reply, ZeroCopySegment segment)
    {
        var memory = reply.WrittenMemory;
        if (!System.Runtime.InteropServices.MemoryMarshal.TryGetArray(memory, out var array)) throw new InvalidOperationException("reply buffer is not an array");
        RecordMarking.WriteHeader(array.AsSpan(), reply.Length - RecordMarking.HeaderSize + segment.Count, isLast: true);
        // SendPacketsElement takes only asynchronous FileStreams, which a handle made from a
        // descriptor never is, or a path: /proc/self/fd/N reopens the descriptor we hold.
        string path = "/proc/self/fd/" + segment.File.DangerousGetHandle().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var args = new SocketAsyncEventArgs
        {
            SendPacketsElements =
            [
                new SendPacketsElement(array.Array!, array.Offset, segment.Position),
                new SendPacketsElement(path, segment.FileOffset, segment.Count, endOfPacket: false),
                new SendPacketsElement(array.Array!, array.Offset + segment.Position, reply.Length - segment.Position),
            ],
        };
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        args.Completed += (_, e) => done.TrySetResult();
        await _sendLock.WaitAsync(_closed.Token).ConfigureAwait(false);
        try
        {
            if (_socket.SendPacketsAsync(args)) await done.Task.ConfigureAwait(false);
            if (args.SocketError != SocketError.Success) throw new SocketException((int)args.SocketError);
        }
        finally
        {
            _sendLock.Release();
            args.Dispose();
        }
    }

    /// <summary>Sends one whole record; sends of replies and callbacks never interleave.</summary>
    private async ValueTask SendRecordAsync(ReadOnlyMemory<byte> memory)
    {
        await _sendLock.WaitAsync(_closed.Token).ConfigureAwait(false);
        try
        {
            while (!memory.IsEmpty)
            {
                int sent = await _socket.SendAsync(memory, SocketFlags.None, _closed.Token).ConfigureAwait(false);
                memory = memory[sent..];
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Stops reading: a send failed, so the connection is unusable.</summary>
    private void Abort()
    {
        _closed.Cancel();
        try { _socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
    }

    /// <summary>Closes the socket. Call after <see cref="RunAsync"/> has returned.</summary>
    public ValueTask DisposeAsync()
    {
        try { _socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
        _socket.Dispose();
        _closed.Dispose();
        _inFlight.Dispose();
        _sendLock.Dispose();
        return ValueTask.CompletedTask;
    }
}
