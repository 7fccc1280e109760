using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs3;

namespace Nfs.Core.Nfs3.Procedures;

/// <summary>Type checks shared by READ, WRITE and COMMIT.</summary>
internal static class IoChecks3
{
    /// <summary>ISDIR for a directory, INVAL for anything else but a regular file.</summary>
    public static NfsStat3 RequireRegularFile(FsalObject obj) => obj.Type switch
    {
        FsalFileType.Regular => NfsStat3.Ok,
        FsalFileType.Directory => NfsStat3.IsDir,
        _ => NfsStat3.Inval,
    };
}
