using Fsal.Gluster.Native;
using Fsal.Gluster.Objects;
using Fsal.Gluster.Threads;
using Nfs.Core.Fsal;
using Nfs.Core.Fsal.Support;
using Nfs.Protocol.Nfs4;

namespace Fsal.Gluster;

// GETATTR, SETATTR, ACCESS and filesystem statistics.
public sealed partial class GlusterFileSystem
{
    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalAttributes>> GetAttributesAsync(FsalContext ctx, FsalObject obj, FsalAttrMask wanted) => Run(ctx, () =>
    {
        using var lease = Acquire(obj, out var go, out var status);
        if (lease.IsEmpty) return status;
        return Stat(lease.Pointer, go);
    });

    /// <summary>
    /// glfs_h_stat; for a file removed while open, whose GFID the bricks no longer resolve,
    /// glfs_fstat through one of its opens (so it reports zero links, as POSIX does).
    /// </summary>
    private unsafe FsalResult<FsalAttributes> Stat(nint handle, GlusterObject go)
    {
        GlusterStat st;
        if (GfApi.glfs_h_stat(_fs, handle, &st) == 0) return ToAttributes(st);
        int errno = GfApi.LastErrno;
        if (errno is LinuxErrno.ENOENT or LinuxErrno.ESTALE)
        {
            using var open = go.AnyOpenDescriptor();
            if (!open.IsEmpty && GfApi.glfs_fstat(open.Pointer, &st) == 0) return ToAttributes(st);
        }
        return StatusOfMissing(go, errno);
    }

    /// <summary>
    /// FSAL attributes from a gfapi stat. st_ino is derived from the GFID (the same on every
    /// gateway); the change attribute is the status change time in nanoseconds, which the
    /// bricks keep (with the ctime feature, consistently across replicas).
    /// </summary>
    internal static FsalAttributes ToAttributes(in GlusterStat s) => new()
    {
        Valid = FsalAttrMask.All,
        Type = PosixFileModes.TypeOf(s.Mode),
        Mode = s.Mode & 0xFFFu,
        NumLinks = (uint)Math.Min(s.NumLinks, uint.MaxValue),
        Uid = s.Uid,
        Gid = s.Gid,
        Size = (ulong)s.Size,
        SpaceUsed = (ulong)s.Blocks * 512,
        RawDevice = new SpecData4(PosixFileModes.Major(s.RawDevice), PosixFileModes.Minor(s.RawDevice)),
        FileId = s.Inode,
        Change = (ulong)s.ChangeTime.Seconds * 1_000_000_000UL + (ulong)s.ChangeTime.Nanoseconds,
        AccessTime = new NfsTime4(s.AccessTime.Seconds, (uint)s.AccessTime.Nanoseconds),
        ModifyTime = new NfsTime4(s.ModifyTime.Seconds, (uint)s.ModifyTime.Nanoseconds),
        ChangeTime = new NfsTime4(s.ChangeTime.Seconds, (uint)s.ChangeTime.Nanoseconds),
        CreateTime = new NfsTime4(s.ChangeTime.Seconds, (uint)s.ChangeTime.Nanoseconds),
    };

    /// <inheritdoc/>
    /// <remarks>
    /// Owner and group first (a chown clears setuid and setgid), then mode, size and times; the
    /// bricks check each against the caller's identity. A size change by the owner of a file
    /// without write permission succeeds, as with knfsd (the client opened it for writing).
    /// </remarks>
    public ValueTask<FsalResult<FsalAttributes>> SetAttributesAsync(FsalContext ctx, FsalObject obj, FsalSetAttributes changes) => Run(ctx, () =>
    {
        using var lease = Acquire(obj, out var go, out var status);
        if (lease.IsEmpty) return status;
        return SetAttributes(lease.Pointer, go, changes);
    });

