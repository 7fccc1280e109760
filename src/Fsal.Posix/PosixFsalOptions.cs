namespace Fsal.Posix;

/// <summary>Settings of a <see cref="PosixFileSystem"/>.</summary>
public sealed class PosixFsalOptions
{
    /// <summary>The directory to export.</summary>
    public string Path { get; set; } = "";

    /// <summary>Objects (each with an open O_PATH descriptor, and possibly a data descriptor) kept between requests.</summary>
    public int MaxCachedObjects { get; set; } = 4096;

    /// <summary>
    /// How long attributes read from the kernel are reused (GETATTR, READDIR) before they are
    /// read again. Changes made through this server are seen at once; changes made by other
    /// processes on the host show up within this time, as NFS clients' own attribute caches
    /// already allow (acregmin is 3 s). 0 turns attribute and directory caching off.
    /// </summary>
    public int AttributeCacheMilliseconds { get; set; } = 1000;

    /// <summary>Attributes kept at most (about 250 bytes each).</summary>
    public int MaxCachedAttributes { get; set; } = 65536;

    /// <summary>
    /// Directory entries kept at most, over all directories (about 150 bytes each): a listing
    /// is reused while the directory's change time stays the same. A directory with more
    /// entries is read from the kernel every time.
    /// </summary>
    public int MaxCachedDirectoryEntries { get; set; } = 131072;

    /// <summary>OS threads that run the blocking system calls.</summary>
    public int Threads { get; set; } = Math.Max(4, Environment.ProcessorCount * 4);

    /// <summary>Throws <see cref="ArgumentException"/> when a value is out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path)) throw new ArgumentException("a POSIX export needs a Path", nameof(Path));
        if (!Directory.Exists(Path)) throw new ArgumentException($"'{Path}' is not a directory", nameof(Path));
        if (MaxCachedObjects < 16) throw new ArgumentOutOfRangeException(nameof(MaxCachedObjects), MaxCachedObjects, "must be at least 16");
        if (AttributeCacheMilliseconds < 0) throw new ArgumentOutOfRangeException(nameof(AttributeCacheMilliseconds), AttributeCacheMilliseconds, "must not be negative");
        if (MaxCachedAttributes < 0) throw new ArgumentOutOfRangeException(nameof(MaxCachedAttributes), MaxCachedAttributes, "must not be negative");
        if (MaxCachedDirectoryEntries < 0) throw new ArgumentOutOfRangeException(nameof(MaxCachedDirectoryEntries), MaxCachedDirectoryEntries, "must not be negative");
        if (Threads is < 1 or > 1024) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "must be 1 to 1024");
    }
}
