using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs3.Arguments;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Nfs3.Procedures;

/// <summary>
/// CREATE of a regular file. UNCHECKED returns an existing file (truncated when the client
/// asked for size 0, as knfsd does), GUARDED fails with EXIST, EXCLUSIVE keeps the client's
/// verifier in the file's access and modification times (as knfsd and NFSv4 OPEN here do) so
/// that a retransmission finds the same file and succeeds, until the client's SETATTR sets
/// the real times.
/// </summary>
public sealed class CreateHandler : Nfs3Handler
{
    private const uint DefaultMode = 0x1A4; // 0644

    /// <inheritdoc/>
    public override Nfs3Procedure Procedure => Nfs3Procedure.Create;

    /// <inheritdoc/>
    public override bool UsesReplyCache => true;

    /// <inheritdoc/>
    public override async ValueTask ExecuteAsync(Nfs3Request request)
    {
        var args = CreateArgs3.Decode(request.Args);
        var target = NewObject.Prepare(request, args.Where);
        var status = target.Status == NfsStat3.Ok ? NewObject.CheckTimes(args.Attributes) : target.Status;
        if (status != NfsStat3.Ok)
        {
            await NewObject.FailAsync(request, status, target, null).ConfigureAwait(false);
            return;
        }
        var attrs = Nfs3Attributes.ToFsal(args.Attributes);
        if ((attrs.Set & FsalAttrMask.Mode) == 0)
        {
            attrs.Set |= FsalAttrMask.Mode;
            attrs.Mode = DefaultMode;
        }
        bool exclusive = args.Mode == CreateMode3.Exclusive;
        if (exclusive)
        {
            attrs.AccessTimeHow = FsalTimeSet.ClientTime;
            attrs.AccessTime = new NfsTime4((uint)(args.Verifier >> 32), 0);
            attrs.ModifyTimeHow = FsalTimeSet.ClientTime;
            attrs.ModifyTime = new NfsTime4((uint)args.Verifier, 0);
        }
        // The size is applied to an existing file only (below): a new file is empty anyway.
        var truncateTo = (attrs.Set & FsalAttrMask.Size) != 0 ? attrs.Size : (ulong?)null;
        attrs.Set &= ~FsalAttrMask.Size;
        var export = target.Export;
        var fs = export.FileSystem;
        var fsal = request.ContextFor(export);
        var before = await Nfs3Attributes.PreOpAsync(request, export, target.Directory).ConfigureAwait(false);
        var create = new FsalCreateRequest { Type = FsalFileType.Regular, Attributes = attrs, Exclusive = args.Mode != CreateMode3.Unchecked };
        var r = await fs.CreateAsync(fsal, target.Directory, target.Name, create).ConfigureAwait(false);
        if (r.IsOk && !r.Value.Existed)
        {
            await NewObject.SucceedAsync(request, target, r.Value.Object, r.Value.Attributes, before).ConfigureAwait(false);
            return;
        }
        if (r.IsOk && args.Mode == CreateMode3.Unchecked)
        {
            var existing = r.Value;
            if (existing.Object.Type != FsalFileType.Regular)
            {
                await NewObject.FailAsync(request, NfsStat3.Exist, target, before).ConfigureAwait(false);
                return;
            }
            var attributes = existing.Attributes;
            if (truncateTo is { } size)
            {
                if (Nfs3Delegations.Conflicts(request, export, existing.Object, write: true))
                {
                    await NewObject.FailAsync(request, NfsStat3.Jukebox, target, before).ConfigureAwait(false);
                    return;
                }
                var t = await fs.SetAttributesAsync(fsal, existing.Object, new FsalSetAttributes { Set = FsalAttrMask.Size, Size = size }).ConfigureAwait(false);
                if (!t.IsOk)
                {
                    await NewObject.FailAsync(request, t.Status.ToNfs3(), target, before).ConfigureAwait(false);
                    return;
                }
                attributes = t.Value;
            }
            await NewObject.SucceedAsync(request, target, existing.Object, attributes, before).ConfigureAwait(false);
            return;
        }
        var status2 = r.IsOk ? NfsStat3.Exist : r.Status.ToNfs3();
        if (exclusive && status2 == NfsStat3.Exist)
        {
            // A retransmitted exclusive create: the file carries this verifier in its times.
            var found = await fs.LookupAsync(fsal, target.Directory, target.Name, FsalAttrMask.All).ConfigureAwait(false);
            if (found.IsOk && found.Value.Object.Type == FsalFileType.Regular && HoldsVerifier(found.Value.Attributes, args.Verifier))
            {
                await NewObject.SucceedAsync(request, target, found.Value.Object, found.Value.Attributes, before).ConfigureAwait(false);
                return;
            }
        }
        await NewObject.FailAsync(request, status2, target, before).ConfigureAwait(false);
    }

    private static bool HoldsVerifier(in FsalAttributes a, ulong verifier) =>
        (((ulong)(uint)a.AccessTime.Seconds << 32) | (uint)a.ModifyTime.Seconds) == verifier
        && a.AccessTime.Nanoseconds == 0 && a.ModifyTime.Nanoseconds == 0;
}
