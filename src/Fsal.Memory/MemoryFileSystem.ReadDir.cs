using System.Buffers;
using Fsal.Memory.Nodes;
using Fsal.Memory.Support;
using Nfs.Core.Fsal;

namespace Fsal.Memory;

// READDIR.
public sealed partial class MemoryFileSystem
{
    /// <summary>
    /// Entries copied per visit to the directory's lock. Entries are copied out and their
    /// attributes read afterwards, so the directory lock is never held together with another
    /// node's lock (see the class remarks) and the sink runs without locks held.
    /// </summary>
    private const int ReadDirBatch = 64;

    /// <inheritdoc/>
    /// <remarks>
    /// Cookies are per-directory positions starting at 3. Any cookie is accepted: a cookie of
    /// a removed entry resumes at the next entry still present, so this never answers
    /// <see cref="FsalStatus.BadCookie"/>.
    /// </remarks>
    public ValueTask<FsalResult<bool>> ReadDirAsync(FsalContext ctx, FsalObject directory, ulong cookie, FsalAttrMask wanted, IReadDirSink sink) =>
        new(ReadDir(CallerOf(ctx), directory, cookie, sink));

    private static FsalResult<bool> ReadDir(Credential caller, FsalObject directory, ulong cookie, IReadDirSink sink)
    {
        if (directory is not MemoryNode node) return FsalStatus.BadHandle;
        if (node is not DirectoryNode dir) return FsalStatus.NotDirectory;
        lock (dir.Sync)
        {
            if (dir.IsRemoved) return FsalStatus.Stale;
            if (!AccessRules.Allows(caller, dir, PosixPermissions.Read)) return FsalStatus.AccessDenied;
        }
        DirectoryEntry[] batch = ArrayPool<DirectoryEntry>.Shared.Rent(ReadDirBatch);
        try
        {
            while (true)
            {
                int count;
                bool reachedEnd;
                lock (dir.Sync) count = dir.Entries.CopyAfter(cookie, batch.AsSpan(0, ReadDirBatch), out reachedEnd);
                for (int i = 0; i < count; i++)
                {
                    DirectoryEntry entry = batch[i];
                    FsalAttributes attributes;
                    lock (entry.Node.Sync)
                    {
                        // Removed since the copy: skip it, as if the batch had been taken a moment later.
                        if (entry.Node.IsRemoved) continue;
                        entry.Node.GetAttributes(out attributes);
                    }
                    if (!sink.Add(entry.Name, entry.Cookie, entry.Node, attributes)) return false;
                }
                if (reachedEnd) return true;
                if (count > 0) cookie = batch[count - 1].Cookie;
            }
        }
        finally
        {
            ArrayPool<DirectoryEntry>.Shared.Return(batch, clearArray: true);
        }
    }
}
