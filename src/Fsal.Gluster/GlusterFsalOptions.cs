using Fsal.Gluster.Volumes;

namespace Fsal.Gluster;

/// <summary>Settings of a <see cref="GlusterFileSystem"/>.</summary>
public sealed class GlusterFsalOptions
{
    /// <summary>The volume name.</summary>
    public string Volume { get; set; } = "";

    /// <summary>glusterd servers to fetch the volume layout from, "HOST[:PORT]" separated by commas (port 24007 by default).</summary>
    public string VolfileServers { get; set; } = "127.0.0.1";

    /// <summary>The directory of the volume to export ("/" for the whole volume).</summary>
    public string Path { get; set; } = "/";

    /// <summary>gfapi's own log file (warnings and errors); none when empty.</summary>
    public string? LogFile { get; set; }

    /// <summary>
    /// Links a file may have: the volume's storage.max-hardlinks (100 unless the volume sets
    /// otherwise), which gfapi does not report.
    /// </summary>
    public uint MaxLinks { get; set; } = 100;

    /// <summary>Objects (each with a gfapi object, a reference to an inode) kept between requests.</summary>
    public int MaxCachedObjects { get; set; } = 16384;

    /// <summary>OS threads that make the blocking gfapi calls (each with its own identity).</summary>
    public int Threads { get; set; } = Math.Max(8, Environment.ProcessorCount * 4);

    /// <summary>The parsed <see cref="VolfileServers"/>.</summary>
    public IReadOnlyList<VolfileServer> ParseServers() =>
        VolfileServers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(VolfileServer.Parse).ToArray();

    /// <summary>Throws <see cref="ArgumentException"/> when a value is out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Volume)) throw new ArgumentException("a Gluster export needs a Volume", nameof(Volume));
        if (ParseServers().Count == 0) throw new ArgumentException("a Gluster export needs at least one volfile server", nameof(VolfileServers));
        if (string.IsNullOrEmpty(Path) || Path[0] != '/') throw new ArgumentException($"'{Path}' is not an absolute path within the volume", nameof(Path));
        if (MaxCachedObjects < 16) throw new ArgumentOutOfRangeException(nameof(MaxCachedObjects), MaxCachedObjects, "must be at least 16");
        if (MaxLinks < 1) throw new ArgumentOutOfRangeException(nameof(MaxLinks), MaxLinks, "must be at least 1");
        if (Threads is < 1 or > 1024) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "must be 1 to 1024");
    }
}
