using Fsal.Gluster.Objects;
using Fsal.Gluster.Volumes;
using Nfs.Core.Fsal;

namespace Fsal.Gluster;

// Changes other clients of the volume make (other gateways), from gfapi's cache-invalidation upcalls.
public sealed partial class GlusterFileSystem : IChangeNotifications
{
    // GFAPI_UP_* bits of an inode upcall (glfs-handles.h).
    private const uint UpNlink = 0x1, UpMode = 0x2, UpOwner = 0x4, UpSize = 0x8, UpTimes = 0x10, UpPermissions = 0x40, UpRename = 0x80, UpXattr = 0x400, UpXattrRemoved = 0x800;

    /// <inheritdoc/>
    /// <remarks>
    /// Needs the volume's features.cache-invalidation on (the bricks send nothing otherwise).
    /// Keys are those of regular files: the only objects that carry promises (delegations).
    /// </remarks>
    public IDisposable Subscribe(Action<FsalChange> listener) => _volume.Subscribe(upcall =>
    {
        if (!upcall.ChangesContent) return;
        var kind = default(FsalChangeKind);
        if ((upcall.Flags & (UpSize | UpTimes)) != 0) kind |= FsalChangeKind.Data;
        if ((upcall.Flags & (UpMode | UpOwner | UpPermissions | UpXattr | UpXattrRemoved)) != 0) kind |= FsalChangeKind.Attributes;
        if ((upcall.Flags & (UpNlink | UpRename)) != 0) kind |= FsalChangeKind.Names;
        if (kind == 0) kind = FsalChangeKind.Attributes;
        listener(new FsalChange(GlusterObject.MakeKey(FsalFileType.Regular, _volume.VolumeId, upcall.Object), kind));
    });
}
