using Nfs.Core.Fsal;

namespace Nfs.Core.Exports;

/// <summary>
/// All exports, addressable by the id in a filehandle, plus the namespace NFSv4 clients see:
/// either the pseudo filesystem (id 0) leading to each export, or a single export at "/".
/// </summary>
public sealed class ExportTable
{
    private readonly Dictionary<ushort, Export> _byId = new();

    /// <summary>The id of the pseudo filesystem in filehandles.</summary>
    public const ushort PseudoExportId = 0;

    /// <summary>Builds the table; ids and pseudo paths must be unique.</summary>
    public ExportTable(IReadOnlyList<Export> exports)
    {
        if (exports.Count == 0) throw new InvalidOperationException("no exports configured");
        foreach (var e in exports)
        {
            if (e.Id == PseudoExportId) throw new InvalidOperationException("export id 0 is reserved for the pseudo filesystem");
            if (!_byId.TryAdd(e.Id, e)) throw new InvalidOperationException($"export id {e.Id} is used twice");
        }
        Exports = exports;
        var atRoot = exports.Where(e => e.PseudoPath == "/").ToList();
        if (atRoot.Count > 0)
        {
            if (exports.Count > 1) throw new InvalidOperationException("an export at \"/\" must be the only export");
            RootExport = atRoot[0];
        }
        else
        {
            Pseudo = new PseudoFileSystem(exports);
            RootExport = new Export(new ExportOptions { Id = PseudoExportId, PseudoPath = "/", Fsal = "pseudo", ReadOnly = true, Squash = SquashMode.None }, Pseudo);
            _byId[PseudoExportId] = RootExport;
        }
    }

    /// <summary>The configured exports.</summary>
    public IReadOnlyList<Export> Exports { get; }

    /// <summary>The pseudo filesystem, or null when one export sits at "/".</summary>
    public PseudoFileSystem? Pseudo { get; }

    /// <summary>The export whose root is the NFSv4 root (the pseudo filesystem or the export at "/").</summary>
    public Export RootExport { get; }

    /// <summary>Finds an export by filehandle id.</summary>
    public bool TryGet(ushort id, out Export export) => _byId.TryGetValue(id, out export!);

    /// <summary>True for the pseudo filesystem's export object.</summary>
    public static bool IsPseudo(Export export) => export.Id == PseudoExportId;

    /// <summary>
    /// If <paramref name="obj"/> is a pseudo directory where an export is mounted, moves to that
    /// export's root. Returns the junction node crossed, or null.
    /// </summary>
    public PseudoNode? CrossJunction(ref Export export, ref FsalObject obj)
    {
        if (obj is PseudoNode { Junction: { } target } node && IsPseudo(export))
        {
            export = target;
            obj = target.FileSystem.Root;
            return node;
        }
        return null;
    }
}
