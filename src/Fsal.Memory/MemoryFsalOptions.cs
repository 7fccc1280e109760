namespace Fsal.Memory;

/// <summary>Limits and root directory settings of a <see cref="MemoryFileSystem"/>.</summary>
public sealed class MemoryFsalOptions
{
    /// <summary>Default for <see cref="MaxTotalBytes"/>: 4 GiB.</summary>
    public const long DefaultMaxTotalBytes = 4L * 1024 * 1024 * 1024;

    /// <summary>Default for <see cref="MaxObjects"/>.</summary>
    public const long DefaultMaxObjects = 10_000_000;

    /// <summary>
    /// Most bytes the filesystem may allocate for file data and extended attributes. Data is
    /// allocated in 64 KiB chunks, so a small file costs a whole chunk; holes cost nothing.
    /// Writes beyond the limit fail with a no-space error.
    /// </summary>
    public long MaxTotalBytes { get; set; } = DefaultMaxTotalBytes;

    /// <summary>Most objects (files, directories, links, special files; the root included).</summary>
    public long MaxObjects { get; set; } = DefaultMaxObjects;

    /// <summary>Permission bits of the root directory (0..0xFFF); 0777 by default so any user can create in it.</summary>
    public uint RootMode { get; set; } = 0x1FF;

    /// <summary>Owner of the root directory.</summary>
    public uint RootUid { get; set; }

    /// <summary>Group of the root directory.</summary>
    public uint RootGid { get; set; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a value is out of range.</summary>
    public void Validate()
    {
        if (MaxTotalBytes <= 0)
            throw new ArgumentOutOfRangeException(nameof(MaxTotalBytes), MaxTotalBytes, "must be positive");
        if (MaxObjects < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxObjects), MaxObjects, "must be at least 1 (the root directory)");
        if (RootMode > 0xFFF)
            throw new ArgumentOutOfRangeException(nameof(RootMode), RootMode, "must fit in 12 permission bits");
    }
}
