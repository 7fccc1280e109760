namespace Fsal.Gluster.Volumes;

/// <summary>
/// A cache-invalidation upcall: another client of the volume changed <see cref="Object"/>
/// (<see cref="Flags"/> are gfapi's GFAPI_UP_* bits: what changed), and with it possibly the
/// directories <see cref="Parent"/> and <see cref="OldParent"/> (a rename).
/// </summary>
internal readonly record struct GlusterUpcall(Gfid Object, uint Flags, Gfid? Parent, Gfid? OldParent)
{
    /// <summary>GFAPI_UP_ATIME: only the access time moved (someone read).</summary>
    public const uint AccessTimeOnly = 0x20;

    /// <summary>True when the change is more than an access-time update.</summary>
    public bool ChangesContent => (Flags & ~AccessTimeOnly) != 0;
}
