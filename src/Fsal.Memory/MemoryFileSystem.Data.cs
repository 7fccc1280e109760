using Fsal.Memory.Nodes;
using Fsal.Memory.Support;
using Nfs.Core.Fsal;

namespace Fsal.Memory;

// File data: OPEN, CLOSE, READ, WRITE and COMMIT.
public sealed partial class MemoryFileSystem
{
    /// <inheritdoc/>
    /// <remarks>
    /// Checks access (with the owner override) and counts the open: the token is the file, and
    /// a file whose last name is removed while open lives until its last <see cref="CloseAsync"/>.
    /// </remarks>
    public ValueTask<FsalResult<object?>> OpenAsync(FsalContext ctx, FsalObject obj, FsalOpenFlags flags) =>
        new(Open(CallerOf(ctx), obj, flags));

    /// <inheritdoc/>
    public ValueTask CloseAsync(FsalObject obj, object? openToken)
    {
        if (openToken is not RegularFileNode file) return ValueTask.CompletedTask;
        lock (_namespaceLock)
        lock (file.Sync)
        {
            if (file.OpenCount > 0) file.OpenCount--;
            if (file.OpenCount == 0 && file.LinkCount == 0 && !file.IsRemoved) Drop(file);
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    /// <remarks>Does not update the access time (see <see cref="FsalAttributes.AccessTime"/>): reads change nothing.</remarks>
    public ValueTask<FsalResult<FsalRead>> ReadAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, Memory<byte> destination) =>
        new(Read(CallerOf(ctx), obj, offset, destination.Span));

    /// <inheritdoc/>
    /// <remarks>Memory is as stable as the process, so every write is reported <see cref="FsalStability.FileSync"/>.</remarks>
    public ValueTask<FsalResult<FsalWrite>> WriteAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, ReadOnlyMemory<byte> data, FsalStability stability) =>
        new(Write(CallerOf(ctx), obj, offset, data.Span));

    /// <inheritdoc/>
    public ValueTask<FsalStatus> CommitAsync(FsalContext ctx, FsalObject obj, ulong offset, uint count)
    {
        FsalStatus status = AsRegularFile(obj, out RegularFileNode? file);
        if (status == FsalStatus.Ok)
        {
            lock (file!.Sync) status = file.IsRemoved ? FsalStatus.Stale : FsalStatus.Ok;
        }
        return new(status);
    }

    private static FsalResult<object?> Open(Credential caller, FsalObject obj, FsalOpenFlags flags)
    {
        FsalStatus status = AsRegularFile(obj, out RegularFileNode? file);
        if (status != FsalStatus.Ok) return status;
        lock (file!.Sync)
        {
            if (file.IsRemoved) return FsalStatus.Stale;
            if ((flags & FsalOpenFlags.Read) != 0 && !AccessRules.MayReadData(caller, file)) return FsalStatus.AccessDenied;
            if ((flags & FsalOpenFlags.Write) != 0 && !AccessRules.MayWriteData(caller, file)) return FsalStatus.AccessDenied;
            file.OpenCount++;
            return new FsalResult<object?>(file);
        }
    }

    private static FsalResult<FsalRead> Read(Credential caller, FsalObject obj, ulong offset, Span<byte> destination)
    {
        FsalStatus status = AsRegularFile(obj, out RegularFileNode? file);
        if (status != FsalStatus.Ok) return status;
        lock (file!.Sync)
        {
            if (file.IsRemoved) return FsalStatus.Stale;
            if (!AccessRules.MayReadData(caller, file)) return FsalStatus.AccessDenied;
            long length = file.Content.Length;
            if (offset >= (ulong)length) return new FsalRead(0, EndOfFile: true);
            int count = file.Content.Read((long)offset, destination);
            return new FsalRead(count, EndOfFile: (long)offset + count >= length);
        }
    }

    private FsalResult<FsalWrite> Write(Credential caller, FsalObject obj, ulong offset, ReadOnlySpan<byte> data)
    {
        FsalStatus status = AsRegularFile(obj, out RegularFileNode? file);
        if (status != FsalStatus.Ok) return status;
        if (offset > Capabilities.MaxFileSize || (ulong)data.Length > Capabilities.MaxFileSize - offset) return FsalStatus.FileTooBig;
        lock (file!.Sync)
        {
            if (file.IsRemoved) return FsalStatus.Stale;
            if (!AccessRules.MayWriteData(caller, file)) return FsalStatus.AccessDenied;
            if (data.IsEmpty) return new FsalWrite(0, FsalStability.FileSync);
            // Reserve first, so a write either happens whole or fails with nothing changed.
            if (!_space.TryReserveBytes(file.Content.BytesToAllocate((long)offset, data))) return FsalStatus.NoSpace;
            file.Content.Write((long)offset, data);
            file.Mode = AccessRules.ModeAfterWrite(caller, file.Mode);
            file.TouchData(WallClock.Now());
            return new FsalWrite(data.Length, FsalStability.FileSync);
        }
    }

    /// <summary>Accepts only regular files: a directory is <see cref="FsalStatus.IsDirectory"/>, any other type <see cref="FsalStatus.Invalid"/>.</summary>
    private static FsalStatus AsRegularFile(FsalObject obj, out RegularFileNode? file)
    {
        file = obj as RegularFileNode;
        if (file is not null) return FsalStatus.Ok;
        return obj switch
        {
            DirectoryNode => FsalStatus.IsDirectory,
            MemoryNode => FsalStatus.Invalid,
            _ => FsalStatus.BadHandle,
        };
    }
}
