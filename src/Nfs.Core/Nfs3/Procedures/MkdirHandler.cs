using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs3.Arguments;

namespace Nfs.Core.Nfs3.Procedures;

/// <summary>MKDIR (EXIST when the name is taken).</summary>
public sealed class MkdirHandler : Nfs3Handler
{
    /// <inheritdoc/>
    public override Nfs3Procedure Procedure => Nfs3Procedure.Mkdir;

    /// <inheritdoc/>
    public override bool UsesReplyCache => true;

    /// <inheritdoc/>
    public override async ValueTask ExecuteAsync(Nfs3Request request)
    {
        var args = MkdirArgs3.Decode(request.Args);
        var target = NewObject.Prepare(request, args.Where);
        var s = target.Status == NfsStat3.Ok ? NewObject.CheckTimes(args.Attributes) : target.Status;
        if (s == NfsStat3.Ok && args.Attributes.Size.HasValue) s = NfsStat3.Inval;
        var attrs = Nfs3Attributes.ToFsal(args.Attributes);
        var create = new FsalCreateRequest { Type = FsalFileType.Directory, Attributes = attrs, Exclusive = true };
        await NewObject.CreateAsync(request, target with { Status = s }, create, 0x1ED).ConfigureAwait(false); // 0755
    }
}
