using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs3.Arguments;

namespace Nfs.Core.Nfs3.Procedures;

/// <summary>RENAME within one export (XDEV across exports), with the wcc data of both directories.</summary>
public sealed class RenameHandler : Nfs3Handler
{
    /// <inheritdoc/>
    public override Nfs3Procedure Procedure => Nfs3Procedure.Rename;

    /// <inheritdoc/>
    public override bool UsesReplyCache => true;

    /// <inheritdoc/>
    public override async ValueTask ExecuteAsync(Nfs3Request request)
    {
        var args = RenameArgs3.Decode(request.Args);
        var reply = request.Reply;
        var s = request.Resolve(args.From.Directory, out var export, out var from);
        Exports.Export toExport = null!;
        FsalObject to = null!;
        var s2 = s == NfsStat3.Ok ? request.Resolve(args.To.Directory, out toExport, out to) : NfsStat3.Ok;
        if (s != NfsStat3.Ok || s2 != NfsStat3.Ok)
        {
            request.WriteStatus(s != NfsStat3.Ok ? s : s2);
            WccData.None.Encode(reply);
            WccData.None.Encode(reply);
            return;
        }
        string fromName = "", toName = "";
        uint max = export.FileSystem.Capabilities.MaxNameLength;
        if (from.Type != FsalFileType.Directory || to.Type != FsalFileType.Directory) s = NfsStat3.NotDir;
        else if (!ReferenceEquals(export, toExport)) s = NfsStat3.XDev;
        else if (Nfs3Names.IsDotOrDotDot(args.From.Name.Span) || Nfs3Names.IsDotOrDotDot(args.To.Name.Span)) s = NfsStat3.Inval;
        else
        {
            s = Nfs3Names.Validate(args.From.Name.Span, max, out fromName);
            if (s == NfsStat3.Ok) s = Nfs3Names.Validate(args.To.Name.Span, max, out toName);
        }
        if (s == NfsStat3.Ok && export.IsReadOnly) s = NfsStat3.RoFs;
        WccAttr? fromBefore = null, toBefore = null;
        if (s == NfsStat3.Ok)
        {
            fromBefore = await Nfs3Attributes.PreOpAsync(request, export, from).ConfigureAwait(false);
            toBefore = ReferenceEquals(from, to) ? fromBefore : await Nfs3Attributes.PreOpAsync(request, export, to).ConfigureAwait(false);
            if (await ConflictsAsync(request, export, from, fromName).ConfigureAwait(false) || await ConflictsAsync(request, export, to, toName).ConfigureAwait(false))
            {
                s = NfsStat3.Jukebox;
            }
            else
            {
                var r = await export.FileSystem.RenameAsync(request.ContextFor(export), from, fromName, to, toName).ConfigureAwait(false);
                s = r.Status.ToNfs3();
            }
        }
        var fromWcc = await Nfs3Attributes.WccAsync(request, export, from, fromBefore).ConfigureAwait(false);
        var toWcc = await Nfs3Attributes.WccAsync(request, toExport, to, toBefore).ConfigureAwait(false);
        request.WriteStatus(s);
        fromWcc.Encode(reply);
        toWcc.Encode(reply);
    }

    /// <summary>Whether an NFSv4 delegation on the file a name refers to must be recalled first.</summary>
    private static async ValueTask<bool> ConflictsAsync(Nfs3Request request, Exports.Export export, FsalObject dir, string name)
    {
        if (!request.Server.Nfs4.State.HasDelegations) return false;
        var r = await export.FileSystem.LookupAsync(request.ContextFor(export), dir, name, FsalAttrMask.None).ConfigureAwait(false);
        return r.IsOk && Nfs3Delegations.Conflicts(request, export, r.Value.Object, write: true);
    }
}
