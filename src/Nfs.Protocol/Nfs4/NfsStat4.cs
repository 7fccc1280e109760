namespace Nfs.Protocol.Nfs4;

/// <summary>nfsstat4: the status of an NFSv4 operation or COMPOUND (RFC 7530, RFC 8881, RFC 7862).</summary>
public enum NfsStat4
{
    /// <summary>NFS4_OK: everything is okay</summary>
    Ok = 0,
    /// <summary>NFS4ERR_PERM: caller not privileged</summary>
    Perm = 1,
    /// <summary>NFS4ERR_NOENT: no such file/directory</summary>
    Noent = 2,
    /// <summary>NFS4ERR_IO: hard I/O error</summary>
    Io = 5,
    /// <summary>NFS4ERR_NXIO: no such device</summary>
    Nxio = 6,
    /// <summary>NFS4ERR_ACCESS: access denied</summary>
    Access = 13,
    /// <summary>NFS4ERR_EXIST: file already exists</summary>
    Exist = 17,
    /// <summary>NFS4ERR_XDEV: different filesystems</summary>
    Xdev = 18,
    /// <summary>NFS4ERR_NOTDIR: should be a directory</summary>
    Notdir = 20,
    /// <summary>NFS4ERR_ISDIR: should not be directory</summary>
    Isdir = 21,
    /// <summary>NFS4ERR_INVAL: invalid argument</summary>
    Inval = 22,
    /// <summary>NFS4ERR_FBIG: file exceeds server max</summary>
    Fbig = 27,
    /// <summary>NFS4ERR_NOSPC: no space on filesystem</summary>
    Nospc = 28,
    /// <summary>NFS4ERR_ROFS: read-only filesystem</summary>
    Rofs = 30,
    /// <summary>NFS4ERR_MLINK: too many hard links</summary>
    Mlink = 31,
    /// <summary>NFS4ERR_NAMETOOLONG: name exceeds server max</summary>
    Nametoolong = 63,
    /// <summary>NFS4ERR_NOTEMPTY: directory not empty</summary>
    Notempty = 66,
    /// <summary>NFS4ERR_DQUOT: hard quota limit reached</summary>
    Dquot = 69,
    /// <summary>NFS4ERR_STALE: file no longer exists</summary>
    Stale = 70,
    /// <summary>NFS4ERR_BADHANDLE: Illegal filehandle</summary>
    Badhandle = 10001,
    /// <summary>NFS4ERR_BAD_COOKIE: READDIR cookie is stale</summary>
    BadCookie = 10003,
    /// <summary>NFS4ERR_NOTSUPP: operation not supported</summary>
    Notsupp = 10004,
    /// <summary>NFS4ERR_TOOSMALL: response limit exceeded</summary>
    Toosmall = 10005,
    /// <summary>NFS4ERR_SERVERFAULT: undefined server error</summary>
    Serverfault = 10006,
    /// <summary>NFS4ERR_BADTYPE: type invalid for CREATE</summary>
    Badtype = 10007,
    /// <summary>NFS4ERR_DELAY: file "busy" - retry</summary>
    Delay = 10008,
    /// <summary>NFS4ERR_SAME: nverify says attrs same</summary>
    Same = 10009,
    /// <summary>NFS4ERR_DENIED: lock unavailable</summary>
    Denied = 10010,
    /// <summary>NFS4ERR_EXPIRED: lock lease expired</summary>
    Expired = 10011,
    /// <summary>NFS4ERR_LOCKED: I/O failed due to lock</summary>
    Locked = 10012,
    /// <summary>NFS4ERR_GRACE: in grace period</summary>
    Grace = 10013,
    /// <summary>NFS4ERR_FHEXPIRED: filehandle expired</summary>
    Fhexpired = 10014,
    /// <summary>NFS4ERR_SHARE_DENIED: share reserve denied</summary>
    ShareDenied = 10015,
    /// <summary>NFS4ERR_WRONGSEC: wrong security flavor</summary>
    Wrongsec = 10016,
    /// <summary>NFS4ERR_CLID_INUSE: clientid in use</summary>
    ClidInuse = 10017,
    /// <summary>NFS4ERR_RESOURCE: resource exhaustion</summary>
    Resource = 10018,
    /// <summary>NFS4ERR_MOVED: filesystem relocated</summary>
    Moved = 10019,
    /// <summary>NFS4ERR_NOFILEHANDLE: current FH is not set</summary>
    Nofilehandle = 10020,
    /// <summary>NFS4ERR_MINOR_VERS_MISMATCH: minor vers not supp</summary>
    MinorVersMismatch = 10021,
    /// <summary>NFS4ERR_STALE_CLIENTID: server has rebooted</summary>
    StaleClientid = 10022,
    /// <summary>NFS4ERR_STALE_STATEID: server has rebooted</summary>
    StaleStateid = 10023,
    /// <summary>NFS4ERR_OLD_STATEID: state is out of sync</summary>
    OldStateid = 10024,
    /// <summary>NFS4ERR_BAD_STATEID: incorrect stateid</summary>
    BadStateid = 10025,
    /// <summary>NFS4ERR_BAD_SEQID: request is out of seq.</summary>
    BadSeqid = 10026,
    /// <summary>NFS4ERR_NOT_SAME: verify - attrs not same</summary>
    NotSame = 10027,
    /// <summary>NFS4ERR_LOCK_RANGE: overlapping lock range</summary>
    LockRange = 10028,
    /// <summary>NFS4ERR_SYMLINK: should be file/directory</summary>
    Symlink = 10029,
    /// <summary>NFS4ERR_RESTOREFH: no saved filehandle</summary>
    Restorefh = 10030,
    /// <summary>NFS4ERR_LEASE_MOVED: some filesystem moved</summary>
    LeaseMoved = 10031,
    /// <summary>NFS4ERR_ATTRNOTSUPP: recommended attr not sup</summary>
    Attrnotsupp = 10032,
    /// <summary>NFS4ERR_NO_GRACE: reclaim outside of grace</summary>
    NoGrace = 10033,
    /// <summary>NFS4ERR_RECLAIM_BAD: reclaim error at server</summary>
    ReclaimBad = 10034,
    /// <summary>NFS4ERR_RECLAIM_CONFLICT: conflict on reclaim</summary>
    ReclaimConflict = 10035,
    /// <summary>NFS4ERR_BADXDR: XDR decode failed</summary>
    Badxdr = 10036,
    /// <summary>NFS4ERR_LOCKS_HELD: file locks held at CLOSE</summary>
    LocksHeld = 10037,
    /// <summary>NFS4ERR_OPENMODE: conflict in OPEN and I/O</summary>
    Openmode = 10038,
    /// <summary>NFS4ERR_BADOWNER: owner translation bad</summary>
    Badowner = 10039,
    /// <summary>NFS4ERR_BADCHAR: utf-8 char not supported</summary>
    Badchar = 10040,
    /// <summary>NFS4ERR_BADNAME: name not supported</summary>
    Badname = 10041,
    /// <summary>NFS4ERR_BAD_RANGE: lock range not supported</summary>
    BadRange = 10042,
    /// <summary>NFS4ERR_LOCK_NOTSUPP: no atomic up/downgrade</summary>
    LockNotsupp = 10043,
    /// <summary>NFS4ERR_OP_ILLEGAL: undefined operation</summary>
    OpIllegal = 10044,
    /// <summary>NFS4ERR_DEADLOCK: file locking deadlock</summary>
    Deadlock = 10045,
    /// <summary>NFS4ERR_FILE_OPEN: open file blocks op.</summary>
    FileOpen = 10046,
    /// <summary>NFS4ERR_ADMIN_REVOKED: lockowner state revoked</summary>
    AdminRevoked = 10047,
    /// <summary>NFS4ERR_CB_PATH_DOWN: callback path down</summary>
    CbPathDown = 10048,
    /// <summary>NFS4ERR_BADIOMODE: NFS4ERR_BADIOMODE</summary>
    Badiomode = 10049,
    /// <summary>NFS4ERR_BADLAYOUT: NFS4ERR_BADLAYOUT</summary>
    Badlayout = 10050,
    /// <summary>NFS4ERR_BAD_SESSION_DIGEST: NFS4ERR_BAD_SESSION_DIGEST</summary>
    BadSessionDigest = 10051,
    /// <summary>NFS4ERR_BADSESSION: NFS4ERR_BADSESSION</summary>
    Badsession = 10052,
    /// <summary>NFS4ERR_BADSLOT: NFS4ERR_BADSLOT</summary>
    Badslot = 10053,
    /// <summary>NFS4ERR_COMPLETE_ALREADY: NFS4ERR_COMPLETE_ALREADY</summary>
    CompleteAlready = 10054,
    /// <summary>NFS4ERR_CONN_NOT_BOUND_TO_SESSION: NFS4ERR_CONN_NOT_BOUND_TO_SESSION</summary>
    ConnNotBoundToSession = 10055,
    /// <summary>NFS4ERR_DELEG_ALREADY_WANTED: NFS4ERR_DELEG_ALREADY_WANTED</summary>
    DelegAlreadyWanted = 10056,
    /// <summary>NFS4ERR_BACK_CHAN_BUSY: backchan reqs outstanding</summary>
    BackChanBusy = 10057,
    /// <summary>NFS4ERR_LAYOUTTRYLATER: NFS4ERR_LAYOUTTRYLATER</summary>
    Layouttrylater = 10058,
    /// <summary>NFS4ERR_LAYOUTUNAVAILABLE: NFS4ERR_LAYOUTUNAVAILABLE</summary>
    Layoutunavailable = 10059,
    /// <summary>NFS4ERR_NOMATCHING_LAYOUT: NFS4ERR_NOMATCHING_LAYOUT</summary>
    NomatchingLayout = 10060,
    /// <summary>NFS4ERR_RECALLCONFLICT: NFS4ERR_RECALLCONFLICT</summary>
    Recallconflict = 10061,
    /// <summary>NFS4ERR_UNKNOWN_LAYOUTTYPE: NFS4ERR_UNKNOWN_LAYOUTTYPE</summary>
    UnknownLayouttype = 10062,
    /// <summary>NFS4ERR_SEQ_MISORDERED: unexpected seq.ID in req</summary>
    SeqMisordered = 10063,
    /// <summary>NFS4ERR_SEQUENCE_POS: [CB_]SEQ. op not 1st op</summary>
    SequencePos = 10064,
    /// <summary>NFS4ERR_REQ_TOO_BIG: request too big</summary>
    ReqTooBig = 10065,
    /// <summary>NFS4ERR_REP_TOO_BIG: reply too big</summary>
    RepTooBig = 10066,
    /// <summary>NFS4ERR_REP_TOO_BIG_TO_CACHE: rep. not all cached</summary>
    RepTooBigToCache = 10067,
    /// <summary>NFS4ERR_RETRY_UNCACHED_REP: retry + rep. uncached</summary>
    RetryUncachedRep = 10068,
    /// <summary>NFS4ERR_UNSAFE_COMPOUND: retry/recovery too hard</summary>
    UnsafeCompound = 10069,
    /// <summary>NFS4ERR_TOO_MANY_OPS: too many ops in [CB_]COMP</summary>
    TooManyOps = 10070,
    /// <summary>NFS4ERR_OP_NOT_IN_SESSION: op needs [CB_]SEQ. op</summary>
    OpNotInSession = 10071,
    /// <summary>NFS4ERR_HASH_ALG_UNSUPP: hash alg. not supp.</summary>
    HashAlgUnsupp = 10072,
    /// <summary>NFS4ERR_CLIENTID_BUSY: clientid has state</summary>
    ClientidBusy = 10074,
    /// <summary>NFS4ERR_PNFS_IO_HOLE: IO to _SPARSE file hole</summary>
    PnfsIoHole = 10075,
    /// <summary>NFS4ERR_SEQ_FALSE_RETRY: Retry != original req.</summary>
    SeqFalseRetry = 10076,
    /// <summary>NFS4ERR_BAD_HIGH_SLOT: req has bad highest_slot</summary>
    BadHighSlot = 10077,
    /// <summary>NFS4ERR_DEADSESSION: new req sent to dead sess</summary>
    Deadsession = 10078,
    /// <summary>NFS4ERR_ENCR_ALG_UNSUPP: encr alg. not supp.</summary>
    EncrAlgUnsupp = 10079,
    /// <summary>NFS4ERR_PNFS_NO_LAYOUT: I/O without a layout</summary>
    PnfsNoLayout = 10080,
    /// <summary>NFS4ERR_NOT_ONLY_OP: addl ops not allowed</summary>
    NotOnlyOp = 10081,
    /// <summary>NFS4ERR_WRONG_CRED: op done by wrong cred</summary>
    WrongCred = 10082,
    /// <summary>NFS4ERR_WRONG_TYPE: op on wrong type object</summary>
    WrongType = 10083,
    /// <summary>NFS4ERR_DIRDELEG_UNAVAIL: delegation not avail.</summary>
    DirdelegUnavail = 10084,
    /// <summary>NFS4ERR_REJECT_DELEG: cb rejected delegation</summary>
    RejectDeleg = 10085,
    /// <summary>NFS4ERR_RETURNCONFLICT: layout get before return</summary>
    Returnconflict = 10086,
    /// <summary>NFS4ERR_DELEG_REVOKED: deleg./layout revoked</summary>
    DelegRevoked = 10087,
    /// <summary>NFS4ERR_PARTNER_NOTSUPP: s2s not supported</summary>
    PartnerNotsupp = 10088,
    /// <summary>NFS4ERR_PARTNER_NO_AUTH: s2s not authorized</summary>
    PartnerNoAuth = 10089,
    /// <summary>NFS4ERR_UNION_NOTSUPP: Arm of union not supp</summary>
    UnionNotsupp = 10090,
    /// <summary>NFS4ERR_OFFLOAD_DENIED: dest not allowing copy</summary>
    OffloadDenied = 10091,
    /// <summary>NFS4ERR_WRONG_LFS: LFS not supported</summary>
    WrongLfs = 10092,
    /// <summary>NFS4ERR_BADLABEL: incorrect label</summary>
    Badlabel = 10093,
    /// <summary>NFS4ERR_OFFLOAD_NO_REQS: dest not meeting reqs</summary>
    OffloadNoReqs = 10094,
    /// <summary>NFS4ERR_NOXATTR: xattr does not exist</summary>
    Noxattr = 10095,
    /// <summary>NFS4ERR_XATTR2BIG: xattr value is too big</summary>
    Xattr2big = 10096,
}
