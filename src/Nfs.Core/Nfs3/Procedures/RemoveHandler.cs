using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs3.Arguments;

namespace Nfs.Core.Nfs3.Procedures;

/// <summary>
/// REMOVE and RMDIR: the backend removes any name, so the type is checked first (REMOVE of a
/// directory is ISDIR, RMDIR of anything else NOTDIR, as unlink(2) and rmdir(2) answer).
/// </summary>
public abstract class RemoveHandlerBase : Nfs3Handler
{
    /// <summary>True for RMDIR.</summary>
    protected abstract bool RemovesDirectories { get; }

    /// <inheritdoc/>
    public override bool UsesReplyCache => true;

    /// <inheritdoc/>
    public override async ValueTask ExecuteAsync(Nfs3Request request)
    {
        var args = DirOpArgs3.Decode(request.Args);
        var reply = request.Reply;
        var s = request.Resolve(args.Directory, out var export, out var dir);
        if (s != NfsStat3.Ok)
        {
            request.WriteStatus(s);
            WccData.None.Encode(reply);
            return;
        }
        string name = "";
        if (dir.Type != FsalFileType.Directory) s = NfsStat3.NotDir;
        else if (Nfs3Names.IsDotOrDotDot(args.Name.Span)) s = RemovesDirectories && args.Name.Length == 2 ? NfsStat3.NotEmpty : NfsStat3.Inval;
        else s = Nfs3Names.Validate(args.Name.Span, export.FileSystem.Capabilities.MaxNameLength, out name);
        if (s == NfsStat3.Ok && export.IsReadOnly) s = NfsStat3.RoFs;
        WccAttr? before = null;
        if (s == NfsStat3.Ok)
        {
            before = await Nfs3Attributes.PreOpAsync(request, export, dir).ConfigureAwait(false);
            s = await RemoveAsync(request, export, dir, name).ConfigureAwait(false);
        }
        var wcc = await Nfs3Attributes.WccAsync(request, export, dir, before).ConfigureAwait(false);
        request.WriteStatus(s);
        wcc.Encode(reply);
    }

    private async ValueTask<NfsStat3> RemoveAsync(Nfs3Request request, Exports.Export export, FsalObject dir, string name)
    {
        var fs = export.FileSystem;
        var fsal = request.ContextFor(export);
        var found = await fs.LookupAsync(fsal, dir, name, FsalAttrMask.None).ConfigureAwait(false);
        if (!found.IsOk) return found.Status.ToNfs3();
        var type = found.Value.Object.Type;
        if (RemovesDirectories && type != FsalFileType.Directory) return NfsStat3.NotDir;
        if (!RemovesDirectories && type == FsalFileType.Directory) return NfsStat3.IsDir;
        if (Nfs3Delegations.Conflicts(request, export, found.Value.Object, write: true)) return NfsStat3.Jukebox;
        var r = await fs.RemoveAsync(fsal, dir, name).ConfigureAwait(false);
        return r.Status.ToNfs3();
    }
}

/// <summary>REMOVE: a non-directory.</summary>
public sealed class RemoveHandler : RemoveHandlerBase
{
    /// <inheritdoc/>
    public override Nfs3Procedure Procedure => Nfs3Procedure.Remove;

    /// <inheritdoc/>
    protected override bool RemovesDirectories => false;
}

/// <summary>RMDIR: an empty directory.</summary>
public sealed class RmdirHandler : RemoveHandlerBase
{
    /// <inheritdoc/>
    public override Nfs3Procedure Procedure => Nfs3Procedure.Rmdir;

    /// <inheritdoc/>
    protected override bool RemovesDirectories => true;
}
