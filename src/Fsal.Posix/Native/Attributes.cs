using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;

namespace Fsal.Posix.Native;

/// <summary>Conversions between statx and FSAL attributes.</summary>
internal static class Attributes
{
    public const uint S_IFMT = 0xF000, S_IFSOCK = 0xC000, S_IFLNK = 0xA000, S_IFREG = 0x8000, S_IFBLK = 0x6000, S_IFDIR = 0x4000, S_IFCHR = 0x2000, S_IFIFO = 0x1000;

    /// <summary>The object type of a st_mode.</summary>
    public static FsalFileType TypeOf(uint mode) => (mode & S_IFMT) switch
    {
        S_IFDIR => FsalFileType.Directory,
        S_IFLNK => FsalFileType.Symlink,
        S_IFBLK => FsalFileType.BlockDevice,
        S_IFCHR => FsalFileType.CharacterDevice,
        S_IFSOCK => FsalFileType.Socket,
        S_IFIFO => FsalFileType.Fifo,
        _ => FsalFileType.Regular,
    };

    /// <summary>The st_mode type bits of an object type.</summary>
    public static uint ModeBits(FsalFileType type) => type switch
    {
        FsalFileType.Directory => S_IFDIR,
        FsalFileType.Symlink => S_IFLNK,
        FsalFileType.BlockDevice => S_IFBLK,
        FsalFileType.CharacterDevice => S_IFCHR,
        FsalFileType.Socket => S_IFSOCK,
        FsalFileType.Fifo => S_IFIFO,
        _ => S_IFREG,
    };

    private static NfsTime4 Time(in StatxTimestamp t) => new(t.Seconds, t.Nanoseconds);

    /// <summary>
    /// FSAL attributes from statx. The change attribute is the status change time in
    /// nanoseconds: it moves with every data or metadata change (Linux 6.13+ keeps ctime
    /// fine-grained when it is queried), survives restarts, and needs no extra call.
    /// </summary>
    public static FsalAttributes From(in Statx s) => new()
    {
        Valid = FsalAttrMask.All,
        Type = TypeOf(s.Mode),
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

    /// <summary>makedev.</summary>
    public static ulong MakeDevice(uint major, uint minor) =>
        ((ulong)(major & 0xFFFFF000u) << 32) | ((ulong)(major & 0xFFFu) << 8) | ((ulong)(minor & 0xFFFFFF00u) << 12) | (minor & 0xFFu);
}
