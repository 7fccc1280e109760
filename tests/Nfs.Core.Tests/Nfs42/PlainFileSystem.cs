using Fsal.Memory;
using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Tests.Nfs42;

/// <summary>
/// A memory filesystem seen through the bare <see cref="IFileSystem"/> contract: none of the
/// optional capabilities (<see cref="ISparseFiles"/>, <see cref="ICloneFiles"/>,
/// <see cref="IExtendedAttributes"/>), for the NOTSUPP and "everything is data" paths. Reads can
/// be held at a gate, to catch an asynchronous copy while it runs.
/// </summary>
public sealed class PlainFileSystem(MemoryFileSystem inner) : IFileSystem
{
    private TaskCompletionSource? _gate;
    private int _blockedReads;

    /// <summary>Creates one over a new memory filesystem.</summary>
    public PlainFileSystem() : this(new MemoryFileSystem()) { }

    /// <summary>The memory filesystem underneath.</summary>
    public MemoryFileSystem Inner { get; } = inner;

    /// <summary>Reads waiting at the gate now.</summary>
    public int BlockedReads => Volatile.Read(ref _blockedReads);

    /// <summary>Makes later reads wait until <see cref="OpenGate"/> (or their cancellation).</summary>
    public void CloseGate() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets waiting and later reads through.</summary>
    public void OpenGate() => Interlocked.Exchange(ref _gate, null)?.TrySetResult();

    /// <inheritdoc/>
    public FsalCapabilities Capabilities => Inner.Capabilities;

    /// <inheritdoc/>
    public FsalObject Root => Inner.Root;

    /// <inheritdoc/>
    public FsalStatus Resolve(ReadOnlySpan<byte> key, out FsalObject? obj) => Inner.Resolve(key, out obj);

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalAttributes>> GetAttributesAsync(FsalContext ctx, FsalObject obj, FsalAttrMask wanted) => Inner.GetAttributesAsync(ctx, obj, wanted);

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalAttributes>> SetAttributesAsync(FsalContext ctx, FsalObject obj, FsalSetAttributes changes) => Inner.SetAttributesAsync(ctx, obj, changes);

    /// <inheritdoc/>
    public ValueTask<FsalResult<Access4>> CheckAccessAsync(FsalContext ctx, FsalObject obj, Access4 requested) => Inner.CheckAccessAsync(ctx, obj, requested);

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalLookup>> LookupAsync(FsalContext ctx, FsalObject directory, string name, FsalAttrMask wanted) => Inner.LookupAsync(ctx, directory, name, wanted);

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalLookup>> LookupParentAsync(FsalContext ctx, FsalObject directory, FsalAttrMask wanted) => Inner.LookupParentAsync(ctx, directory, wanted);

    /// <inheritdoc/>
    public ValueTask<FsalResult<bool>> ReadDirAsync(FsalContext ctx, FsalObject directory, ulong cookie, FsalAttrMask wanted, IReadDirSink sink) => Inner.ReadDirAsync(ctx, directory, cookie, wanted, sink);

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalCreated>> CreateAsync(FsalContext ctx, FsalObject directory, string name, FsalCreateRequest request) => Inner.CreateAsync(ctx, directory, name, request);

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalChangeInfo>> RemoveAsync(FsalContext ctx, FsalObject directory, string name) => Inner.RemoveAsync(ctx, directory, name);

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalRenamed>> RenameAsync(FsalContext ctx, FsalObject sourceDirectory, string sourceName, FsalObject targetDirectory, string targetName) =>
        Inner.RenameAsync(ctx, sourceDirectory, sourceName, targetDirectory, targetName);

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalChangeInfo>> LinkAsync(FsalContext ctx, FsalObject obj, FsalObject directory, string name) => Inner.LinkAsync(ctx, obj, directory, name);

    /// <inheritdoc/>
    public ValueTask<FsalResult<string>> ReadLinkAsync(FsalContext ctx, FsalObject obj) => Inner.ReadLinkAsync(ctx, obj);

    /// <inheritdoc/>
    public ValueTask<FsalResult<object?>> OpenAsync(FsalContext ctx, FsalObject obj, FsalOpenFlags flags) => Inner.OpenAsync(ctx, obj, flags);

    /// <inheritdoc/>
    public ValueTask CloseAsync(FsalObject obj, object? openToken) => Inner.CloseAsync(obj, openToken);

    /// <inheritdoc/>
    public async ValueTask<FsalResult<FsalRead>> ReadAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, Memory<byte> destination)
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

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalWrite>> WriteAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, ReadOnlyMemory<byte> data, FsalStability stability) =>
        Inner.WriteAsync(ctx, obj, openToken, offset, data, stability);

    /// <inheritdoc/>
    public ValueTask<FsalStatus> CommitAsync(FsalContext ctx, FsalObject obj, ulong offset, uint count) => Inner.CommitAsync(ctx, obj, offset, count);

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalFsStats>> GetFsStatsAsync(FsalContext ctx, FsalObject obj) => Inner.GetFsStatsAsync(ctx, obj);
}
