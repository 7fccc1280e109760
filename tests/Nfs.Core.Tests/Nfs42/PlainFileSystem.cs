using Fsal.Memory;
using Nfs.Core.Fsal;
using Nfs.Core.Tests.Infrastructure;

namespace Nfs.Core.Tests.Nfs42;

/// <summary>
/// A memory filesystem seen through the bare <see cref="IFileSystem"/> contract: none of the
/// optional capabilities (<see cref="ISparseFiles"/>, <see cref="ICloneFiles"/>,
/// <see cref="IExtendedAttributes"/>), for the NOTSUPP and "everything is data" paths. Reads can
/// be held at a gate, to catch an asynchronous copy while it runs.
/// </summary>
public sealed class PlainFileSystem(MemoryFileSystem inner) : ForwardingFileSystem(inner)
{
    private TaskCompletionSource? _gate;
    private int _blockedReads;

    /// <summary>Creates one over a new memory filesystem.</summary>
    public PlainFileSystem() : this(new MemoryFileSystem()) { }

    /// <summary>Reads waiting at the gate now.</summary>
    public int BlockedReads => Volatile.Read(ref _blockedReads);

    /// <summary>Makes later reads wait until <see cref="OpenGate"/> (or their cancellation).</summary>
    public void CloseGate() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets waiting and later reads through.</summary>
    public void OpenGate() => Interlocked.Exchange(ref _gate, null)?.TrySetResult();

    /// <inheritdoc/>
    public override async ValueTask<FsalResult<FsalRead>> ReadAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, Memory<byte> destination)
    {
        if (_gate is { } gate)
        {
            Interlocked.Increment(ref _blockedReads);
            try
            {
                await gate.Task.WaitAsync(ctx.Cancellation);
            }
            finally
            {
                Interlocked.Decrement(ref _blockedReads);
            }
        }
        return await Inner.ReadAsync(ctx, obj, openToken, offset, destination);
    }
}
