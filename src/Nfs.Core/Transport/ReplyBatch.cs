using System.Buffers;

namespace Nfs.Core.Transport;

/// <summary>
/// Replies gathered while a connection's receive loop dispatches several requests that arrived
/// together, so that they leave in one send instead of one each. A client with many requests in
/// flight sends them back to back and the loop reads dozens per receive; a send per reply then
/// costs a system call, a pass through the TCP stack and a wake-up of the client's reader each,
/// which at 4 KiB requests is much of the server's time. Only small replies are copied in; a
/// batch that would grow past <see cref="MaxBatchBytes"/> takes no more, and the rest go out on
/// their own as before.
/// </summary>
/// <remarks>
/// Only the receive loop opens and closes the batch; any thread finishing a reply may add to it.
/// The bytes <see cref="Close"/> returns stay valid until the next <see cref="Open"/>, so the
/// loop sends them before it opens the batch again.
/// </remarks>
internal sealed class ReplyBatch : IDisposable
{
    /// <summary>Larger replies are sent on their own: copying them would cost more than their own send.</summary>
    public const int MaxReplyBytes = 64 * 1024;

    /// <summary>The most bytes gathered before replies go out on their own again.</summary>
    public const int MaxBatchBytes = 1024 * 1024;

    private readonly object _lock = new();
    private byte[] _buffer = [];
    private int _length;
    private volatile bool _open;

    /// <summary>Whether replies are being gathered.</summary>
    public bool IsOpen => _open;

    /// <summary>Starts gathering replies.</summary>
    public void Open()
    {
        lock (_lock) _open = true;
    }

    /// <summary>Copies a whole record (with its record mark) into the batch; false when the batch is closed, full, or the record too large.</summary>
    public bool TryAdd(ReadOnlySpan<byte> record)
    {
        if (!_open || record.Length > MaxReplyBytes) return false;
        lock (_lock)
        {
            if (!_open || _length + record.Length > MaxBatchBytes) return false;
            if (_buffer.Length - _length < record.Length) Grow(_length + record.Length);
            record.CopyTo(_buffer.AsSpan(_length));
            _length += record.Length;
            return true;
        }
    }

    /// <summary>Stops gathering; returns what was gathered (valid until the next <see cref="Open"/>).</summary>
    public ReadOnlyMemory<byte> Close()
    {
        lock (_lock)
        {
            _open = false;
            var gathered = _buffer.AsMemory(0, _length);
            _length = 0;
            return gathered;
        }
    }

    private void Grow(int needed)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Max(16 * 1024, _buffer.Length * 2)));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }

    /// <summary>Returns the buffer to the pool. Call once no thread adds any more.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _open = false;
            if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            _length = 0;
        }
    }
}
