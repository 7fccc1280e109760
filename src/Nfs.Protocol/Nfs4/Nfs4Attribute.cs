namespace Nfs.Protocol.Nfs4;

/// <summary>fattr4 attribute numbers (bit positions in a bitmap4).</summary>
public static class Nfs4Attribute
{
    /// <summary>FATTR4_SUPPORTED_ATTRS.</summary>
    public const int SupportedAttrs = 0;
    /// <summary>FATTR4_TYPE.</summary>
    public const int Type = 1;
    /// <summary>FATTR4_FH_EXPIRE_TYPE.</summary>
    public const int FhExpireType = 2;
    /// <summary>FATTR4_CHANGE.</summary>
    public const int Change = 3;
    /// <summary>FATTR4_SIZE.</summary>
    public const int Size = 4;
    /// <summary>FATTR4_LINK_SUPPORT.</summary>
    public const int LinkSupport = 5;
    /// <summary>FATTR4_SYMLINK_SUPPORT.</summary>
    public const int SymlinkSupport = 6;
    /// <summary>FATTR4_NAMED_ATTR.</summary>
    public const int NamedAttr = 7;
    /// <summary>FATTR4_FSID.</summary>
    public const int Fsid = 8;
    /// <summary>FATTR4_UNIQUE_HANDLES.</summary>
    public const int UniqueHandles = 9;
    /// <summary>FATTR4_LEASE_TIME.</summary>
    public const int LeaseTime = 10;
    /// <summary>FATTR4_RDATTR_ERROR.</summary>
    public const int RdattrError = 11;
    /// <summary>FATTR4_FILEHANDLE.</summary>
    public const int Filehandle = 19;
    /// <summary>FATTR4_SUPPATTR_EXCLCREAT.</summary>
    public const int SuppattrExclcreat = 75;
    /// <summary>FATTR4_ACL.</summary>
    public const int Acl = 12;
    /// <summary>FATTR4_ACLSUPPORT.</summary>
    public const int Aclsupport = 13;
    /// <summary>FATTR4_ARCHIVE.</summary>
    public const int Archive = 14;
    /// <summary>FATTR4_CANSETTIME.</summary>
    public const int Cansettime = 15;
    /// <summary>FATTR4_CASE_INSENSITIVE.</summary>
    public const int CaseInsensitive = 16;
    /// <summary>FATTR4_CASE_PRESERVING.</summary>
    public const int CasePreserving = 17;
    /// <summary>FATTR4_CHOWN_RESTRICTED.</summary>
    public const int ChownRestricted = 18;
    /// <summary>FATTR4_FILEID.</summary>
    public const int Fileid = 20;
    /// <summary>FATTR4_FILES_AVAIL.</summary>
    public const int FilesAvail = 21;
    /// <summary>FATTR4_FILES_FREE.</summary>
    public const int FilesFree = 22;
    /// <summary>FATTR4_FILES_TOTAL.</summary>
    public const int FilesTotal = 23;
    /// <summary>FATTR4_FS_LOCATIONS.</summary>
    public const int FsLocations = 24;
    /// <summary>FATTR4_HIDDEN.</summary>
    public const int Hidden = 25;
    /// <summary>FATTR4_HOMOGENEOUS.</summary>
    public const int Homogeneous = 26;
    /// <summary>FATTR4_MAXFILESIZE.</summary>
    public const int Maxfilesize = 27;
    /// <summary>FATTR4_MAXLINK.</summary>
    public const int Maxlink = 28;
    /// <summary>FATTR4_MAXNAME.</summary>
    public const int Maxname = 29;
    /// <summary>FATTR4_MAXREAD.</summary>
    public const int Maxread = 30;
    /// <summary>FATTR4_MAXWRITE.</summary>
    public const int Maxwrite = 31;
    /// <summary>FATTR4_MIMETYPE.</summary>
    public const int Mimetype = 32;
    /// <summary>FATTR4_MODE.</summary>
    public const int Mode = 33;
    /// <summary>FATTR4_NO_TRUNC.</summary>
    public const int NoTrunc = 34;
    /// <summary>FATTR4_NUMLINKS.</summary>
    public const int Numlinks = 35;
    /// <summary>FATTR4_OWNER.</summary>
    public const int Owner = 36;
    /// <summary>FATTR4_OWNER_GROUP.</summary>
    public const int OwnerGroup = 37;
    /// <summary>FATTR4_QUOTA_AVAIL_HARD.</summary>
    public const int QuotaAvailHard = 38;
    /// <summary>FATTR4_QUOTA_AVAIL_SOFT.</summary>
    public const int QuotaAvailSoft = 39;
    /// <summary>FATTR4_QUOTA_USED.</summary>
    public const int QuotaUsed = 40;
    /// <summary>FATTR4_RAWDEV.</summary>
    public const int Rawdev = 41;
    /// <summary>FATTR4_SPACE_AVAIL.</summary>
    public const int SpaceAvail = 42;
    /// <summary>FATTR4_SPACE_FREE.</summary>
    public const int SpaceFree = 43;
    /// <summary>FATTR4_SPACE_TOTAL.</summary>
    public const int SpaceTotal = 44;
    /// <summary>FATTR4_SPACE_USED.</summary>
    public const int SpaceUsed = 45;
    /// <summary>FATTR4_SYSTEM.</summary>
    public const int System = 46;
    /// <summary>FATTR4_TIME_ACCESS.</summary>
    public const int TimeAccess = 47;
    /// <summary>FATTR4_TIME_ACCESS_SET.</summary>
    public const int TimeAccessSet = 48;
    /// <summary>FATTR4_TIME_BACKUP.</summary>
    public const int TimeBackup = 49;
    /// <summary>FATTR4_TIME_CREATE.</summary>
    public const int TimeCreate = 50;
    /// <summary>FATTR4_TIME_DELTA.</summary>
    public const int TimeDelta = 51;
    /// <summary>FATTR4_TIME_METADATA.</summary>
    public const int TimeMetadata = 52;
    /// <summary>FATTR4_TIME_MODIFY.</summary>
    public const int TimeModify = 53;
    /// <summary>FATTR4_TIME_MODIFY_SET.</summary>
    public const int TimeModifySet = 54;
    /// <summary>FATTR4_MOUNTED_ON_FILEID.</summary>
    public const int MountedOnFileid = 55;
    /// <summary>FATTR4_DIR_NOTIF_DELAY.</summary>
    public const int DirNotifDelay = 56;
    /// <summary>FATTR4_DIRENT_NOTIF_DELAY.</summary>
    public const int DirentNotifDelay = 57;
    /// <summary>FATTR4_DACL.</summary>
    public const int Dacl = 58;
    /// <summary>FATTR4_SACL.</summary>
    public const int Sacl = 59;
    /// <summary>FATTR4_CHANGE_POLICY.</summary>
    public const int ChangePolicy = 60;
    /// <summary>FATTR4_FS_STATUS.</summary>
    public const int FsStatus = 61;
    /// <summary>FATTR4_FS_LAYOUT_TYPES.</summary>
    public const int FsLayoutTypes = 62;
    /// <summary>FATTR4_LAYOUT_HINT.</summary>
    public const int LayoutHint = 63;
    /// <summary>FATTR4_LAYOUT_TYPES.</summary>
    public const int LayoutTypes = 64;
    /// <summary>FATTR4_LAYOUT_BLKSIZE.</summary>
    public const int LayoutBlksize = 65;
    /// <summary>FATTR4_LAYOUT_ALIGNMENT.</summary>
    public const int LayoutAlignment = 66;
    /// <summary>FATTR4_FS_LOCATIONS_INFO.</summary>
    public const int FsLocationsInfo = 67;
    /// <summary>FATTR4_MDSTHRESHOLD.</summary>
    public const int Mdsthreshold = 68;
    /// <summary>FATTR4_RETENTION_GET.</summary>
    public const int RetentionGet = 69;
    /// <summary>FATTR4_RETENTION_SET.</summary>
    public const int RetentionSet = 70;
    /// <summary>FATTR4_RETENTEVT_GET.</summary>
    public const int RetentevtGet = 71;
    /// <summary>FATTR4_RETENTEVT_SET.</summary>
    public const int RetentevtSet = 72;
    /// <summary>FATTR4_RETENTION_HOLD.</summary>
    public const int RetentionHold = 73;
    /// <summary>FATTR4_MODE_SET_MASKED.</summary>
    public const int ModeSetMasked = 74;
    /// <summary>FATTR4_FS_CHARSET_CAP.</summary>
    public const int FsCharsetCap = 76;
    /// <summary>FATTR4_CLONE_BLKSIZE.</summary>
    public const int CloneBlksize = 77;
    /// <summary>FATTR4_SPACE_FREED.</summary>
    public const int SpaceFreed = 78;
    /// <summary>FATTR4_CHANGE_ATTR_TYPE.</summary>
    public const int ChangeAttrType = 79;
    /// <summary>FATTR4_SEC_LABEL.</summary>
    public const int SecLabel = 80;
    /// <summary>FATTR4_MODE_UMASK (RFC 8275).</summary>
    public const int ModeUmask = 81;
    /// <summary>FATTR4_XATTR_SUPPORT.</summary>
    public const int XattrSupport = 82;
    /// <summary>FATTR4_OFFLINE.</summary>
    public const int Offline = 83;
    /// <summary>FATTR4_OPEN_ARGUMENTS.</summary>
    public const int OpenArguments = 86;
    /// <summary>FATTR4_TIME_DELEG_ACCESS.</summary>
    public const int TimeDelegAccess = 84;
    /// <summary>FATTR4_TIME_DELEG_MODIFY.</summary>
    public const int TimeDelegModify = 85;
}
