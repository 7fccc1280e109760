namespace Nfs.Protocol.Nfs4;

/// <summary>nfs_opnum4: NFSv4 operation numbers (4.0, 4.1 and 4.2).</summary>
public enum NfsOp4
{
    /// <summary>OP_ACCESS.</summary>
    Access = 3,
    /// <summary>OP_CLOSE.</summary>
    Close = 4,
    /// <summary>OP_COMMIT.</summary>
    Commit = 5,
    /// <summary>OP_CREATE.</summary>
    Create = 6,
    /// <summary>OP_DELEGPURGE.</summary>
    Delegpurge = 7,
    /// <summary>OP_DELEGRETURN.</summary>
    Delegreturn = 8,
    /// <summary>OP_GETATTR.</summary>
    Getattr = 9,
    /// <summary>OP_GETFH.</summary>
    Getfh = 10,
    /// <summary>OP_LINK.</summary>
    Link = 11,
    /// <summary>OP_LOCK.</summary>
    Lock = 12,
    /// <summary>OP_LOCKT.</summary>
    Lockt = 13,
    /// <summary>OP_LOCKU.</summary>
    Locku = 14,
    /// <summary>OP_LOOKUP.</summary>
    Lookup = 15,
    /// <summary>OP_LOOKUPP.</summary>
    Lookupp = 16,
    /// <summary>OP_NVERIFY.</summary>
    Nverify = 17,
    /// <summary>OP_OPEN.</summary>
    Open = 18,
    /// <summary>OP_OPENATTR.</summary>
    Openattr = 19,
    /// <summary>OP_OPEN_CONFIRM.</summary>
    OpenConfirm = 20,
    /// <summary>OP_OPEN_DOWNGRADE.</summary>
    OpenDowngrade = 21,
    /// <summary>OP_PUTFH.</summary>
    Putfh = 22,
    /// <summary>OP_PUTPUBFH.</summary>
    Putpubfh = 23,
    /// <summary>OP_PUTROOTFH.</summary>
    Putrootfh = 24,
    /// <summary>OP_READ.</summary>
    Read = 25,
    /// <summary>OP_READDIR.</summary>
    Readdir = 26,
    /// <summary>OP_READLINK.</summary>
    Readlink = 27,
    /// <summary>OP_REMOVE.</summary>
    Remove = 28,
    /// <summary>OP_RENAME.</summary>
    Rename = 29,
    /// <summary>OP_RENEW.</summary>
    Renew = 30,
    /// <summary>OP_RESTOREFH.</summary>
    Restorefh = 31,
    /// <summary>OP_SAVEFH.</summary>
    Savefh = 32,
    /// <summary>OP_SECINFO.</summary>
    Secinfo = 33,
    /// <summary>OP_SETATTR.</summary>
    Setattr = 34,
    /// <summary>OP_SETCLIENTID.</summary>
    Setclientid = 35,
    /// <summary>OP_SETCLIENTID_CONFIRM.</summary>
    SetclientidConfirm = 36,
    /// <summary>OP_VERIFY.</summary>
    Verify = 37,
    /// <summary>OP_WRITE.</summary>
    Write = 38,
    /// <summary>OP_RELEASE_LOCKOWNER.</summary>
    ReleaseLockowner = 39,
    /// <summary>OP_BACKCHANNEL_CTL.</summary>
    BackchannelCtl = 40,
    /// <summary>OP_BIND_CONN_TO_SESSION.</summary>
    BindConnToSession = 41,
    /// <summary>OP_EXCHANGE_ID.</summary>
    ExchangeId = 42,
    /// <summary>OP_CREATE_SESSION.</summary>
    CreateSession = 43,
    /// <summary>OP_DESTROY_SESSION.</summary>
    DestroySession = 44,
    /// <summary>OP_FREE_STATEID.</summary>
    FreeStateid = 45,
    /// <summary>OP_GET_DIR_DELEGATION.</summary>
    GetDirDelegation = 46,
    /// <summary>OP_GETDEVICEINFO.</summary>
    Getdeviceinfo = 47,
    /// <summary>OP_GETDEVICELIST.</summary>
    Getdevicelist = 48,
    /// <summary>OP_LAYOUTCOMMIT.</summary>
    Layoutcommit = 49,
    /// <summary>OP_LAYOUTGET.</summary>
    Layoutget = 50,
    /// <summary>OP_LAYOUTRETURN.</summary>
    Layoutreturn = 51,
    /// <summary>OP_SECINFO_NO_NAME.</summary>
    SecinfoNoName = 52,
    /// <summary>OP_SEQUENCE.</summary>
    Sequence = 53,
    /// <summary>OP_SET_SSV.</summary>
    SetSsv = 54,
    /// <summary>OP_TEST_STATEID.</summary>
    TestStateid = 55,
    /// <summary>OP_WANT_DELEGATION.</summary>
    WantDelegation = 56,
    /// <summary>OP_DESTROY_CLIENTID.</summary>
    DestroyClientid = 57,
    /// <summary>OP_RECLAIM_COMPLETE.</summary>
    ReclaimComplete = 58,
    /// <summary>OP_ALLOCATE.</summary>
    Allocate = 59,
    /// <summary>OP_COPY.</summary>
    Copy = 60,
    /// <summary>OP_COPY_NOTIFY.</summary>
    CopyNotify = 61,
    /// <summary>OP_DEALLOCATE.</summary>
    Deallocate = 62,
    /// <summary>OP_IO_ADVISE.</summary>
    IoAdvise = 63,
    /// <summary>OP_LAYOUTERROR.</summary>
    Layouterror = 64,
    /// <summary>OP_LAYOUTSTATS.</summary>
    Layoutstats = 65,
    /// <summary>OP_OFFLOAD_CANCEL.</summary>
    OffloadCancel = 66,
    /// <summary>OP_OFFLOAD_STATUS.</summary>
    OffloadStatus = 67,
    /// <summary>OP_READ_PLUS.</summary>
    ReadPlus = 68,
    /// <summary>OP_SEEK.</summary>
    Seek = 69,
    /// <summary>OP_WRITE_SAME.</summary>
    WriteSame = 70,
    /// <summary>OP_CLONE.</summary>
    Clone = 71,
    /// <summary>OP_GETXATTR.</summary>
    Getxattr = 72,
    /// <summary>OP_SETXATTR.</summary>
    Setxattr = 73,
    /// <summary>OP_LISTXATTRS.</summary>
    Listxattrs = 74,
    /// <summary>OP_REMOVEXATTR.</summary>
    Removexattr = 75,
    /// <summary>OP_ILLEGAL.</summary>
    Illegal = 10044,
}
