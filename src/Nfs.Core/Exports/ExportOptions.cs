using System.ComponentModel.DataAnnotations;
using Nfs.Core.Fsal;

namespace Nfs.Core.Exports;

/// <summary>How caller identities are mapped on an export.</summary>
public enum SquashMode
{
    /// <summary>Callers keep their identity, root included.</summary>
    None,
    /// <summary>uid 0 becomes the anonymous uid and gid (the safe default).</summary>
    Root,
    /// <summary>Every caller becomes the anonymous uid and gid.</summary>
    All,
}

/// <summary>One export: a backend filesystem published at a path of the NFSv4 pseudo filesystem.</summary>
public sealed class ExportOptions
{
    /// <summary>Identifier carried in every filehandle of this export; must stay the same across restarts (1 to 65535).</summary>
    [Range(1, 65535)]
    public int Id { get; set; } = 1;

    /// <summary>Where NFSv4 clients find the export in the pseudo filesystem ("/" makes it the root).</summary>
    [Required]
    public string PseudoPath { get; set; } = "/";

    /// <summary>Name of the backend that serves it, as registered (for example "memory", "posix", "gluster").</summary>
    public string Fsal { get; set; } = "memory";

    /// <summary>When true, every modifying operation is refused with a read-only-filesystem error.</summary>
    public bool ReadOnly { get; set; }

    /// <summary>Identity squashing.</summary>
    public SquashMode Squash { get; set; } = SquashMode.Root;

    /// <summary>The uid squashed callers get.</summary>
    public uint AnonymousUid { get; set; } = Credential.Nobody;

    /// <summary>The gid squashed callers get.</summary>
    public uint AnonymousGid { get; set; } = Credential.Nobody;

    /// <summary>Client networks allowed, in CIDR form ("10.0.0.0/8", "127.0.0.1", "::1/128"); empty means every client.</summary>
    public List<string> Clients { get; set; } = [];

    /// <summary>Backend-specific settings (for example the directory a POSIX export serves).</summary>
    public Dictionary<string, string> Settings { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A ready backend instance supplied by an embedding host; when set, <see cref="Fsal"/> is
    /// not used to create one. Not bindable from configuration.
    /// </summary>
    public IFileSystem? FileSystem { get; set; }
}
