namespace Fsal.Posix.Objects;

/// <summary>
/// The names of one directory as getdents64 gave them, with their cookies (d_off) and, once
/// looked up, their keys: READDIR of a directory that has not changed then needs no system call
/// per entry. Valid while the directory's change attribute (its ctime, which every change of
/// its names updates) is the one recorded, and no change through this server invalidated it.
/// </summary>
internal sealed class DirectoryListing(ulong change, DirectoryListing.Entry[] entries)
{
    private Dictionary<ulong, int>? _indexByCookie;

    /// <summary>The directory's change attribute when the names were read.</summary>
    public ulong Change { get; } = change;

    /// <summary>The entries in getdents order.</summary>
    public Entry[] Entries { get; } = entries;

    /// <summary>
    /// The index of the entry after the one with <paramref name="cookie"/>; 0 for the start
    /// (<paramref name="cookie"/> 0); -1 when no entry has that cookie.
    /// </summary>
    public int IndexAfter(ulong cookie)
    {
        if (cookie == 0) return 0;
        var index = Volatile.Read(ref _indexByCookie);
        if (index is null)
        {
            index = new Dictionary<ulong, int>(Entries.Length);
            for (int i = 0; i < Entries.Length; i++) index.TryAdd(Entries[i].Cookie, i);
            Volatile.Write(ref _indexByCookie, index);
        }
        return index.TryGetValue(cookie, out int at) ? at + 1 : -1;
    }

    /// <summary>
    /// One name. <see cref="Key"/> is filled on first use; <see cref="Hidden"/> marks a name that
    /// READDIR leaves out (a mount point). Both are set idempotently by whichever thread comes first.
    /// </summary>
    public sealed class Entry(string name, byte[] nameZ, ulong cookie)
    {
        public string Name { get; } = name;
        public byte[] NameZ { get; } = nameZ;
        public ulong Cookie { get; } = cookie;
        public volatile byte[]? Key;
        public volatile bool Hidden;

        /// <summary>
        /// The entry's attributes and the object READDIR offered with them, as last read: used
        /// again while no invalidation happened anywhere since (<see cref="CachedEntry.Version"/>)
        /// and they have not expired. Kept here so a walk reads them in directory order, without two
        /// hash lookups per entry (most of a cached walk's time went to those lookups' cache misses).
        /// </summary>
        public volatile CachedEntry? Cached;
    }

    /// <summary>What <see cref="Entry.Cached"/> holds: replaced whole, never changed, so readers see one consistent value.</summary>
    public sealed record CachedEntry(Nfs.Core.Fsal.FsalAttributes Attributes, Nfs.Core.Fsal.FsalObject Object, long Version, long ExpiresMs);
}
