using Nfs.Core.Fsal;
using Nfs.Core.Identity;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Xdr;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Nfs4.Attributes;

/// <summary>
/// Decodes the settable attributes of an fattr4 (SETATTR, CREATE, OPEN) into a
/// <see cref="FsalSetAttributes"/>. Unsupported attributes give ATTRNOTSUPP, read-only ones
/// INVAL, unmappable owners BADOWNER, and malformed or trailing bytes BADXDR.
/// </summary>
public static class AttributeDecoder
{
    /// <summary>Decodes <paramref name="fattr"/>; <paramref name="applied"/> is the mask to report as set.</summary>
    public static NfsStat4 Decode(in Fattr4 fattr, uint minorVersion, IIdMapper idMapper, out FsalSetAttributes result, out Bitmap4 applied)
    {
        result = default;
        applied = fattr.Mask;
        var mask = fattr.Mask;
        if (mask.HasBitsBeyondRange) return NfsStat4.Attrnotsupp;
        var supported = AttributeSets.SupportedFor(minorVersion);
        var reader = new XdrReader(fattr.Values);
        try
        {
            for (int bit = mask.NextSetBit(0); bit >= 0; bit = mask.NextSetBit(bit + 1))
            {
                if (!supported[bit]) return NfsStat4.Attrnotsupp;
                if (!AttributeSets.Writable[bit]) return NfsStat4.Inval;
                switch (bit)
                {
                    case A.Size:
                        result.Size = reader.ReadUInt64();
                        result.Set |= FsalAttrMask.Size;
                        break;
                    case A.Mode:
                        uint mode = reader.ReadUInt32();
                        if ((mode & ~Mode4.AllBits) != 0) return NfsStat4.Inval;
                        result.Mode = mode;
                        result.Set |= FsalAttrMask.Mode;
                        break;
                    case A.Owner:
                        if (!TryReadName(reader, out var owner)) return NfsStat4.Badowner;
                        if (owner.Length == 0) return NfsStat4.Inval;
                        if (!idMapper.TryParseUser(owner, out result.Uid)) return NfsStat4.Badowner;
                        result.Set |= FsalAttrMask.Owner;
                        break;
                    case A.OwnerGroup:
                        if (!TryReadName(reader, out var group)) return NfsStat4.Badowner;
                        if (group.Length == 0) return NfsStat4.Inval;
                        if (!idMapper.TryParseGroup(group, out result.Gid)) return NfsStat4.Badowner;
                        result.Set |= FsalAttrMask.Group;
                        break;
                    case A.TimeAccessSet:
                        var s1 = ReadSetTime(reader, out result.AccessTimeHow, out result.AccessTime);
                        if (s1 != NfsStat4.Ok) return s1;
                        break;
                    case A.TimeModifySet:
                        var s2 = ReadSetTime(reader, out result.ModifyTimeHow, out result.ModifyTime);
                        if (s2 != NfsStat4.Ok) return s2;
                        break;
                }
            }
        }
        catch (XdrException)
        {
            return NfsStat4.Badxdr;
        }
        return reader.Remaining == 0 ? NfsStat4.Ok : NfsStat4.Badxdr;
    }

    private static bool TryReadName(XdrReader reader, out string name)
    {
        try
        {
            name = reader.ReadString(Nfs4Constants.OpaqueLimit);
            return true;
        }
        catch (XdrException ex) when (ex.Kind == XdrErrorKind.BadValue)
        {
            name = "";
            return false;
        }
    }

    private static NfsStat4 ReadSetTime(XdrReader reader, out FsalTimeSet how, out NfsTime4 time)
    {
        time = default;
        how = FsalTimeSet.DontChange;
        switch ((TimeHow4)reader.ReadInt32())
        {
            case TimeHow4.ServerTime:
                how = FsalTimeSet.ServerTime;
                return NfsStat4.Ok;
            case TimeHow4.ClientTime:
                time = NfsTime4.Decode(reader);
                if (!time.IsValid) return NfsStat4.Inval;
                how = FsalTimeSet.ClientTime;
                return NfsStat4.Ok;
            default:
                return NfsStat4.Badxdr;
        }
    }
}
