using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using Mono.Unix.Native;

namespace Nfs.Core.Identity;

/// <summary>
/// ID mapping through the system's user and group databases (getpwuid/getpwnam and the group
/// equivalents, so NSS sources apply), with numeric strings accepted always and sent when
/// names are off or an id has no name. Results are cached.
/// </summary>
public sealed class SystemIdMapper : IIdMapper
{
    private readonly IdMappingOptions _options;
    private readonly ConcurrentDictionary<uint, string> _userNames = new();
    private readonly ConcurrentDictionary<uint, string> _groupNames = new();
    private readonly ConcurrentDictionary<string, uint?> _userIds = new();
    private readonly ConcurrentDictionary<string, uint?> _groupIds = new();
    private static readonly object DatabaseLock = new();

    /// <summary>Creates a mapper.</summary>
    public SystemIdMapper(IOptions<IdMappingOptions> options) => _options = options.Value;

    /// <inheritdoc/>
    public string UserToString(uint uid) => _userNames.GetOrAdd(uid, static (id, self) =>
    {
        if (self._options.UseNames)
        {
            string? name;
            lock (DatabaseLock) name = Syscall.getpwuid(id)?.pw_name;
            if (name is not null) return name + "@" + self._options.Domain;
        }
        return id.ToString(CultureInfo.InvariantCulture);
    }, this);

    /// <inheritdoc/>
    public string GroupToString(uint gid) => _groupNames.GetOrAdd(gid, static (id, self) =>
    {
        if (self._options.UseNames)
        {
            string? name;
            lock (DatabaseLock) name = Syscall.getgrgid(id)?.gr_name;
            if (name is not null) return name + "@" + self._options.Domain;
        }
        return id.ToString(CultureInfo.InvariantCulture);
    }, this);

    /// <inheritdoc/>
    public bool TryParseUser(string owner, out uint uid) => TryParse(owner, _userIds, static name =>
    {
        lock (DatabaseLock) return Syscall.getpwnam(name)?.pw_uid;
    }, out uid);

    /// <inheritdoc/>
    public bool TryParseGroup(string group, out uint gid) => TryParse(group, _groupIds, static name =>
    {
        lock (DatabaseLock) return Syscall.getgrnam(name)?.gr_gid;
    }, out gid);

    private bool TryParse(string text, ConcurrentDictionary<string, uint?> cache, Func<string, uint?> lookup, out uint id)
    {
        if (text.Length > 0 && text.Length <= 10 && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id)) return true;
        id = 0;
        if (text.Length == 0 || text.Length > 1024) return false;
        string name = text;
        int at = text.IndexOf('@');
        if (at >= 0)
        {
            if (!string.Equals(text[(at + 1)..], _options.Domain, StringComparison.OrdinalIgnoreCase)) return false;
            name = text[..at];
            if (name.Length > 0 && uint.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out id)) return true;
        }
        if (name.Length == 0) return false;
        if (cache.Count > 65536) cache.Clear();
        var found = cache.GetOrAdd(name, lookup);
        if (found is null) return false;
        id = found.Value;
        return true;
    }
}
