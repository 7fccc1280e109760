using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Xdr;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Nfs4.Attributes;

/// <summary>What an fattr4 is built from.</summary>
public readonly ref struct AttributeSource
{
    /// <summary>Creates a source.</summary>
    public AttributeSource(Export export, in FsalAttributes attributes, in NfsFileHandle handle, FsalFsStats? stats, ulong mountedOnFileId, NfsStat4 readError = NfsStat4.Ok)
    {
        Export = export;
        Attributes = ref attributes;
        Handle = ref handle;
        Stats = stats;
        MountedOnFileId = mountedOnFileId;
        ReadError = readError;
    }

    /// <summary>The object's export.</summary>
    public Export Export { get; }

    /// <summary>The object's attributes.</summary>
    public readonly ref readonly FsalAttributes Attributes;

    /// <summary>The object's filehandle.</summary>
    public readonly ref readonly NfsFileHandle Handle;

    /// <summary>Filesystem statistics, when requested attributes need them.</summary>
    public FsalFsStats? Stats { get; }

    /// <summary>The mounted_on_fileid value.</summary>
    public ulong MountedOnFileId { get; }

    /// <summary>The rdattr_error value.</summary>
    public NfsStat4 ReadError { get; }
}

/// <summary>Encodes fattr4 values in attribute-number order, as RFC 7530 section 5 defines them.</summary>
public sealed class AttributeEncoder
{
    private readonly Nfs4Server _server;

    /// <summary>Creates an encoder.</summary>
    public AttributeEncoder(Nfs4Server server) => _server = server;

    /// <summary>
    /// Writes an fattr4 holding the requested attributes this server supports (unsupported
    /// ones are silently left out, as GETATTR requires).
    /// </summary>
    public void Encode(XdrWriter w, in AttributeSource src, Bitmap4 request, uint minorVersion)
    {
        var supported = AttributeSets.SupportedFor(minorVersion, src.Export.FileSystem);
        var mask = request.Intersect(supported);
        if (src.Stats is null) mask = mask.Except(AttributeSets.NeedFsStats);
        mask.Encode(w);
        int lengthAt = w.Reserve(4);
        int start = w.Length;
        EncodeValues(w, src, mask, supported);
        w.PatchUInt32(lengthAt, (uint)(w.Length - start));
    }

    /// <summary>Writes only the attribute values of <paramref name="mask"/> (no bitmap, no length), for VERIFY comparisons.</summary>
    public void EncodeValues(XdrWriter w, in AttributeSource src, Bitmap4 mask, Bitmap4 supported)
    {
        ref readonly var a = ref src.Attributes;
        var caps = src.Export.FileSystem.Capabilities;
        for (int bit = mask.NextSetBit(0); bit >= 0; bit = mask.NextSetBit(bit + 1))
        {
            switch (bit)
            {
                case A.SupportedAttrs: supported.Encode(w); break;
                case A.Type: w.WriteInt32((int)a.Type); break;
                case A.FhExpireType: w.WriteUInt32(FhExpireType4.Persistent); break;
                case A.Change: w.WriteUInt64(a.Change); break;
                case A.Size: w.WriteUInt64(a.Size); break;
                case A.LinkSupport: w.WriteBool(caps.SupportsHardLinks); break;
                case A.SymlinkSupport: w.WriteBool(caps.SupportsSymlinks); break;
                case A.NamedAttr: w.WriteBool(false); break;
                case A.Fsid: w.WriteUInt64(src.Export.Fsid.Major); w.WriteUInt64(src.Export.Fsid.Minor); break;
                case A.UniqueHandles: w.WriteBool(true); break;
                case A.LeaseTime: w.WriteUInt32((uint)_server.Options.LeaseSeconds); break;
                case A.RdattrError: w.WriteInt32((int)src.ReadError); break;
                case A.Aclsupport: w.WriteUInt32(0); break;
                case A.Cansettime: w.WriteBool(caps.CanSetTime); break;
                case A.CaseInsensitive: w.WriteBool(caps.CaseInsensitive); break;
                case A.CasePreserving: w.WriteBool(true); break;
                case A.ChownRestricted: w.WriteBool(caps.ChownRestricted); break;
                case A.Filehandle: src.Handle.Encode(w); break;
                case A.Fileid: w.WriteUInt64(a.FileId); break;
                case A.FilesAvail: w.WriteUInt64(src.Stats!.Value.AvailableFiles); break;
                case A.FilesFree: w.WriteUInt64(src.Stats!.Value.FreeFiles); break;
                case A.FilesTotal: w.WriteUInt64(src.Stats!.Value.TotalFiles); break;
                case A.Homogeneous: w.WriteBool(true); break;
                case A.Maxfilesize: w.WriteUInt64(caps.MaxFileSize); break;
                case A.Maxlink: w.WriteUInt32(caps.MaxLinks); break;
                case A.Maxname: w.WriteUInt32(caps.MaxNameLength); break;
                case A.Maxread: w.WriteUInt64((ulong)_server.Options.MaxReadSize); break;
                case A.Maxwrite: w.WriteUInt64((ulong)_server.Options.MaxWriteSize); break;
                case A.Mode: w.WriteUInt32(a.Mode & Mode4.AllBits); break;
                case A.NoTrunc: w.WriteBool(true); break;
                case A.Numlinks: w.WriteUInt32(a.NumLinks); break;
                case A.Owner: w.WriteString(_server.IdMapper.UserToString(a.Uid)); break;
                case A.OwnerGroup: w.WriteString(_server.IdMapper.GroupToString(a.Gid)); break;
                case A.Rawdev: a.RawDevice.Encode(w); break;
                case A.SpaceAvail: w.WriteUInt64(src.Stats!.Value.AvailableBytes); break;
                case A.SpaceFree: w.WriteUInt64(src.Stats!.Value.FreeBytes); break;
                case A.SpaceTotal: w.WriteUInt64(src.Stats!.Value.TotalBytes); break;
                case A.SpaceUsed: w.WriteUInt64(a.SpaceUsed); break;
                case A.TimeAccess: a.AccessTime.Encode(w); break;
                case A.TimeDelta: NfsTime4.FromUnixNanoseconds(caps.TimeDeltaNanoseconds).Encode(w); break;
                case A.TimeMetadata: a.ChangeTime.Encode(w); break;
                case A.TimeModify: a.ModifyTime.Encode(w); break;
                case A.MountedOnFileid: w.WriteUInt64(src.MountedOnFileId); break;
                case A.SuppattrExclcreat: AttributeSets.ExclusiveCreate.Encode(w); break;
                case A.OpenArguments:
                    // open_arguments4: the OPEN argument values this server supports, as bitmaps.
                    Bitmap4.Of(1, 2, 3).Encode(w);          // share access: read, write, both
                    Bitmap4.Of(0, 1, 2, 3).Encode(w);       // share deny: none, read, write, both
                    Bitmap4.Of(3, 4, 5).Encode(w);          // wants: any delegation, none, cancel
                    Bitmap4.Of(0, 1, 2, 4, 5).Encode(w);    // claims: null, previous, delegate_cur, fh, deleg_cur_fh
                    Bitmap4.Of(0, 1, 2, 3).Encode(w);       // create modes: unchecked, guarded, exclusive, exclusive4_1
                    break;
                case A.XattrSupport: w.WriteBool(src.Export.FileSystem is IExtendedAttributes); break;
                case A.CloneBlksize: w.WriteUInt32(src.Export.FileSystem is ICloneFiles clone ? clone.CloneBlockSize : 0); break;
                default: throw new InvalidOperationException($"attribute {bit} is marked supported but has no encoder");
            }
        }
    }
}
