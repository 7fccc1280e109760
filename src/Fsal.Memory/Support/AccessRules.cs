using Fsal.Memory.Nodes;
using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;

namespace Fsal.Memory.Support;

/// <summary>
/// Permission checks on nodes, built on <see cref="PosixPermissions"/> plus the NFS-specific
/// rules knfsd applies to regular files. The caller holds the node's lock.
/// </summary>
internal static class AccessRules
{
    /// <summary>The group execute bit.</summary>
    public const uint GroupExecute = 0x8;

    /// <summary>True when the caller holds all of <paramref name="want"/> (<see cref="PosixPermissions"/> bits) by the mode.</summary>
    public static bool Allows(Credential caller, MemoryNode node, int want)
    {
        FsalAttributes attributes = node.PermissionAttributes();
        return PosixPermissions.Allows(caller, attributes, want);
    }

    /// <summary>
    /// May the caller read the data of a regular file? Besides read permission: its owner always
    /// may (knfsd's owner override: NFS checks permission on every READ, not once at open, so a
    /// file its owner created read-only must stay usable through that open), and so may anyone
    /// with execute permission, since a client cannot run a binary it cannot read.
    /// </summary>
    public static bool MayReadData(Credential caller, MemoryNode node)
    {
        if (caller.Uid == node.Uid || Allows(caller, node, PosixPermissions.Read)) return true;
        return Allows(caller, node, PosixPermissions.Execute);
    }

    /// <summary>May the caller write (or truncate) a regular file? Write permission, or ownership (the owner override).</summary>
    public static bool MayWriteData(Credential caller, MemoryNode node) =>
        caller.Uid == node.Uid || Allows(caller, node, PosixPermissions.Write);

    /// <summary>
    /// What a data change by the caller does to the setuid and setgid bits: an unprivileged
    /// write or truncate clears setuid, and setgid when group execute is set (as Linux does),
    /// so nobody can plant code in a privileged executable.
    /// </summary>
    public static uint ModeAfterWrite(Credential caller, uint mode)
    {
        if (caller.IsRoot) return mode;
        mode &= ~Mode4.SetUid;
        if ((mode & GroupExecute) != 0) mode &= ~Mode4.SetGid;
        return mode;
    }
}
