using System.Text;
using Fsal.Gluster.Native;
using Fsal.Gluster.Objects;
using Fsal.Gluster.Volumes;
using Nfs.Core.Fsal;
using Nfs.Core.Fsal.Support;

namespace Fsal.Gluster;

// READDIR: glfs_xreaddirplus_r, names with their stat and GFID in one call per entry.
public sealed partial class GlusterFileSystem
{
    /// <summary>
    /// NFS cookies are the volume's directory offsets (d_off) shifted by two, so they never
    /// collide with the reserved cookies 0 to 2. A cookie resumes with glfs_seekdir, so it stays
    /// valid while other entries come and go, and it is the same on every gateway.
    /// </summary>
    private const ulong CookieShift = 2;

    /// <inheritdoc/>
    public ValueTask<FsalResult<bool>> ReadDirAsync(FsalContext ctx, FsalObject directory, ulong cookie, FsalAttrMask wanted, IReadDirSink sink) => Run(ctx, () =>
    {
        if (directory.Type != FsalFileType.Directory) return FsalStatus.NotDirectory;
        using var lease = Acquire(directory, out var go, out var status);
        if (lease.IsEmpty) return status;
        nint d = GfApi.glfs_h_opendir(_fs, lease.Pointer);
        if (d == 0)
        {
            int errno = GfApi.LastErrno;
            return errno is LinuxErrno.ENOENT or LinuxErrno.ESTALE ? StatusOfMissing(go, errno) : LinuxErrno.ToStatus(errno);
        }
        using var dir = new GlusterDirHandle(d);
        return ReadDir(d, lease.Pointer, cookie, sink);
    });

    private unsafe FsalResult<bool> ReadDir(nint d, nint dirHandle, ulong cookie, IReadDirSink sink)
    {
        if (cookie > CookieShift) GfApi.glfs_seekdir(d, (long)(cookie - CookieShift));
        GlusterDirent ext;
        while (true)
        {
            nint xstat = 0;
            GlusterDirent* entry = null;
            int rc = GfApi.glfs_xreaddirplus_r(d, GfApi.XReadDirPlusStat | GfApi.XReadDirPlusHandle, &xstat, &ext, &entry);
            if (rc < 0)
            {
                int errno = GfApi.LastErrno;
                // A cookie the bricks cannot place (from another directory, or forged).
                return errno == LinuxErrno.EINVAL && cookie > CookieShift ? FsalStatus.BadCookie : LinuxErrno.ToStatus(errno);
            }
            if (rc == 0 || entry == null)
            {
                if (xstat != 0) GfApi.glfs_free(xstat);
                return true;
            }
            try
            {
                var nameZ = new ReadOnlySpan<byte>(entry->Name, 256);
                int nul = nameZ.IndexOf((byte)0);
                if (nul < 0) return FsalStatus.IOError;
                nameZ = nameZ[..nul];
                if (nameZ.SequenceEqual("."u8) || nameZ.SequenceEqual(".."u8)) continue;
                ulong offset = (ulong)entry->Offset;
                if (offset > ulong.MaxValue - CookieShift) return FsalStatus.IOError;
                string name = Encoding.UTF8.GetString(nameZ);
                var st = xstat == 0 ? null : GfApi.glfs_xreaddirplus_get_stat(xstat);
                nint obj = xstat == 0 ? 0 : GfApi.glfs_xreaddirplus_get_object(xstat);
                FsalObject fsalObject;
                FsalAttributes attrs;
                Gfid gfid;
                if (st != null && obj != 0 && GfApi.glfs_h_extract_handle(obj, (byte*)&gfid, Gfid.Length) == Gfid.Length)
                {
                    // The object belongs to xstat (freed with it): keep only its GFID; the
                    // cached object makes its own gfapi object when it is used.
                    fsalObject = ObjectFor(gfid, PosixFileModes.TypeOf(st->Mode));
                    attrs = ToAttributes(*st);
                }
                else
                {
                    var looked = LookupAt(dirHandle, name);
                    if (looked.Status == FsalStatus.NoEntry) continue; // removed meanwhile
                    if (!looked.IsOk) return looked.Status;
                    fsalObject = looked.Value.Object;
                    attrs = looked.Value.Attributes;
                }
                if (!sink.Add(name, offset + CookieShift, fsalObject, attrs)) return false;
            }
            finally
            {
                if (xstat != 0) GfApi.glfs_free(xstat);
            }
        }
    }
}
