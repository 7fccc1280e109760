using System.Text;
using Nfs.Core.Fsal;

namespace Nfs.Core.Cluster;

/// <summary>
/// The few file operations the cluster database needs, made through the FSAL contract of the
/// shared backend itself (so the database lives where the data lives and needs no new
/// service), as the superuser. Locks are the backend's own byte-range locks: Gluster's volume
/// locks or OFD locks, which the storage drops when their holder dies.
/// </summary>
internal sealed class BackendFiles
{
    private const int Chunk = 64 * 1024;
    private readonly IFileSystem _fs;
    private readonly IByteRangeLocks _locks;

    public BackendFiles(IFileSystem fs)
    {
        _fs = fs;
        _locks = fs as IByteRangeLocks ?? throw new InvalidOperationException("the cluster database needs a backend that keeps byte-range locks (Posix or Gluster)");
    }

    private static FsalContext Root => FsalContext.Root;

    public FsalObject RootDirectory => _fs.Root;

    /// <summary>The directory <paramref name="name"/> in <paramref name="parent"/>, created when missing.</summary>
    public async ValueTask<FsalObject> DirectoryAsync(FsalObject parent, string name)
    {
        var found = await _fs.LookupAsync(Root, parent, name, FsalAttrMask.Type).ConfigureAwait(false);
        if (found.IsOk) return found.Value.Object;
        if (found.Status != FsalStatus.NoEntry) throw Failure("look up", name, found.Status);
        var request = new FsalCreateRequest { Type = FsalFileType.Directory, Attributes = new FsalSetAttributes { Set = FsalAttrMask.Mode, Mode = 0x1C0 } };
        var created = await _fs.CreateAsync(Root, parent, name, request).ConfigureAwait(false);
        if (created.IsOk) return created.Value.Object;
        if (created.Status != FsalStatus.Exists) throw Failure("create directory", name, created.Status);
        found = await _fs.LookupAsync(Root, parent, name, FsalAttrMask.Type).ConfigureAwait(false);
        return found.IsOk ? found.Value.Object : throw Failure("look up", name, found.Status);
    }

    /// <summary>The regular file <paramref name="name"/> in <paramref name="directory"/>, created empty when missing.</summary>
    public async ValueTask<FsalObject> FileAsync(FsalObject directory, string name)
    {
        var request = new FsalCreateRequest { Type = FsalFileType.Regular, Attributes = new FsalSetAttributes { Set = FsalAttrMask.Mode, Mode = 0x180 } };
        var created = await _fs.CreateAsync(Root, directory, name, request).ConfigureAwait(false);
        return created.IsOk ? created.Value.Object : throw Failure("create", name, created.Status);
    }

    /// <summary>The file <paramref name="name"/>, or null when there is none.</summary>
    public async ValueTask<FsalObject?> FindAsync(FsalObject directory, string name)
    {
        var found = await _fs.LookupAsync(Root, directory, name, FsalAttrMask.Type).ConfigureAwait(false);
        if (found.Status == FsalStatus.NoEntry) return null;
        return found.IsOk ? found.Value.Object : throw Failure("look up", name, found.Status);
    }

