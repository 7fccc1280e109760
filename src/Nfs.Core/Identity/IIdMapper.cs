namespace Nfs.Core.Identity;

/// <summary>Maps uids and gids to NFSv4 owner strings and back.</summary>
public interface IIdMapper
{
    /// <summary>The owner string for a uid.</summary>
    string UserToString(uint uid);

    /// <summary>The owner_group string for a gid.</summary>
    string GroupToString(uint gid);

    /// <summary>Parses an owner string (numeric, "name" or "name@domain").</summary>
    bool TryParseUser(string owner, out uint uid);

    /// <summary>Parses an owner_group string.</summary>
    bool TryParseGroup(string group, out uint gid);
}
