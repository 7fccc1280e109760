using Nfs.Core.Fsal;

namespace Fsal.Conformance;

/// <summary>An <see cref="IReadDirSink"/> that records entries until it holds <see cref="Capacity"/> of them.</summary>
public sealed class RecordingSink(int capacity) : IReadDirSink
{
    /// <summary>How many entries it accepts.</summary>
    public int Capacity { get; } = capacity;

    /// <summary>Entries accepted, in the order offered.</summary>
    public List<ReadDirEntry> Entries { get; } = [];

    /// <summary>How many times the backend offered an entry (including a refused one).</summary>
    public int Offers { get; private set; }

    /// <inheritdoc/>
    public bool Add(string name, ulong cookie, FsalObject obj, in FsalAttributes attributes)
    {
        Offers++;
        if (Entries.Count >= Capacity) return false;
        Entries.Add(new ReadDirEntry(name, cookie, obj, attributes));
        return true;
    }
}
