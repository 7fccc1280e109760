using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs3.Arguments;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Nfs3.Procedures;

/// <summary>The steps CREATE, MKDIR, SYMLINK and MKNOD share: the target directory and name, and the result (handle, attributes, directory wcc).</summary>
internal static class NewObject
{
    /// <summary>Where a new object goes, after the checks every create makes.</summary>
    public readonly record struct Target(NfsStat3 Status, Export Export, FsalObject Directory, string Name);

    /// <summary>
    /// Resolves the directory and checks the name ("." and ".." exist already), the export's
    /// writability and the type.
    /// </summary>
    public static Target Prepare(Nfs3Request request, in DirOpArgs3 where)
    {
        var s = request.Resolve(where.Directory, out var export, out var dir);
        if (s != NfsStat3.Ok) return new Target(s, null!, null!, "");
        if (dir.Type != FsalFileType.Directory) return new Target(NfsStat3.NotDir, export, dir, "");
        string name = "";
        if (Nfs3Names.IsDotOrDotDot(where.Name.Span)) s = NfsStat3.Exist;
        else s = Nfs3Names.Validate(where.Name.Span, export.FileSystem.Capabilities.MaxNameLength, out name);
        if (s == NfsStat3.Ok && export.IsReadOnly) s = NfsStat3.RoFs;
        return new Target(s, export, dir, name);
    }

    /// <summary>Writes a failure: the status and the directory's wcc data (empty when the directory is unknown).</summary>
    public static async ValueTask FailAsync(Nfs3Request request, NfsStat3 status, Target target, WccAttr? before)
    {
        var wcc = target.Directory is null ? WccData.None : await Nfs3Attributes.WccAsync(request, target.Export, target.Directory, before).ConfigureAwait(false);
        request.WriteStatus(status);
        wcc.Encode(request.Reply);
    }

    /// <summary>Writes success: the new object's handle and attributes, and the directory's wcc data.</summary>
    public static async ValueTask SucceedAsync(Nfs3Request request, Target target, FsalObject obj, FsalAttributes attributes, WccAttr? before)
    {
        var s = request.Server.HandleOf(target.Export, obj, out var handle);
        if (s != NfsStat3.Ok)
        {
            await FailAsync(request, s, target, before).ConfigureAwait(false);
            return;
        }
        if ((attributes.Valid & FsalAttrMask.Type) == 0)
        {
            var a = await target.Export.FileSystem.GetAttributesAsync(request.ContextFor(target.Export), obj, FsalAttrMask.All).ConfigureAwait(false);
            if (a.IsOk) attributes = a.Value;
        }
        var wcc = await Nfs3Attributes.WccAsync(request, target.Export, target.Directory, before).ConfigureAwait(false);
        var reply = request.Reply;
        request.WriteStatus(NfsStat3.Ok);
        Nfs3FileHandle.EncodePostOp(reply, handle);
        Fattr3.EncodePostOp(reply, (attributes.Valid & FsalAttrMask.Type) != 0 ? Nfs3Attributes.From(target.Export, attributes) : null);
        wcc.Encode(reply);
    }

    /// <summary>
    /// Creates with the given request and writes the result; <paramref name="defaultMode"/>
    /// applies when the client set none.
    /// </summary>
    public static async ValueTask CreateAsync(Nfs3Request request, Target target, FsalCreateRequest create, uint defaultMode)
    {
        if (target.Status != NfsStat3.Ok)
        {
            await FailAsync(request, target.Status, target, null).ConfigureAwait(false);
            return;
        }
        if ((create.Attributes.Set & FsalAttrMask.Mode) == 0)
        {
            create.Attributes.Set |= FsalAttrMask.Mode;
            create.Attributes.Mode = defaultMode;
        }
        var before = await Nfs3Attributes.PreOpAsync(request, target.Export, target.Directory).ConfigureAwait(false);
        var r = await target.Export.FileSystem.CreateAsync(request.ContextFor(target.Export), target.Directory, target.Name, create).ConfigureAwait(false);
        if (!r.IsOk)
        {
            await FailAsync(request, r.Status.ToNfs3(), target, before).ConfigureAwait(false);
            return;
        }
        await SucceedAsync(request, target, r.Value.Object, r.Value.Attributes, before).ConfigureAwait(false);
    }

    /// <summary>INVAL when a client time has nanoseconds of a second or more.</summary>
    public static NfsStat3 CheckTimes(in Sattr3 attributes) =>
        (attributes.AccessTimeHow == TimeHow3.ClientTime && attributes.AccessTime.Nanoseconds >= 1_000_000_000)
        || (attributes.ModifyTimeHow == TimeHow3.ClientTime && attributes.ModifyTime.Nanoseconds >= 1_000_000_000)
            ? NfsStat3.Inval : NfsStat3.Ok;
}
