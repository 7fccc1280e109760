using Nfs.Core.Nfs3.Procedures;

namespace Nfs.Core.Nfs3;

/// <summary>The NFSv3 procedure handlers the server registers (NULL is answered by the program itself).</summary>
public static class Nfs3Procedures
{
    /// <summary>Every handler.</summary>
    public static IReadOnlyList<Nfs3Handler> All() =>
    [
        new GetAttrHandler(), new SetAttrHandler(), new LookupHandler(), new AccessHandler(), new ReadLinkHandler(),
        new ReadHandler(), new WriteHandler(), new CreateHandler(), new MkdirHandler(), new SymlinkHandler(),
        new MknodHandler(), new RemoveHandler(), new RmdirHandler(), new RenameHandler(), new LinkHandler(),
        new ReadDirHandler(), new ReadDirPlusHandler(), new FsStatHandler(), new FsInfoHandler(), new PathConfHandler(),
        new CommitHandler(),
    ];
}
