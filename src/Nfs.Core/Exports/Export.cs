using System.Net;
using Nfs.Core.Fsal;

namespace Nfs.Core.Exports;

/// <summary>A configured export at run time: its options, backend and access rules.</summary>
public sealed class Export
{
    private readonly ClientNetwork[] _clients;
    private readonly Credential _anonymous;

    /// <summary>Creates an export around a backend instance.</summary>
    public Export(ExportOptions options, IFileSystem fileSystem)
    {
        Options = options;
        Id = checked((ushort)options.Id);
        FileSystem = fileSystem;
        PseudoPath = PseudoPaths.Normalize(options.PseudoPath);
        _clients = options.Clients.Select(ClientNetwork.Parse).ToArray();
        _anonymous = new Credential(options.AnonymousUid, options.AnonymousGid);
        IsReadOnly = options.ReadOnly || fileSystem.Capabilities.ReadOnly;
    }

    /// <summary>The options it was made from.</summary>
    public ExportOptions Options { get; }

    /// <summary>Id in filehandles (0 is the pseudo filesystem).</summary>
    public ushort Id { get; }

    /// <summary>The backend.</summary>
    public IFileSystem FileSystem { get; }

    /// <summary>Normalized pseudo path.</summary>
    public string PseudoPath { get; }

    /// <summary>True when modifications are refused.</summary>
    public bool IsReadOnly { get; }

    /// <summary>The fsid attribute objects of this export report.</summary>
    public (ulong Major, ulong Minor) Fsid => (Id, 0);

    /// <summary>True when the client at <paramref name="address"/> may use this export.</summary>
    public bool AllowsClient(IPAddress address)
    {
        if (_clients.Length == 0) return true;
        foreach (var c in _clients) if (c.Contains(address)) return true;
        return false;
    }

    /// <summary>The identity a caller has on this export after squashing.</summary>
    public Credential MapCredential(Credential caller) => Options.Squash switch
    {
        SquashMode.All => _anonymous,
        SquashMode.Root when caller.IsRoot => _anonymous,
        _ => caller,
    };

    /// <inheritdoc/>
    public override string ToString() => $"export {Id} at {PseudoPath} ({Options.Fsal})";
}
