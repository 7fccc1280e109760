using Mono.Unix.Native;

namespace Nfs.Core.Recovery;

/// <summary>
/// Crash-safe small-file updates: write a temporary file, fsync it, rename it over the target,
/// fsync the directory. After a crash (kill -9 or power loss) a reader sees either the old or the
/// new content, never a mix; a torn temporary file is left behind under a name readers skip.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Suffix of temporary files; anything containing it is an unfinished write.</summary>
    public const string TemporaryMarker = ".tmp-";

    /// <summary>Whether a file name is an unfinished write (to be ignored and cleaned up).</summary>
    public static bool IsTemporary(string fileName) => fileName.Contains(TemporaryMarker, StringComparison.Ordinal);

    /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/> atomically and durably.</summary>
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string temporary = path + TemporaryMarker + Guid.NewGuid().ToString("N");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true); // fsync: the data is on disk before the name points at it
            }
            File.Move(temporary, path, overwrite: true); // rename(2): atomic replacement
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
        SyncDirectory(directory); // the rename itself is durable only once the directory is
    }

    /// <summary>Deletes a file (if present) durably.</summary>
    public static void Delete(string path)
    {
        if (!File.Exists(path)) return;
        File.Delete(path);
        SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Creates a directory (and its parents) durably.</summary>
    public static void CreateDirectory(string path)
    {
        if (Directory.Exists(path)) return;
        Directory.CreateDirectory(path);
        SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>fsync of a directory, which .NET file APIs cannot open.</summary>
    public static void SyncDirectory(string directory)
    {
        int fd = Syscall.open(directory, OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY);
        if (fd < 0) throw new IOException($"cannot open directory {directory}: {Stdlib.GetLastError()}");
        try
        {
            if (Syscall.fsync(fd) < 0) throw new IOException($"cannot fsync directory {directory}: {Stdlib.GetLastError()}");
        }
        finally
        {
            Syscall.close(fd);
        }
    }

    /// <summary>Removes leftovers of interrupted writes in a directory.</summary>
    public static void RemoveTemporaries(string directory)
    {
        if (!Directory.Exists(directory)) return;
        foreach (var f in Directory.EnumerateFiles(directory))
        {
            if (IsTemporary(Path.GetFileName(f))) TryDelete(f);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: readers skip temporaries anyway.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
