using System.Text;
using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs3.Arguments;

namespace Nfs.Core.Nfs3.Procedures;

/// <summary>SYMLINK: the target must be non-empty UTF-8 of at most 4096 bytes.</summary>
public sealed class SymlinkHandler : Nfs3Handler
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <inheritdoc/>
    public override Nfs3Procedure Procedure => Nfs3Procedure.Symlink;

    /// <inheritdoc/>
    public override bool UsesReplyCache => true;

    /// <inheritdoc/>
    public override async ValueTask ExecuteAsync(Nfs3Request request)
    {
        var args = SymlinkArgs3.Decode(request.Args);
        var target = NewObject.Prepare(request, args.Where);
        var s = target.Status;
        string? linkTarget = null;
        if (s == NfsStat3.Ok && !target.Export.FileSystem.Capabilities.SupportsSymlinks) s = NfsStat3.NotSupp;
        if (s == NfsStat3.Ok) s = NewObject.CheckTimes(args.Attributes);
        if (s == NfsStat3.Ok && args.Target.Length > Nfs3Constants.MaxPathLength) s = NfsStat3.NameTooLong;
        if (s == NfsStat3.Ok && (args.Target.IsEmpty || args.Attributes.Size.HasValue)) s = NfsStat3.Inval;
        if (s == NfsStat3.Ok)
        {
            try
            {
                linkTarget = StrictUtf8.GetString(args.Target.Span);
            }
            catch (DecoderFallbackException)
            {
                s = NfsStat3.Inval;
            }
        }
        var create = new FsalCreateRequest { Type = FsalFileType.Symlink, Attributes = Nfs3Attributes.ToFsal(args.Attributes), LinkTarget = linkTarget, Exclusive = true };
        await NewObject.CreateAsync(request, target with { Status = s }, create, 0x1FF).ConfigureAwait(false); // 0777
    }
}
