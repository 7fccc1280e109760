using Fsal.Memory;
using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Tests.Infrastructure;

/// <summary>
/// A memory filesystem behind the bare <see cref="IFileSystem"/> contract, every call passed
/// through: test backends derive from it and override only the calls they change (none of the
/// memory backend's optional capabilities show through).
/// </summary>
public abstract class ForwardingFileSystem(MemoryFileSystem inner) : IFileSystem
{
    /// <summary>The memory filesystem underneath.</summary>
    public MemoryFileSystem Inner { get; } = inner;

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
    public virtual ValueTask<FsalResult<FsalRead>> ReadAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, Memory<byte> destination) =>
        Inner.ReadAsync(ctx, obj, openToken, offset, destination);

    /// <inheritdoc/>
    public virtual ValueTask<FsalResult<FsalWrite>> WriteAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, ReadOnlyMemory<byte> data, FsalStability stability) =>
        Inner.WriteAsync(ctx, obj, openToken, offset, data, stability);

    /// <inheritdoc/>
    public ValueTask<FsalStatus> CommitAsync(FsalContext ctx, FsalObject obj, ulong offset, uint count) => Inner.CommitAsync(ctx, obj, offset, count);

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalFsStats>> GetFsStatsAsync(FsalContext ctx, FsalObject obj) => Inner.GetFsStatsAsync(ctx, obj);
}
