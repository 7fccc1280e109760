using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Xdr;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Tests.Infrastructure;

/// <summary>Decodes the values of an fattr4 holding attributes this server supports.</summary>
public static class FattrReader
{
    /// <summary>Attribute number to value: ulong, uint, bool, string, byte[] (handles), Bitmap4, NfsTime4, NfsFileType4, NfsStat4, SpecData4 or Fsid4.</summary>
    public static IReadOnlyDictionary<int, object> Decode(in Fattr4 fattr)
    {
        var result = new Dictionary<int, object>();
        var r = new XdrReader(fattr.Values);
        var mask = fattr.Mask;
        for (int bit = mask.NextSetBit(0); bit >= 0; bit = mask.NextSetBit(bit + 1))
        {
            result[bit] = bit switch
            {
                A.SupportedAttrs => Bitmap4.Decode(r),
                A.Type => (NfsFileType4)r.ReadInt32(),
                A.FhExpireType or A.LeaseTime or A.Aclsupport or A.Maxlink or A.Maxname or A.Mode or A.Numlinks => r.ReadUInt32(),
                A.RdattrError => (NfsStat4)r.ReadUInt32(),
                A.Change or A.Size or A.Fileid or A.FilesAvail or A.FilesFree or A.FilesTotal or A.Maxfilesize or A.Maxread or A.Maxwrite
                    or A.SpaceAvail or A.SpaceFree or A.SpaceTotal or A.SpaceUsed or A.MountedOnFileid => r.ReadUInt64(),
                A.LinkSupport or A.SymlinkSupport or A.NamedAttr or A.UniqueHandles or A.Cansettime or A.CaseInsensitive
                    or A.CasePreserving or A.ChownRestricted or A.Homogeneous or A.NoTrunc => r.ReadBool(),
                A.Fsid => new Fsid4(r.ReadUInt64(), r.ReadUInt64()),
                A.Filehandle => r.ReadOpaque(Nfs4Constants.MaxFileHandleSize).ToArray(),
                A.Owner or A.OwnerGroup => r.ReadString(Nfs4Constants.OpaqueLimit),
                A.Rawdev => SpecData4.Decode(r),
                A.TimeAccess or A.TimeDelta or A.TimeMetadata or A.TimeModify => NfsTime4.Decode(r),
                _ => throw new NotSupportedException($"attribute {bit} has no decoder in the tests"),
            };
        }
        if (r.Remaining != 0) throw new InvalidOperationException($"{r.Remaining} bytes left after decoding {mask}");
        return result;
    }
}
