using System.ComponentModel.DataAnnotations;

namespace Nfs.Core.Nfs3;

/// <summary>NFSv3 and MOUNT settings.</summary>
public sealed class Nfs3Options
{
    /// <summary>Serve NFSv3 (program 100003 version 3) and MOUNT v3 (program 100005).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Port of an extra listener, on each address of <see cref="Hosting.NfsServerOptions.Listen"/>,
    /// where clients find MOUNT (0 picks a free port). Null serves MOUNT on the NFS port only,
    /// which clients reach when told (mountport=2049). Every listener serves every program.
    /// </summary>
    [Range(0, 65535)]
    public int? MountPort { get; set; }

    /// <summary>Largest READ (FSINFO rtmax); longer reads are shortened.</summary>
    [Range(4096, 4 * 1024 * 1024)]
    public int MaxReadSize { get; set; } = 1024 * 1024;

    /// <summary>Largest WRITE (FSINFO wtmax); longer writes are shortened.</summary>
    [Range(4096, 4 * 1024 * 1024)]
    public int MaxWriteSize { get; set; } = 1024 * 1024;

    /// <summary>Largest READDIR and READDIRPLUS reply; larger counts are lowered to it.</summary>
    [Range(4096, 4 * 1024 * 1024)]
    public int MaxReadDirSize { get; set; } = 1024 * 1024;
}
