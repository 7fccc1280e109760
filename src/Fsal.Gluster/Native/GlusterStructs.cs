using System.Runtime.InteropServices;

namespace Fsal.Gluster.Native;

// The C structures gfapi exchanges, laid out as glibc defines them on x86_64 and arm64 (LP64).

/// <summary>struct stat (144 bytes on x86_64). gfapi fills st_ino from the GFID and st_dev from the volume.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GlusterStat
{
    public ulong Device;
    public ulong Inode;
    public ulong NumLinks;
    public uint Mode;
    public uint Uid;
    public uint Gid;
    private int _pad0;
    public ulong RawDevice;
    public long Size;
    public long BlockSize;
    public long Blocks;
    public Timespec AccessTime;
    public Timespec ModifyTime;
    public Timespec ChangeTime;
    private long _reserved0, _reserved1, _reserved2;
}

/// <summary>struct timespec.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Timespec
{
    public long Seconds;
    public long Nanoseconds;
}

/// <summary>struct glfs_stat (160 bytes): the attributes gfapi returns around I/O calls; <see cref="Mask"/> says which fields are set.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GlusterStatX
{
    public const ulong SizeValid = 0x200;

    public ulong Mask;
    public ulong Attributes;
    public ulong AttributesMask;
    public Timespec AccessTime;
    public Timespec BirthTime;
    public Timespec ChangeTime;
    public Timespec ModifyTime;
    public ulong Inode;
    public long Size;
    public long Blocks;
    public uint RdevMajor, RdevMinor, DevMajor, DevMinor;
    public long BlockSize;
    public ulong NumLinks;
    public uint Uid;
    public uint Gid;
    public uint Mode;
    private uint _pad;
}

/// <summary>struct statvfs.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GlusterStatVfs
{
    public ulong BlockSize;
    public ulong FragmentSize;
    public ulong Blocks;
    public ulong BlocksFree;
    public ulong BlocksAvailable;
    public ulong Files;
    public ulong FilesFree;
    public ulong FilesAvailable;
    public ulong FsId;
    public ulong Flags;
    public ulong NameMax;
    private int _spare0, _spare1, _spare2, _spare3, _spare4, _spare5;
}

/// <summary>struct flock.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GlusterFlock
{
    public const short ReadLock = 0, WriteLock = 1, Unlock = 2;
    public const int GetLock = 5, SetLock = 6; // F_GETLK, F_SETLK

    public short Type;
    public short Whence;
    public long Start;
    public long Length;
    public int Pid;
}

/// <summary>struct dirent (glibc, 64-bit offsets).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct GlusterDirent
{
    public ulong Inode;
    public long Offset;
    public ushort RecordLength;
    public byte Type;
    public fixed byte Name[256];
}
