namespace Nfs.Core.Fsal.Support;

/// <summary>The file-type bits of a POSIX st_mode and device numbers, for backends on POSIX storage.</summary>
public static class PosixFileModes
{
#pragma warning disable CS1591 // the names are the C names
    public const uint S_IFMT = 0xF000, S_IFSOCK = 0xC000, S_IFLNK = 0xA000, S_IFREG = 0x8000, S_IFBLK = 0x6000, S_IFDIR = 0x4000, S_IFCHR = 0x2000, S_IFIFO = 0x1000;
#pragma warning restore CS1591

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

    /// <summary>glibc's makedev.</summary>
    public static ulong MakeDevice(uint major, uint minor) =>
        ((ulong)(major & 0xFFFFF000u) << 32) | ((ulong)(major & 0xFFFu) << 8) | ((ulong)(minor & 0xFFFFFF00u) << 12) | (minor & 0xFFu);

    /// <summary>glibc's major.</summary>
    public static uint Major(ulong device) => (uint)(((device >> 32) & 0xFFFFF000u) | ((device >> 8) & 0xFFFu));

    /// <summary>glibc's minor.</summary>
    public static uint Minor(ulong device) => (uint)(((device >> 12) & 0xFFFFFF00u) | (device & 0xFFu));
}
