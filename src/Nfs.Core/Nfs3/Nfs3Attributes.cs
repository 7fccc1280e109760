using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs3;

namespace Nfs.Core.Nfs3;

/// <summary>Backend attributes as fattr3, and the attribute fetches around an operation (post_op_attr, wcc_data).</summary>
public static class Nfs3Attributes
{
    /// <summary>Converts; the fsid is the export's, so every export is its own filesystem to the client.</summary>
    public static Fattr3 From(Export export, in FsalAttributes a) => new(
        (FileType3)a.Type, a.Mode & 0xFFF, a.NumLinks, a.Uid, a.Gid, a.Size, a.SpaceUsed, a.RawDevice,
        export.Fsid.Major, a.FileId, NfsTime3.From(a.AccessTime), NfsTime3.From(a.ModifyTime), NfsTime3.From(a.ChangeTime));

    /// <summary>The attributes of an object, or null when they cannot be read (post_op_attr is optional).</summary>
    public static async ValueTask<Fattr3?> PostOpAsync(Nfs3Request request, Export export, FsalObject obj)
    {
        var r = await export.FileSystem.GetAttributesAsync(request.ContextFor(export), obj, FsalAttrMask.All).ConfigureAwait(false);
        return r.IsOk ? From(export, r.Value) : null;
    }

    /// <summary>The pre_op_attr of an object about to change, or null when unreadable.</summary>
    public static async ValueTask<WccAttr?> PreOpAsync(Nfs3Request request, Export export, FsalObject obj)
    {
        var a = await PostOpAsync(request, export, obj).ConfigureAwait(false);
        return a is { } v ? WccAttr.From(v) : null;
    }

    /// <summary>The wcc_data of an object that changed: <paramref name="before"/> and its attributes now.</summary>
    public static async ValueTask<WccData> WccAsync(Nfs3Request request, Export export, FsalObject obj, WccAttr? before) =>
        new(before, await PostOpAsync(request, export, obj).ConfigureAwait(false));

    /// <summary>sattr3 as backend changes.</summary>
    public static FsalSetAttributes ToFsal(in Sattr3 s)
    {
        var changes = new FsalSetAttributes();
        if (s.Mode is { } mode)
        {
            changes.Set |= FsalAttrMask.Mode;
            changes.Mode = mode & 0xFFF;
        }
        if (s.Uid is { } uid)
        {
            changes.Set |= FsalAttrMask.Owner;
            changes.Uid = uid;
        }
        if (s.Gid is { } gid)
        {
            changes.Set |= FsalAttrMask.Group;
            changes.Gid = gid;
        }
        if (s.Size is { } size)
        {
            changes.Set |= FsalAttrMask.Size;
            changes.Size = size;
        }
        changes.AccessTimeHow = How(s.AccessTimeHow);
        changes.AccessTime = s.AccessTime.ToNfsTime4();
        changes.ModifyTimeHow = How(s.ModifyTimeHow);
        changes.ModifyTime = s.ModifyTime.ToNfsTime4();
        return changes;
    }

    private static FsalTimeSet How(TimeHow3 how) => how switch
    {
        TimeHow3.ServerTime => FsalTimeSet.ServerTime,
        TimeHow3.ClientTime => FsalTimeSet.ClientTime,
        _ => FsalTimeSet.DontChange,
    };
}
