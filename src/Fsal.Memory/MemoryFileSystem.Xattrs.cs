using Fsal.Memory.Nodes;
using Fsal.Memory.Storage;
using Fsal.Memory.Support;
using Nfs.Core.Fsal;

namespace Fsal.Memory;

// User extended attributes (RFC 8276). Values count against MaxTotalBytes together with their names.
public sealed partial class MemoryFileSystem
{
    /// <summary>Largest extended attribute value, as on Linux (XATTR_SIZE_MAX); larger values fail with <see cref="FsalStatus.XattrTooBig"/>.</summary>
    public const int MaxXattrValueBytes = 64 * 1024;

    /// <inheritdoc/>
    /// <remarks>Needs read permission; a missing attribute is <see cref="FsalStatus.NoXattr"/>.</remarks>
    public ValueTask<FsalResult<byte[]>> GetXattrAsync(FsalContext ctx, FsalObject obj, string name) =>
        new(GetXattr(CallerOf(ctx), obj, name));

    /// <inheritdoc/>
    /// <remarks>
    /// Needs write permission or ownership. A name over 255 UTF-8 bytes is
    /// <see cref="FsalStatus.NameTooLong"/>, a value over <see cref="MaxXattrValueBytes"/>
    /// <see cref="FsalStatus.XattrTooBig"/>, running out of space <see cref="FsalStatus.NoSpace"/>.
    /// </remarks>
    public ValueTask<FsalStatus> SetXattrAsync(FsalContext ctx, FsalObject obj, string name, ReadOnlyMemory<byte> value, XattrSetMode mode) =>
        new(SetXattr(CallerOf(ctx), obj, name, value.Span, mode));

    /// <inheritdoc/>
    /// <remarks>Needs read permission; names come in ordinal order.</remarks>
    public ValueTask<FsalResult<IReadOnlyList<string>>> ListXattrsAsync(FsalContext ctx, FsalObject obj) =>
        new(ListXattrs(CallerOf(ctx), obj));

    /// <inheritdoc/>
    /// <remarks>Needs write permission or ownership; a missing attribute is <see cref="FsalStatus.NoXattr"/>.</remarks>
    public ValueTask<FsalStatus> RemoveXattrAsync(FsalContext ctx, FsalObject obj, string name) =>
        new(RemoveXattr(CallerOf(ctx), obj, name));

    private static FsalResult<byte[]> GetXattr(Credential caller, FsalObject obj, string name)
    {
        if (obj is not MemoryNode node) return FsalStatus.BadHandle;
        FsalStatus status = Names.CheckXattrName(name);
        if (status != FsalStatus.Ok) return status;
        lock (node.Sync)
        {
            if (node.IsRemoved) return FsalStatus.Stale;
            if (!AccessRules.Allows(caller, node, PosixPermissions.Read)) return FsalStatus.AccessDenied;
            if (node.Xattrs is null || !node.Xattrs.TryGet(name, out byte[] value)) return FsalStatus.NoXattr;
            return value.AsSpan().ToArray();
        }
    }

    private FsalStatus SetXattr(Credential caller, FsalObject obj, string name, ReadOnlySpan<byte> value, XattrSetMode mode)
    {
        if (obj is not MemoryNode node) return FsalStatus.BadHandle;
        FsalStatus status = Names.CheckXattrName(name);
        if (status != FsalStatus.Ok) return status;
        if (value.Length > MaxXattrValueBytes) return FsalStatus.XattrTooBig;
        lock (node.Sync)
        {
            if (node.IsRemoved) return FsalStatus.Stale;
            if (!MayWriteXattrs(caller, node)) return FsalStatus.AccessDenied;
            byte[]? old = null;
            bool exists = node.Xattrs is { } existing && existing.TryGet(name, out old);
            if (mode == XattrSetMode.Create && exists) return FsalStatus.Exists;
            if (mode == XattrSetMode.Replace && !exists) return FsalStatus.NoXattr;
            long growth = ExtendedAttributeSet.CostOf(name, value.Length) - (exists ? ExtendedAttributeSet.CostOf(name, old!.Length) : 0);
            if (growth > 0 && !_space.TryReserveBytes(growth)) return FsalStatus.NoSpace;
            node.Xattrs ??= new ExtendedAttributeSet();
            node.Xattrs.Set(name, value.ToArray());
            if (growth < 0) _space.ReleaseBytes(-growth);
            node.TouchMetadata(WallClock.Now());
            return FsalStatus.Ok;
        }
    }

    private static FsalResult<IReadOnlyList<string>> ListXattrs(Credential caller, FsalObject obj)
    {
        if (obj is not MemoryNode node) return FsalStatus.BadHandle;
        lock (node.Sync)
        {
            if (node.IsRemoved) return FsalStatus.Stale;
            if (!AccessRules.Allows(caller, node, PosixPermissions.Read)) return FsalStatus.AccessDenied;
            return new FsalResult<IReadOnlyList<string>>(node.Xattrs?.Names() ?? []);
        }
    }

    private FsalStatus RemoveXattr(Credential caller, FsalObject obj, string name)
    {
        if (obj is not MemoryNode node) return FsalStatus.BadHandle;
        FsalStatus status = Names.CheckXattrName(name);
        if (status != FsalStatus.Ok) return status;
        lock (node.Sync)
        {
            if (node.IsRemoved) return FsalStatus.Stale;
            if (!MayWriteXattrs(caller, node)) return FsalStatus.AccessDenied;
            long freed = node.Xattrs?.Remove(name) ?? -1;
            if (freed < 0) return FsalStatus.NoXattr;
            _space.ReleaseBytes(freed);
            node.TouchMetadata(WallClock.Now());
            return FsalStatus.Ok;
        }
    }

    private static bool MayWriteXattrs(Credential caller, MemoryNode node) =>
        caller.Uid == node.Uid || AccessRules.Allows(caller, node, PosixPermissions.Write);
}
