using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs3.Arguments;

namespace Nfs.Core.Nfs3.Procedures;

/// <summary>MKNOD: devices, sockets and fifos (BADTYPE for the types that have their own procedure).</summary>
public sealed class MknodHandler : Nfs3Handler
{
    /// <inheritdoc/>
    public override Nfs3Procedure Procedure => Nfs3Procedure.Mknod;

    /// <inheritdoc/>
    public override bool UsesReplyCache => true;

    /// <inheritdoc/>
    public override async ValueTask ExecuteAsync(Nfs3Request request)
    {
        var args = MknodArgs3.Decode(request.Args);
        var target = NewObject.Prepare(request, args.Where);
        var s = target.Status;
        if (s == NfsStat3.Ok && args.Type is FileType3.Regular or FileType3.Directory or FileType3.Symlink) s = NfsStat3.BadType;
        if (s == NfsStat3.Ok && !target.Export.FileSystem.Capabilities.SupportsSpecialFiles) s = NfsStat3.NotSupp;
        if (s == NfsStat3.Ok) s = NewObject.CheckTimes(args.Attributes);
        if (s == NfsStat3.Ok && args.Attributes.Size.HasValue) s = NfsStat3.Inval;
        var create = new FsalCreateRequest
        {
            Type = (FsalFileType)args.Type,
            Attributes = Nfs3Attributes.ToFsal(args.Attributes),
            Device = args.Device,
            Exclusive = true,
        };
        await NewObject.CreateAsync(request, target with { Status = s }, create, 0x1A4).ConfigureAwait(false); // 0644
    }
}
