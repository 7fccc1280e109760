using Nfs.Protocol.Mount;

namespace Nfs.Core.Mount;

/// <summary>
/// The mount list DUMP reports: which client mounted which path, kept in memory only (a
/// restart forgets it, as clients expect of this advisory list). Bounded: beyond
/// <see cref="MaxEntries"/> new mounts still succeed but are not listed.
/// </summary>
public sealed class MountTable
{
    /// <summary>Most entries kept.</summary>
    public const int MaxEntries = 10_000;

    private readonly HashSet<MountEntry> _entries = [];

    /// <summary>Records a mount.</summary>
    public void Add(string host, string path)
    {
        lock (_entries)
        {
            if (_entries.Count < MaxEntries) _entries.Add(new MountEntry(host, path));
        }
    }

    /// <summary>Forgets one mount (UMNT).</summary>
    public void Remove(string host, string path)
    {
        lock (_entries) _entries.Remove(new MountEntry(host, path));
    }

    /// <summary>Forgets every mount of a host (UMNTALL).</summary>
    public void RemoveAll(string host)
    {
        lock (_entries) _entries.RemoveWhere(e => e.Host == host);
    }

    /// <summary>The entries, ordered by host and path.</summary>
    public IReadOnlyList<MountEntry> Snapshot()
    {
        lock (_entries)
        {
            return _entries.OrderBy(e => e.Host, StringComparer.Ordinal).ThenBy(e => e.Directory, StringComparer.Ordinal).ToList();
        }
    }
}
