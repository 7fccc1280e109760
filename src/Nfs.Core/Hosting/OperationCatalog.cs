using Nfs.Core.Nfs4;
using Nfs.Core.Nfs4.Operations;

namespace Nfs.Core.Hosting;

/// <summary>The NFSv4 operation handlers the server registers.</summary>
public static class OperationCatalog
{
    /// <summary>Every handler.</summary>
    public static IReadOnlyList<Nfs4Operation> All() =>
    [
        new AccessHandler(), new CloseHandler(), new CommitHandler(), new CreateHandler(), new DelegPurgeHandler(),
        new DelegReturnHandler(), new GetAttrHandler(), new GetFhHandler(), new LinkHandler(), new LockHandler(),
        new LockTestHandler(), new LockUHandler(), new LookupHandler(), new LookupParentHandler(), new NVerifyHandler(),
        new OpenHandler(), new OpenAttrHandler(), new OpenConfirmHandler(), new OpenDowngradeHandler(), new PutFhHandler(),
        new PutPubFhHandler(), new PutRootFhHandler(), new ReadHandler(), new ReadDirHandler(), new ReadLinkHandler(),
        new RemoveHandler(), new RenameHandler(), new RenewHandler(), new RestoreFhHandler(), new SaveFhHandler(),
        new SecInfoHandler(), new SetAttrHandler(), new SetClientIdHandler(), new SetClientIdConfirmHandler(), new VerifyHandler(),
        new WriteHandler(), new ReleaseLockOwnerHandler(),
    ];
}
