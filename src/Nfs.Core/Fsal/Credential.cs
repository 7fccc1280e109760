namespace Nfs.Core.Fsal;

/// <summary>
/// The identity an operation runs as, after squashing: uid, primary gid and supplementary
/// groups. Immutable, so one instance can be shared by every request of a connection that
/// presents the same AUTH_SYS credential.
/// </summary>
public sealed class Credential : IEquatable<Credential>
{
    /// <summary>The conventional "nobody" id used for anonymous callers.</summary>
    public const uint Nobody = 65534;

    /// <summary>Creates a credential.</summary>
    public Credential(uint uid, uint gid, IReadOnlyList<uint>? groups = null)
    {
        Uid = uid;
        Gid = gid;
        Groups = groups ?? [];
    }

    /// <summary>The superuser.</summary>
    public static Credential Root { get; } = new(0, 0);

    /// <summary>nobody/nogroup.</summary>
    public static Credential Anonymous { get; } = new(Nobody, Nobody);

    /// <summary>Effective user id.</summary>
    public uint Uid { get; }

    /// <summary>Effective group id.</summary>
    public uint Gid { get; }

    /// <summary>Supplementary group ids.</summary>
    public IReadOnlyList<uint> Groups { get; }

    /// <summary>True for uid 0.</summary>
    public bool IsRoot => Uid == 0;

    /// <summary>True when <paramref name="gid"/> is the primary or a supplementary group.</summary>
    public bool IsInGroup(uint gid)
    {
        if (Gid == gid) return true;
        for (int i = 0; i < Groups.Count; i++) if (Groups[i] == gid) return true;
        return false;
    }

    /// <inheritdoc/>
    public bool Equals(Credential? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (Uid != other.Uid || Gid != other.Gid || Groups.Count != other.Groups.Count) return false;
        for (int i = 0; i < Groups.Count; i++) if (Groups[i] != other.Groups[i]) return false;
        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Credential);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Uid, Gid, Groups.Count);

    /// <inheritdoc/>
    public override string ToString() => $"uid={Uid} gid={Gid} groups=[{string.Join(",", Groups)}]";
}
