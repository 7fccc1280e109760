using Fsal.Gluster.Native;
using Microsoft.Win32.SafeHandles;

namespace Fsal.Gluster.Objects;

/// <summary>A gfapi object (glfs_object_t, a reference to an inode), closed with glfs_h_close once unused.</summary>
internal sealed class GlusterObjectHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public GlusterObjectHandle(nint handle) : base(ownsHandle: true) => SetHandle(handle);

    protected override bool ReleaseHandle() => GfApi.glfs_h_close(handle) == 0;
}

/// <summary>A gfapi file descriptor (glfs_fd_t), closed with glfs_close once unused.</summary>
internal sealed class GlusterFdHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public GlusterFdHandle(nint handle) : base(ownsHandle: true) => SetHandle(handle);

    protected override bool ReleaseHandle() => GfApi.glfs_close(handle) == 0;
}

/// <summary>A gfapi directory stream, closed with glfs_closedir.</summary>
internal sealed class GlusterDirHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public GlusterDirHandle(nint handle) : base(ownsHandle: true) => SetHandle(handle);

    protected override bool ReleaseHandle() => GfApi.glfs_closedir(handle) == 0;
}
