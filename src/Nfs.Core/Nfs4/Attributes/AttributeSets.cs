using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Nfs4.Attributes;

/// <summary>Which fattr4 attributes the server supports, can set, and which need filesystem statistics.</summary>
public static class AttributeSets
{
    /// <summary>Attributes supported on every export, in NFSv4.0.</summary>
    public static readonly Bitmap4 Supported40 = Bitmap4.Of(
        A.SupportedAttrs, A.Type, A.FhExpireType, A.Change, A.Size, A.LinkSupport, A.SymlinkSupport,
        A.NamedAttr, A.Fsid, A.UniqueHandles, A.LeaseTime, A.RdattrError, A.Aclsupport, A.Cansettime,
        A.CaseInsensitive, A.CasePreserving, A.ChownRestricted, A.Filehandle, A.Fileid, A.FilesAvail,
        A.FilesFree, A.FilesTotal, A.Homogeneous, A.Maxfilesize, A.Maxlink, A.Maxname, A.Maxread,
        A.Maxwrite, A.Mode, A.NoTrunc, A.Numlinks, A.Owner, A.OwnerGroup, A.Rawdev, A.SpaceAvail,
        A.SpaceFree, A.SpaceTotal, A.SpaceUsed, A.TimeAccess, A.TimeAccessSet, A.TimeDelta,
        A.TimeMetadata, A.TimeModify, A.TimeModifySet, A.MountedOnFileid);

    /// <summary>Attributes a client may set.</summary>
    public static readonly Bitmap4 Writable = Bitmap4.Of(A.Size, A.Mode, A.Owner, A.OwnerGroup, A.TimeAccessSet, A.TimeModifySet);

    /// <summary>Attributes that can only be set, never read.</summary>
    public static readonly Bitmap4 WriteOnly = Bitmap4.Of(A.TimeAccessSet, A.TimeModifySet);

    /// <summary>Attributes that need <see cref="IFileSystem.GetFsStatsAsync"/>.</summary>
    public static readonly Bitmap4 NeedFsStats = Bitmap4.Of(A.FilesAvail, A.FilesFree, A.FilesTotal, A.SpaceAvail, A.SpaceFree, A.SpaceTotal);

    /// <summary>Attributes that need the object's attributes from the backend (the rest are static or per export).</summary>
    public static readonly Bitmap4 NeedObjectAttributes = Bitmap4.Of(
        A.Type, A.Change, A.Size, A.Fileid, A.Mode, A.Numlinks, A.Owner, A.OwnerGroup, A.Rawdev, A.SpaceUsed,
        A.TimeAccess, A.TimeMetadata, A.TimeModify, A.MountedOnFileid);

    /// <summary>Attributes supported in NFSv4.1.</summary>
    public static readonly Bitmap4 Supported41 = Supported40.With(A.SuppattrExclcreat).With(A.OpenArguments);

    /// <summary>Attributes supported in NFSv4.2.</summary>
    public static readonly Bitmap4 Supported42 = Supported41.With(A.XattrSupport);

    /// <summary>Attributes supported in NFSv4.2 on exports whose backend clones (<see cref="ICloneFiles"/>): clone_blksize too.</summary>
    public static readonly Bitmap4 Supported42Clone = Supported42.With(A.CloneBlksize);

    /// <summary>Attributes an EXCLUSIVE4_1 create may set (the verifier lives in the times).</summary>
    public static readonly Bitmap4 ExclusiveCreate = Bitmap4.Of(A.Size, A.Mode, A.Owner, A.OwnerGroup);

    /// <summary>The attributes supported for a minor version.</summary>
    public static Bitmap4 SupportedFor(uint minorVersion) => minorVersion switch
    {
        0 => Supported40,
        1 => Supported41,
        _ => Supported42,
    };

    /// <summary>The attributes supported for a minor version on an export with this backend.</summary>
    public static Bitmap4 SupportedFor(uint minorVersion, IFileSystem fileSystem) =>
        minorVersion >= 2 && fileSystem is ICloneFiles ? Supported42Clone : SupportedFor(minorVersion);
}
