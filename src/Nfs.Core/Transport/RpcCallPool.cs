using Nfs.Core.Rpc;

namespace Nfs.Core.Transport;

/// <summary>
/// Reuses <see cref="RpcCall"/> objects (with their reader and reply buffer) across requests,
/// so a request allocates no context. Bounded so that a burst does not pin memory forever:
/// past the bound, returned calls give their buffers back to the array pool.
/// </summary>
internal sealed class RpcCallPool
{
    private readonly Stack<RpcCall> _items = new();
    private readonly int _max;

    public RpcCallPool(int max) => _max = max;

    public RpcCall Rent()
    {
        lock (_items)
        {
            if (_items.TryPop(out var call)) return call;
        }
        return new RpcCall();
    }

    public void Return(RpcCall call)
    {
        call.Cancellation = default;
        call.Connection = null!;
        call.Arguments.Reset(ReadOnlyMemory<byte>.Empty);
        lock (_items)
        {
            if (_items.Count < _max)
            {
                _items.Push(call);
                return;
            }
        }
        call.Reply.Dispose();
    }
}
