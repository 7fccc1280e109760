using Nfs.Core.Fsal;

namespace Fsal.Gluster.Objects;

/// <summary>What <c>OpenAsync</c> returns: a gfapi descriptor opened for the opener's access, under the opener's identity.</summary>
internal sealed class GlusterOpenFile(GlusterFdHandle fd, FsalOpenFlags flags, GlusterObject obj, Credential opener)
{
    /// <summary>The descriptor.</summary>
    public GlusterFdHandle Fd { get; } = fd;

    /// <summary>The access it was opened for.</summary>
    public FsalOpenFlags Flags { get; } = flags;

    /// <summary>The object.</summary>
    public GlusterObject Object { get; } = obj;

    /// <summary>Who opened it (others using the same state are checked like I/O without state).</summary>
    public Credential Opener { get; } = opener;
}