    /// <summary>The whole file, read until end of file (not trusting cached sizes: another node may have just written it).</summary>
    public async ValueTask<byte[]> ReadAllAsync(FsalObject file, int limit)
    {
        using var collected = new MemoryStream();
        var buffer = new byte[Chunk];
        ulong offset = 0;
        while (collected.Length < limit)
        {
            var read = await _fs.ReadAsync(Root, file, null, offset, buffer).ConfigureAwait(false);
            if (!read.IsOk) throw Failure("read", "a database file", read.Status);
            if (read.Value.Count == 0) break;
            collected.Write(buffer, 0, read.Value.Count);
            offset += (ulong)read.Value.Count;
            if (read.Value.EndOfFile) break;
        }
        return collected.ToArray();
    }

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/>, on stable storage when this returns.</summary>
    public async ValueTask WriteAsync(FsalObject file, ulong offset, ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            var written = await _fs.WriteAsync(Root, file, null, offset, data, FsalStability.FileSync).ConfigureAwait(false);
            if (!written.IsOk) throw Failure("write", "a database file", written.Status);
            if (written.Value.Count <= 0) throw new IOException("the backend wrote nothing");
            if (written.Value.Committed != FsalStability.FileSync)
            {
                var committed = await _fs.CommitAsync(Root, file, offset, (uint)written.Value.Count).ConfigureAwait(false);
                if (committed != FsalStatus.Ok) throw Failure("commit", "a database file", committed);
            }
            offset += (ulong)written.Value.Count;
            data = data[written.Value.Count..];
        }
    }

    /// <summary>Replaces <paramref name="name"/> with a file holding exactly <paramref name="data"/> (written aside, then renamed over it).</summary>
    public async ValueTask ReplaceAsync(FsalObject directory, string name, ReadOnlyMemory<byte> data)
    {
        string temporary = name + ".new";
        await RemoveAsync(directory, temporary).ConfigureAwait(false);
        var file = await FileAsync(directory, temporary).ConfigureAwait(false);
        await WriteAsync(file, 0, data).ConfigureAwait(false);
        var renamed = await _fs.RenameAsync(Root, directory, temporary, directory, name).ConfigureAwait(false);
        if (!renamed.IsOk) throw Failure("rename", temporary, renamed.Status);
    }

    /// <summary>Removes a file; a missing one is fine.</summary>
    public async ValueTask RemoveAsync(FsalObject directory, string name)
    {
        var removed = await _fs.RemoveAsync(Root, directory, name).ConfigureAwait(false);
        if (!removed.IsOk && removed.Status != FsalStatus.NoEntry) throw Failure("remove", name, removed.Status);
    }

    /// <summary>The names in a directory.</summary>
    public async ValueTask<List<string>> ListAsync(FsalObject directory)
    {
        var sink = new NameSink();
        ulong cookie = 0;
        while (true)
        {
            var listed = await _fs.ReadDirAsync(Root, directory, cookie, FsalAttrMask.Type, sink).ConfigureAwait(false);
            if (!listed.IsOk) throw Failure("list", "the database directory", listed.Status);
            if (listed.Value || sink.LastCookie == cookie) return sink.Names;
            cookie = sink.LastCookie;
        }
    }

    /// <summary>Takes an exclusive lock on one byte without waiting: false when someone else holds it.</summary>
    public async ValueTask<bool> TryLockAsync(FsalObject file, string owner, ulong offset)
    {
        var s = await _locks.LockAsync(Root, file, null, Encoding.UTF8.GetBytes(owner), FsalLockType.Write, offset, 1).ConfigureAwait(false);
        if (s == FsalStatus.Locked) return false;
        return s == FsalStatus.Ok ? true : throw Failure("lock", "a database file", s);
    }

    /// <summary>Releases a lock taken by <see cref="TryLockAsync"/>.</summary>
    public async ValueTask UnlockAsync(FsalObject file, string owner, ulong offset)
    {
        var s = await _locks.LockAsync(Root, file, null, Encoding.UTF8.GetBytes(owner), FsalLockType.Unlock, offset, 1).ConfigureAwait(false);
        if (s != FsalStatus.Ok) throw Failure("unlock", "a database file", s);
    }

    /// <summary>Whether anyone but <paramref name="owner"/> holds a lock on that byte; an error counts as held (never declare a node dead on doubt).</summary>
    public async ValueTask<bool> IsLockedAsync(FsalObject file, string owner, ulong offset)
    {
        var tested = await _locks.TestLockAsync(Root, file, Encoding.UTF8.GetBytes(owner), FsalLockType.Write, offset, 1).ConfigureAwait(false);
        return !tested.IsOk || tested.Value.Exists;
    }

    /// <summary>Drops every lock <paramref name="owner"/> holds on the file.</summary>
    public ValueTask ReleaseAllAsync(FsalObject file, string owner) => _locks.ReleaseAsync(file, Encoding.UTF8.GetBytes(owner));

    private static IOException Failure(string what, string name, FsalStatus status) =>
        new($"cluster database: cannot {what} {name}: {status}");

    private sealed class NameSink : IReadDirSink
    {
        public List<string> Names { get; } = [];
        public ulong LastCookie { get; private set; }

        public bool Add(string name, ulong cookie, FsalObject obj, in FsalAttributes attributes)
        {
            if (name is not ("." or "..")) Names.Add(name);
            LastCookie = cookie;
            return true;
        }
    }
}
