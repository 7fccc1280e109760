using Nfs.Core.Fsal;

namespace Fsal.Posix.Objects;

/// <summary>A descriptor opened for NFSv4 open state (the backend token of an open).</summary>
internal sealed class PosixOpenFile(int fd, FsalOpenFlags flags, PosixObject obj, Credential? opener)
{
    /// <summary>Who opened it: I/O by anyone else is checked against the file's permissions.</summary>
    public Credential? Opener { get; } = opener;

    /// <summary>The file.</summary>
    public PosixObject Object { get; } = obj;

    /// <summary>The descriptor.</summary>
    public int Fd { get; } = fd;

    /// <summary>What it was opened for.</summary>
    public FsalOpenFlags Flags { get; } = flags;
}
