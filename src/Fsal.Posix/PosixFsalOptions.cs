namespace Fsal.Posix;

/// <summary>Settings of a <see cref="PosixFileSystem"/>.</summary>
public sealed class PosixFsalOptions
{
    /// <summary>The directory to export.</summary>
    public string Path { get; set; } = "";

    /// <summary>Objects (each with an open O_PATH descriptor, and possibly a data descriptor) kept between requests.</summary>
    public int MaxCachedObjects { get; set; } = 4096;

    /// <summary>OS threads that run the blocking system calls.</summary>
    public int Threads { get; set; } = Math.Max(4, Environment.ProcessorCount * 4);

    /// <summary>Throws <see cref="ArgumentException"/> when a value is out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path)) throw new ArgumentException("a POSIX export needs a Path", nameof(Path));
        if (!Directory.Exists(Path)) throw new ArgumentException($"'{Path}' is not a directory", nameof(Path));
        if (MaxCachedObjects < 16) throw new ArgumentOutOfRangeException(nameof(MaxCachedObjects), MaxCachedObjects, "must be at least 16");
        if (Threads is < 1 or > 1024) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "must be 1 to 1024");
    }
}
