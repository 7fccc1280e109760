using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Fsal;

/// <summary>
/// Permission checks by POSIX mode bits, for backends that enforce permissions themselves
/// (the memory backend, the pseudo filesystem). A backend on a real kernel lets the kernel decide.
/// </summary>
public static class PosixPermissions
{
    /// <summary>Read permission bit (of the relevant class).</summary>
    public const int Read = 4;
    /// <summary>Write permission bit.</summary>
    public const int Write = 2;
    /// <summary>Execute/search permission bit.</summary>
    public const int Execute = 1;

    /// <summary>
    /// True when the caller holds all of <paramref name="want"/> (a combination of
    /// <see cref="Read"/>, <see cref="Write"/>, <see cref="Execute"/>) on an object with these
    /// attributes. Root passes everything except execute on a file that nobody may execute.
    /// </summary>
    public static bool Allows(Credential caller, in FsalAttributes attrs, int want)
    {
        if (caller.IsRoot)
        {
            if ((want & Execute) == 0 || attrs.Type == FsalFileType.Directory) return true;
            return (attrs.Mode & 0x49) != 0; // any of u+x, g+x, o+x
        }
        int bits;
        if (caller.Uid == attrs.Uid) bits = (int)(attrs.Mode >> 6) & 7;
        else if (caller.IsInGroup(attrs.Gid)) bits = (int)(attrs.Mode >> 3) & 7;
        else bits = (int)attrs.Mode & 7;
        return (bits & want) == want;
    }

    /// <summary>The NFSv4 access bits granted to <paramref name="caller"/>, limited to <paramref name="requested"/>.</summary>
    public static Access4 Evaluate(Credential caller, in FsalAttributes attrs, Access4 requested)
    {
        Access4 granted = Access4.None;
        bool r = Allows(caller, attrs, Read), w = Allows(caller, attrs, Write), x = Allows(caller, attrs, Execute);
        if (attrs.Type == FsalFileType.Directory)
        {
            if (r) granted |= Access4.Read;
            if (x) granted |= Access4.Lookup;
            if (w && x) granted |= Access4.Modify | Access4.Extend | Access4.Delete;
        }
        else
        {
            if (r) granted |= Access4.Read;
            if (w) granted |= Access4.Modify | Access4.Extend;
            if (x) granted |= Access4.Execute;
        }
        if (r) granted |= Access4.XattrRead | Access4.XattrList;
        if (w) granted |= Access4.XattrWrite;
        return granted & requested;
    }

    /// <summary>
    /// Whether the caller may remove or rename an entry owned by <paramref name="entryUid"/> from a
    /// directory with these attributes: write and search on the directory, and with the sticky
    /// bit set, ownership of the entry or the directory.
    /// </summary>
    public static bool MayDeleteEntry(Credential caller, in FsalAttributes directory, uint entryUid)
    {
        if (!Allows(caller, directory, Write | Execute)) return false;
        if ((directory.Mode & Mode4.Sticky) == 0 || caller.IsRoot) return true;
        return caller.Uid == entryUid || caller.Uid == directory.Uid;
    }
}