    private unsafe FsalResult<FsalAttributes> SetAttributes(nint handle, GlusterObject go, in FsalSetAttributes c)
    {
        var set = c.Set;
        GlusterStat st = default;
        if ((set & (FsalAttrMask.Owner | FsalAttrMask.Group)) != 0)
        {
            int valid = 0;
            if ((set & FsalAttrMask.Owner) != 0) { st.Uid = c.Uid; valid |= GfApi.SetUid; }
            if ((set & FsalAttrMask.Group) != 0) { st.Gid = c.Gid; valid |= GfApi.SetGid; }
            if (GfApi.glfs_h_setattrs(_fs, handle, &st, valid) != 0) return LinuxErrno.LastStatus;
        }
        // Linux has no mode on a symlink; like knfsd, a mode change of one is ignored.
        if ((set & FsalAttrMask.Mode) != 0 && go.Type != FsalFileType.Symlink)
        {
            st.Mode = c.Mode & 0xFFF;
            if (GfApi.glfs_h_setattrs(_fs, handle, &st, GfApi.SetMode) != 0) return LinuxErrno.LastStatus;
        }
        if ((set & FsalAttrMask.Size) != 0)
        {
            if (go.Type == FsalFileType.Directory) return FsalStatus.IsDirectory;
            if (go.Type != FsalFileType.Regular) return FsalStatus.Invalid;
            if (c.Size > long.MaxValue) return FsalStatus.FileTooBig;
            long size = (long)c.Size;
            if (GfApi.glfs_h_truncate(_fs, handle, size) != 0)
            {
                int errno = GfApi.LastErrno;
                if (errno != LinuxErrno.EACCES || !IsOwner(handle)) return LinuxErrno.ToStatus(errno);
                if (GlusterIdentity.AsRoot(() => GfApi.glfs_h_truncate(_fs, handle, size), out errno) < 0) return LinuxErrno.ToStatus(errno);
            }
        }
        if (c.AccessTimeHow != FsalTimeSet.DontChange || c.ModifyTimeHow != FsalTimeSet.DontChange)
        {
            // POSIX lets only the owner (or root) set times to given values; the bricks do not check it.
            if ((c.AccessTimeHow == FsalTimeSet.ClientTime || c.ModifyTimeHow == FsalTimeSet.ClientTime) && !GlusterIdentity.Current.IsRoot && !IsOwner(handle))
                return FsalStatus.NotPermitted;
            int valid = 0;
            var now = DateTimeOffset.UtcNow;
            if (c.AccessTimeHow != FsalTimeSet.DontChange) { st.AccessTime = TimeOf(c.AccessTimeHow, c.AccessTime, now); valid |= GfApi.SetAtime; }
            if (c.ModifyTimeHow != FsalTimeSet.DontChange) { st.ModifyTime = TimeOf(c.ModifyTimeHow, c.ModifyTime, now); valid |= GfApi.SetMtime; }
            if (GfApi.glfs_h_setattrs(_fs, handle, &st, valid) != 0) return LinuxErrno.LastStatus;
        }
        return Stat(handle, go);
    }

    private static Timespec TimeOf(FsalTimeSet how, NfsTime4 time, DateTimeOffset now)
    {
        if (how == FsalTimeSet.ClientTime) return new Timespec { Seconds = time.Seconds, Nanoseconds = time.Nanoseconds };
        long ticks = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return new Timespec { Seconds = ticks / TimeSpan.TicksPerSecond, Nanoseconds = ticks % TimeSpan.TicksPerSecond * 100 };
    }

    /// <summary>
    /// Makes the bricks move the status change time (and so the change attribute) after a change
    /// they do not time themselves (user xattrs, hole punching, with the volume's ctime feature):
    /// a setattr of the access time to its own value changes nothing else.
    /// </summary>
    private unsafe void TouchChangeTime(nint handle)
    {
        GlusterStat st;
        if (GfApi.glfs_h_stat(_fs, handle, &st) != 0) return;
        GlusterStat* times = &st;
        GlusterIdentity.AsRoot(() => GfApi.glfs_h_setattrs(_fs, handle, times, GfApi.SetAtime), out _);
    }

    /// <summary>True when the thread's caller owns the object (for the owner's override of its own modes).</summary>
    private unsafe bool IsOwner(nint handle)
    {
        GlusterStat st;
        return GfApi.glfs_h_stat(_fs, handle, &st) == 0 && st.Uid == GlusterIdentity.Current.Uid;
    }

    /// <inheritdoc/>
    /// <remarks>Evaluated from the mode bits the bricks report (POSIX ACLs on the volume are not consulted).</remarks>
    public ValueTask<FsalResult<Access4>> CheckAccessAsync(FsalContext ctx, FsalObject obj, Access4 requested) => Run(ctx, () =>
    {
        using var lease = Acquire(obj, out var go, out var status);
        if (lease.IsEmpty) return status;
        var attrs = Stat(lease.Pointer, go);
        if (!attrs.IsOk) return attrs.Status;
        return new FsalResult<Access4>(PosixPermissions.Evaluate(ctx.Caller, attrs.Value, requested));
    });

    /// <inheritdoc/>
    public ValueTask<FsalResult<FsalFsStats>> GetFsStatsAsync(FsalContext ctx, FsalObject obj) => Run<FsalFsStats>(ctx, () =>
    {
        using var lease = Acquire(obj, out _, out var status);
        if (lease.IsEmpty) return status;
        return StatFs(lease.Pointer);
    });

    private unsafe FsalResult<FsalFsStats> StatFs(nint handle)
    {
        GlusterStatVfs v;
        if (GfApi.glfs_h_statfs(_fs, handle, &v) != 0) return LinuxErrno.LastStatus;
        ulong unit = v.FragmentSize != 0 ? v.FragmentSize : v.BlockSize;
        return new FsalFsStats(v.Blocks * unit, v.BlocksFree * unit, v.BlocksAvailable * unit, v.Files, v.FilesFree, v.FilesAvailable);
    }
}
