namespace Nfs.Core.Fsal;

/// <summary>Static properties of a backend, reported through the NFS attributes and limits.</summary>
public sealed record FsalCapabilities
{
    /// <summary>Longest backend key (<see cref="FsalObject.WriteKey"/>). The core adds 4 bytes; NFSv4 allows 128 in all, NFSv3 64.</summary>
    public int MaxKeyLength { get; init; } = 60;
    /// <summary>Largest file size.</summary>
    public ulong MaxFileSize { get; init; } = long.MaxValue;
    /// <summary>Largest number of hard links.</summary>
    public uint MaxLinks { get; init; } = 65000;
    /// <summary>Longest name component in bytes.</summary>
    public uint MaxNameLength { get; init; } = 255;
    /// <summary>Whether hard links are supported.</summary>
    public bool SupportsHardLinks { get; init; } = true;
    /// <summary>Whether symbolic links are supported.</summary>
    public bool SupportsSymlinks { get; init; } = true;
    /// <summary>Whether special files (devices, fifos, sockets) can be created.</summary>
    public bool SupportsSpecialFiles { get; init; } = true;
    /// <summary>Whether only a privileged caller may change an owner.</summary>
    public bool ChownRestricted { get; init; } = true;
    /// <summary>Whether names are compared case-insensitively.</summary>
    public bool CaseInsensitive { get; init; }
    /// <summary>Whether the backend can set times to client-given values.</summary>
    public bool CanSetTime { get; init; } = true;
    /// <summary>Granularity of times in nanoseconds.</summary>
    public uint TimeDeltaNanoseconds { get; init; } = 1;
    /// <summary>Whether the whole backend is read-only regardless of export options.</summary>
    public bool ReadOnly { get; init; }
    /// <summary>Which attributes the backend fills.</summary>
    public FsalAttrMask SupportedAttributes { get; init; } = FsalAttrMask.All;
}
