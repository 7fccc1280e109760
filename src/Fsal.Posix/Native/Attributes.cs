using Nfs.Core.Fsal;
using Nfs.Core.Fsal.Support;
using Nfs.Protocol.Nfs4;

namespace Fsal.Posix.Native;

/// <summary>Conversions between statx and FSAL attributes.</summary>
internal static class Attributes
{
    private static NfsTime4 Time(in StatxTimestamp t) => new(t.Seconds, t.Nanoseconds);

    /// <summary>
    /// FSAL attributes from statx. The change attribute is the status change time in
    /// nanoseconds: it moves with every data or metadata change (Linux 6.13+ keeps ctime
    /// fine-grained when it is queried), survives restarts, and needs no extra call.
    /// </summary>
    public static FsalAttributes From(in Statx s) => new()
    {
        Valid = FsalAttrMask.All,
        Type = PosixFileModes.TypeOf(s.Mode),
        Mode = s.Mode & 0xFFFu,
        NumLinks = s.NumLinks,
        Uid = s.Uid,
        Gid = s.Gid,
        Size = s.Size,
        SpaceUsed = s.Blocks * 512,
        RawDevice = new SpecData4(s.RdevMajor, s.RdevMinor),
        FileId = s.Inode,
        Change = (ulong)s.ChangeTime.Seconds * 1_000_000_000UL + s.ChangeTime.Nanoseconds,
        AccessTime = Time(s.AccessTime),
        ModifyTime = Time(s.ModifyTime),
        ChangeTime = Time(s.ChangeTime),
        CreateTime = (s.Mask & 0x800) != 0 ? Time(s.BirthTime) : Time(s.ChangeTime),
    };
}
