using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Nfs.Core.Fsal.Support;
using Nfs.Core.Rpc;
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
    private readonly ReplyBatch? _batch;
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
        if (options.BatchReplies) _batch = new ReplyBatch();
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
                        var slot = _inFlight.WaitAsync(token);
                        // Waiting for a call to finish: the replies gathered so far go now.
                        if (!slot.IsCompleted) await FlushBatchAsync().ConfigureAwait(false);
                        await slot.ConfigureAwait(false);
                    }
                    catch
                    {
                        ArrayPool<byte>.Shared.Return(record);
                        throw;
                    }
                    // From the second request of a read on, replies are gathered and sent together.
                    if (++records == 2) _batch?.Open();
                    _ = ProcessAsync(record, length);
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                await FlushBatchAsync().ConfigureAwait(false);
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

    /// <summary>Sends the replies gathered since the batch opened, if any; later ones go out on their own.</summary>
    private ValueTask FlushBatchAsync()
    {
        if (_batch is not { IsOpen: true }) return ValueTask.CompletedTask;
        var gathered = _batch.Close();
        return gathered.IsEmpty ? ValueTask.CompletedTask : SendRecordAsync(gathered);
    }

    private void PollSocket(long started)
    {
        if (_polling.WindowTicks == 0 || !_pollingGate.TryEnter()) return;
        try
        {
            _polling.Spin(started, static socket => socket.Available > 0, _socket);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Closed meanwhile: the read that follows ends the loop.
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
        if (_batch is not null && _batch.TryAdd(memory.Span)) return ValueTask.CompletedTask;
        return SendRecordAsync(memory);
    }

    /// <summary>
    /// Sends a reply whose READ data comes from a file, under the send lock like any other
    /// record: the buffer up to the segment, the file range with sendfile(2) straight from the
    /// page cache, the rest of the buffer. The socket does not block: when its send buffer is
    /// full, the rest of the range goes through a pooled buffer with an ordinary asynchronous
    /// send, which waits for room as any send does. A file that shrank since the READ is padded
    /// with zeros, so the record stays as long as its header says.
    /// </summary>
    private async ValueTask SendWithFileAsync(Nfs.Protocol.Xdr.XdrWriter reply, ZeroCopySegment segment)
    {
        var memory = reply.WrittenMemory;
        if (!System.Runtime.InteropServices.MemoryMarshal.TryGetArray(memory, out var array)) throw new InvalidOperationException("reply buffer is not an array");
        RecordMarking.WriteHeader(array.AsSpan(), reply.Length - RecordMarking.HeaderSize + segment.Count, isLast: true);
        await _sendLock.WaitAsync(_closed.Token).ConfigureAwait(false);
        try
        {
            await SendAllAsync(memory[..segment.Position]).ConfigureAwait(false);
            long offset = segment.FileOffset;
            int remaining = segment.Count;
            if (OperatingSystem.IsLinux()) remaining -= SendFromPageCache(segment.File, ref offset, remaining);
            if (remaining > 0) await CopyFromFileAsync(segment.File, offset, remaining).ConfigureAwait(false);
            await SendAllAsync(memory[segment.Position..]).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends what sendfile takes without waiting; returns the bytes sent.</summary>
    private int SendFromPageCache(Microsoft.Win32.SafeHandles.SafeFileHandle file, ref long offset, int count)
    {
        int socketFd = (int)_socket.SafeHandle.DangerousGetHandle();
        int fileFd = (int)file.DangerousGetHandle();
        int sent = 0;
        while (sent < count)
        {
            nint n = SendFile.Send(socketFd, fileFd, ref offset, count - sent);
            if (n > 0)
            {
                sent += (int)n;
                continue;
            }
            if (n < 0 && Marshal.GetLastPInvokeError() == LinuxErrno.EINTR) continue;
            if (n < 0 && Marshal.GetLastPInvokeError() != LinuxErrno.EAGAIN) throw new SocketException(Marshal.GetLastPInvokeError());
            break; // a full send buffer, or the end of the file: the copy path goes on
        }
        return sent;
    }

    /// <summary>The part of a file range that sendfile did not take, through a pooled buffer; zeros past the end of the file.</summary>
    private async ValueTask CopyFromFileAsync(Microsoft.Win32.SafeHandles.SafeFileHandle file, long offset, int count)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(count, 256 * 1024));
        try
        {
            while (count > 0)
            {
                int chunk = Math.Min(count, buffer.Length);
                int read = 0;
                while (read < chunk)
                {
                    int n = RandomAccess.Read(file, buffer.AsSpan(read, chunk - read), offset + read);
                    if (n <= 0) break;
                    read += n;
                }
                buffer.AsSpan(read, chunk - read).Clear();
                await SendAllAsync(buffer.AsMemory(0, chunk)).ConfigureAwait(false);
                offset += chunk;
                count -= chunk;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async ValueTask SendAllAsync(ReadOnlyMemory<byte> memory)
    {
        while (!memory.IsEmpty)
        {
            int sent = await _socket.SendAsync(memory, SocketFlags.None, _closed.Token).ConfigureAwait(false);
            memory = memory[sent..];
        }
    }

    /// <summary>Sends one whole record; sends of replies and callbacks never interleave.</summary>
    private async ValueTask SendRecordAsync(ReadOnlyMemory<byte> memory)
    {
        await _sendLock.WaitAsync(_closed.Token).ConfigureAwait(false);
        try
        {
            await SendAllAsync(memory).ConfigureAwait(false);
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
        _batch?.Dispose();
        return ValueTask.CompletedTask;
    }
}
