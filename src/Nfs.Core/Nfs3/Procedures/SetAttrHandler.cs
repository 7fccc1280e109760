using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs3.Arguments;

namespace Nfs.Core.Nfs3.Procedures;

/// <summary>
/// SETATTR: changes attributes; with a guard, only when the object's ctime is still the one
/// the client saw (NOT_SYNC otherwise). The result carries the attributes before and after.
/// </summary>
public sealed class SetAttrHandler : Nfs3Handler
{
    /// <inheritdoc/>
    public override Nfs3Procedure Procedure => Nfs3Procedure.SetAttr;

    /// <inheritdoc/>
    public override bool UsesReplyCache => true;

    /// <inheritdoc/>
    public override async ValueTask ExecuteAsync(Nfs3Request request)
    {
        var args = SetAttrArgs3.Decode(request.Args);
        var s = request.Resolve(args.Object, out var export, out var obj);
        if (s != NfsStat3.Ok)
        {
            request.WriteStatus(s);
            WccData.None.Encode(request.Reply);
            return;
        }
        var fsal = request.ContextFor(export);
        var before = await export.FileSystem.GetAttributesAsync(fsal, obj, FsalAttrMask.All).ConfigureAwait(false);
        if (!before.IsOk)
        {
            request.WriteStatus(before.Status.ToNfs3());
            WccData.None.Encode(request.Reply);
            return;
        }
        var pre = Nfs3Attributes.From(export, before.Value);
        s = Check(request, args, pre, export, obj);
        if (s != NfsStat3.Ok)
        {
            request.WriteStatus(s);
            new WccData(WccAttr.From(pre), pre).Encode(request.Reply);
            return;
        }
        var changes = Nfs3Attributes.ToFsal(args.Attributes);
        if (changes.IsEmpty)
        {
            request.WriteStatus(NfsStat3.Ok);
            new WccData(WccAttr.From(pre), pre).Encode(request.Reply);
            return;
        }
        var r = await export.FileSystem.SetAttributesAsync(fsal, obj, changes).ConfigureAwait(false);
        if (!r.IsOk)
        {
            request.WriteStatus(r.Status.ToNfs3());
            (await Nfs3Attributes.WccAsync(request, export, obj, WccAttr.From(pre)).ConfigureAwait(false)).Encode(request.Reply);
            return;
        }
        request.WriteStatus(NfsStat3.Ok);
        new WccData(WccAttr.From(pre), Nfs3Attributes.From(export, r.Value)).Encode(request.Reply);
    }

    private static NfsStat3 Check(Nfs3Request request, in SetAttrArgs3 args, in Fattr3 pre, Exports.Export export, FsalObject obj)
    {
        if (args.Guard is { } guard && guard != pre.ChangeTime) return NfsStat3.NotSync;
        var a = args.Attributes;
        if (a.AccessTimeHow == TimeHow3.ClientTime && a.AccessTime.Nanoseconds >= 1_000_000_000) return NfsStat3.Inval;
        if (a.ModifyTimeHow == TimeHow3.ClientTime && a.ModifyTime.Nanoseconds >= 1_000_000_000) return NfsStat3.Inval;
        if (a.Size.HasValue)
        {
            if (obj.Type == FsalFileType.Directory) return NfsStat3.IsDir;
            if (obj.Type != FsalFileType.Regular) return NfsStat3.Inval;
        }
        bool changes = a.Mode.HasValue || a.Uid.HasValue || a.Gid.HasValue || a.Size.HasValue
            || a.AccessTimeHow != TimeHow3.DontChange || a.ModifyTimeHow != TimeHow3.DontChange;
        if (changes && export.IsReadOnly) return NfsStat3.RoFs;
        if (changes && Nfs3Delegations.Conflicts(request, export, obj, write: true)) return NfsStat3.Jukebox;
        return NfsStat3.Ok;
    }
}
