using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Nfs.Core.Rpc;
using Nfs.Protocol.Rpc;
using Nfs.Protocol.Xdr;

namespace Nfs.Core.Transport;

/// <summary>
/// A TCP connection the server opens to a client's callback service (NFSv4.0 callbacks go to
/// the address the client gave in SETCLIENTID). Calls are matched to replies by xid.
/// </summary>
public sealed class OutboundRpcConnection : IOutboundRpc, IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly OutboundCalls _calls = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Task _receiveLoop;
    private readonly CancellationTokenSource _closed = new();

    private OutboundRpcConnection(Socket socket)
    {
        _socket = socket;
        _receiveLoop = Task.Run(ReceiveAsync);
    }

    /// <summary>True until the connection fails or is disposed.</summary>
    public bool IsOpen => !_receiveLoop.IsCompleted;

    /// <summary>Connects, giving up after <paramref name="timeout"/>.</summary>
    public static async Task<OutboundRpcConnection> ConnectAsync(IPEndPoint endPoint, TimeSpan timeout)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await socket.ConnectAsync(endPoint, cts.Token).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new OutboundRpcConnection(socket);
    }

    /// <inheritdoc/>
    public async Task<OutboundReply> CallAsync(uint program, uint version, uint procedure, OpaqueAuth credential, Action<XdrWriter> writeArguments, TimeSpan timeout)
    {
        var (record, xid, reply) = _calls.Prepare(program, version, procedure, credential, writeArguments);
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            var memory = record.AsMemory();
            while (!memory.IsEmpty) memory = memory[await _socket.SendAsync(memory, SocketFlags.None).ConfigureAwait(false)..];
        }
        finally
        {
            _sendLock.Release();
        }
        return await _calls.WaitAsync(xid, reply, timeout).ConfigureAwait(false);
    }

    private async Task ReceiveAsync()
    {
        var reader = PipeReader.Create(new NetworkStream(_socket, ownsSocket: false));
        using var assembler = new RecordAssembler(1024 * 1024);
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_closed.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (true)
                {
                    var status = assembler.TryRead(ref buffer, out var record, out int length);
                    if (status == RecordReadResult.NeedMoreData) break;
                    if (status == RecordReadResult.TooLarge) return;
                    _calls.Complete(record.AsSpan(0, length));
                    ArrayPool<byte>.Shared.Return(record);
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted) return;
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            _calls.FailAll();
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _closed.Cancel();
        try { _socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
        _socket.Dispose();
        await _receiveLoop.ConfigureAwait(false);
        _closed.Dispose();
        _sendLock.Dispose();
    }

    /// <summary>Parses an RPC universal address ("a.b.c.d.p1.p2", or an IPv6 address followed by ".p1.p2").</summary>
    public static bool TryParseUniversalAddress(string address, out IPEndPoint endPoint)
    {
        endPoint = null!;
        int last = address.LastIndexOf('.');
        if (last <= 0) return false;
        int prev = address.LastIndexOf('.', last - 1);
        if (prev <= 0) return false;
        if (!byte.TryParse(address.AsSpan(prev + 1, last - prev - 1), out byte hi) || !byte.TryParse(address.AsSpan(last + 1), out byte lo)) return false;
        if (!IPAddress.TryParse(address.AsSpan(0, prev), out var ip)) return false;
        endPoint = new IPEndPoint(ip, hi * 256 + lo);
        return endPoint.Port != 0;
    }
}
