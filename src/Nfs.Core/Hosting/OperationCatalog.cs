using Nfs.Core.Nfs4;
using Nfs.Core.Nfs4.Operations;
using Nfs.Protocol.Nfs4;

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
        new ExchangeIdHandler(), new CreateSessionHandler(), new SequenceHandler(), new DestroySessionHandler(), new DestroyClientIdHandler(),
        new BindConnToSessionHandler(), new BackchannelCtlHandler(), new ReclaimCompleteHandler(), new FreeStateIdHandler(), new TestStateIdHandler(),
        new SecInfoNoNameHandler(),
        new NotSupportedHandler(NfsOp4.GetDirDelegation), new NotSupportedHandler(NfsOp4.Getdeviceinfo), new NotSupportedHandler(NfsOp4.Getdevicelist),
        new NotSupportedHandler(NfsOp4.Layoutcommit), new NotSupportedHandler(NfsOp4.Layoutget), new NotSupportedHandler(NfsOp4.Layoutreturn),
        new NotSupportedHandler(NfsOp4.SetSsv), new NotSupportedHandler(NfsOp4.WantDelegation),
        new NotSupportedHandler(NfsOp4.CopyNotify, 2), new NotSupportedHandler(NfsOp4.IoAdvise, 2), new NotSupportedHandler(NfsOp4.Layouterror, 2),
        new NotSupportedHandler(NfsOp4.Layoutstats, 2), new NotSupportedHandler(NfsOp4.WriteSame, 2),
        new AllocateHandler(), new CopyHandler(), new DeallocateHandler(), new OffloadCancelHandler(), new OffloadStatusHandler(),
        new ReadPlusHandler(), new SeekHandler(), new CloneHandler(),
        new GetXattrHandler(), new SetXattrHandler(), new ListXattrsHandler(), new RemoveXattrHandler(),
    ];
}
