using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Core.Nfs4.Attributes;
using Nfs.Core.Nfs4.Delegations;
using Nfs.Core.State;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Nfs4.Operations;

/// <summary>
/// OPEN (RFC 7530 section 16.16): finds or creates the file (UNCHECKED, GUARDED and EXCLUSIVE
/// with the verifier kept in the file's times), checks permission and share reservations,
/// and creates or upgrades the open-owner's open state. No delegations are granted.
/// </summary>
public sealed class OpenHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Open;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var args = OpenArgs.Decode(ctx.Args);
        var s = ctx.RequireCurrent();
        if (s != NfsStat4.Ok) return s;
        var state = ctx.Server.State;
        // In 4.1 the session names the client; the owner's client id is ignored (RFC 8881 section 18.16.3).
        var client = ctx.Session?.Client;
        if (client is null)
        {
            s = state.GetClient(args.Owner.ClientId, out client);
            if (s != NfsStat4.Ok) return s;
        }

        var owner = state.GetOrCreateOpenOwner(client, args.Owner.Owner.Span, args.SeqId, ctx.MinorVersion, out var released);
        if (released is not null) CloseTokens(released);
        // 4.1 sessions give exactly-once semantics; owners are not sequenced (RFC 8881 section 8.13).
        if (ctx.MinorVersion == 0)
        {
            switch (await ctx.BeginSeqIdAsync(owner, args.SeqId).ConfigureAwait(false))
            {
                case SeqIdCheck.Replay: return ctx.Replay(owner);
                case SeqIdCheck.Bad: return NfsStat4.BadSeqid;
            }
        }

        // Checked after the seqid, which INVAL advances (RFC 7530 section 9.1.7).
        uint access = args.ShareAccess & ~(OpenShare4.WantMask | OpenShare4.SignalMask);
        if (ctx.MinorVersion == 0 && access != args.ShareAccess) return NfsStat4.Inval;
        if (access is 0 or > OpenShare4.AccessBoth || args.ShareDeny > OpenShare4.DenyBoth) return NfsStat4.Inval;

        s = CheckClaim(ctx, args, state, client);
        if (s != NfsStat4.Ok) return s;
        var export = ctx.CurrentExport;
        bool create = args.OpenType == OpenType4.Create;
        if (export.IsReadOnly && (create || (access & OpenShare4.AccessWrite) != 0)) return NfsStat4.Rofs;

        var target = await FindOrCreateAsync(ctx, args, export, BackendFlags(access)).ConfigureAwait(false);
        if (target.Status != NfsStat4.Ok) return target.Status;
        var obj = target.Object!;
        // A backend that created and opened the file at once handed over its open: it becomes the
        // new open state's, or is closed if the OPEN fails after all.
        object? handedOver = target.OpenToken;
        try
        {
            if (!target.Created)
            {
                s = await CheckPermissionAsync(ctx, export, obj, access).ConfigureAwait(false);
                if (s != NfsStat4.Ok) return s;
                if (target.Truncate)
                {
                    var tr = await export.FileSystem.SetAttributesAsync(ctx.FsalContextFor(export), obj,
                        new FsalSetAttributes { Set = FsalAttrMask.Size, Size = 0 }).ConfigureAwait(false);
                    if (!tr.IsOk) return tr.Status.ToNfs4();
                }
            }

            var handle = default(NfsFileHandle);
            FileHandleCodec.Encode(export, obj, ref handle);
            if (args.Claim is OpenClaimType4.DelegateCurrent or OpenClaimType4.DelegCurFh)
            {
                // Opening under a delegation being recalled: it must be this client's, on this file.
                s = state.FindState(ctx.ResolveStateId(args.DelegateStateId), ctx.MinorVersion, ctx.Session?.Client, checkSeqId: true, allowClosed: false, out var held);
                if (s != NfsStat4.Ok) return s;
                if (held is not DelegationState d || d.Client != client || !d.File.Handle.Equals(handle)) return NfsStat4.BadStateid;
            }
            else
            {
                bool writes = (access & OpenShare4.AccessWrite) != 0 || (args.ShareDeny & OpenShare4.DenyRead) != 0;
                s = DelegationRecalls.Break(ctx, handle, client, writes);
                if (s != NfsStat4.Ok) return s;
            }
            var file = state.GetFile(handle, export, obj);
            s = state.Open(owner, file, access, args.ShareDeny, out var open, out bool isNew);
            if (s != NfsStat4.Ok) return s;

            if (handedOver is not null && isNew)
            {
                open.BackendToken = handedOver;
                open.BackendFlags = BackendFlags(open.Access);
                handedOver = null;
            }
            else
            {
                s = await OpenBackendAsync(ctx, export, obj, open, isNew).ConfigureAwait(false);
                if (s != NfsStat4.Ok) return s;
            }

            var flags = OpenResultFlags4.LockTypePosix;
            // A reclaim confirms its owner, as knfsd does: the owner is the client's from before the
            // restart (and the Linux 4.0 client answers a confirm request here with an empty PUTFH).
            if (args.Claim == OpenClaimType4.Previous && !owner.Confirmed) state.ConfirmOwner(owner);
            if (ctx.MinorVersion == 0 && !owner.Confirmed) flags |= OpenResultFlags4.Confirm;
            var offer = DelegationOffer.Decide(ctx, open, args.ShareAccess, args.Claim);
            var result = new OpenResult(open.Id, target.Change, flags, target.AttrSet, offer.Type, offer.StateId, offer.Why);
            result.Encode(ctx.Reply);
            ctx.SetCurrent(export, obj);
            ctx.CurrentStateId = open.Id;
            return NfsStat4.Ok;
        }
        finally
        {
            if (handedOver is not null) await export.FileSystem.CloseAsync(obj, handedOver).ConfigureAwait(false);
        }
    }

    private static NfsStat4 CheckClaim(CompoundContext ctx, in OpenArgs args, StateManager state, NfsClient client)
    {
        switch (args.Claim)
        {
            case OpenClaimType4.Null:
                if (state.InGrace || AwaitsReclaimComplete(ctx)) return NfsStat4.Grace;
                return ctx.RequireCurrentDirectory();
            case OpenClaimType4.Previous:
                if (args.OpenType == OpenType4.Create && state.InGrace) return NfsStat4.Inval;
                return state.CheckReclaim(client);
            case OpenClaimType4.DelegateCurrent:
                return ctx.RequireCurrentDirectory();
            case OpenClaimType4.DelegatePrevious:
                return NfsStat4.Notsupp;
            case OpenClaimType4.Fh when ctx.MinorVersion > 0:
                if (state.InGrace || AwaitsReclaimComplete(ctx)) return NfsStat4.Grace;
                return NfsStat4.Ok;
            case OpenClaimType4.DelegCurFh when ctx.MinorVersion > 0:
                return NfsStat4.Ok;
            default:
                return ctx.MinorVersion == 0 ? NfsStat4.Inval : NfsStat4.Notsupp;
        }
    }

    /// <summary>
    /// A 4.1 client must send RECLAIM_COMPLETE before its first non-reclaim open or lock
    /// (RFC 8881 section 18.51.3); until then such requests get GRACE.
    /// </summary>
    internal static bool AwaitsReclaimComplete(CompoundContext ctx) => ctx.Session is { Client.ReclaimComplete: false };

    private readonly record struct Target(NfsStat4 Status, FsalObject? Object, bool Created, bool Truncate, ChangeInfo4 Change, Bitmap4 AttrSet, object? OpenToken = null);

    /// <summary>The backend access for an open's share access.</summary>
    private static FsalOpenFlags BackendFlags(uint access)
    {
        var flags = (FsalOpenFlags)0;
        if ((access & OpenShare4.AccessRead) != 0) flags |= FsalOpenFlags.Read;
        if ((access & OpenShare4.AccessWrite) != 0) flags |= FsalOpenFlags.Write;
        return flags;
    }

    private static async ValueTask<Target> FindOrCreateAsync(CompoundContext ctx, OpenArgs args, Export export, FsalOpenFlags openFlags)
    {
        var fs = export.FileSystem;
        var fsal = ctx.FsalContextFor(export);
        if (args.Claim is OpenClaimType4.Previous or OpenClaimType4.Fh or OpenClaimType4.DelegCurFh)
        {
            var type = TypeError(ctx.CurrentObject.Type, ctx.MinorVersion);
            return new Target(type, ctx.CurrentObject, false, false, default, Bitmap4.Empty);
        }

        var dir = ctx.CurrentObject;
        var s = ComponentName.Validate(args.Name.Span, fs.Capabilities.MaxNameLength, out var name);
        if (s != NfsStat4.Ok) return new Target(s, null, false, false, default, Bitmap4.Empty);

        if (args.OpenType == OpenType4.NoCreate)
        {
            var r = await fs.LookupAsync(fsal, dir, name, FsalAttrMask.None).ConfigureAwait(false);
            if (!r.IsOk) return new Target(r.Status.ToNfs4(), null, false, false, default, Bitmap4.Empty);
            s = TypeError(r.Value.Object.Type, ctx.MinorVersion);
            var change = await DirectoryChangeAsync(fs, fsal, dir).ConfigureAwait(false);
            return new Target(s, r.Value.Object, false, false, change, Bitmap4.Empty);
        }

        FsalSetAttributes attrs = default;
        Bitmap4 applied = Bitmap4.Empty;
        bool exclusive = args.CreateMode is CreateMode4.Exclusive or CreateMode4.Exclusive41;
        if (args.CreateMode != CreateMode4.Exclusive)
        {
            s = AttributeDecoder.Decode(args.CreateAttributes, ctx.MinorVersion, ctx.Server.IdMapper, out attrs, out applied);
            if (s != NfsStat4.Ok) return new Target(s, null, false, false, default, Bitmap4.Empty);
            if (exclusive && (attrs.AccessTimeHow != FsalTimeSet.DontChange || attrs.ModifyTimeHow != FsalTimeSet.DontChange))
            {
                return new Target(NfsStat4.Inval, null, false, false, default, Bitmap4.Empty);
            }
        }
        if ((attrs.Set & FsalAttrMask.Mode) == 0)
        {
            attrs.Mode = 0x1A4; // 0644
            attrs.Set |= FsalAttrMask.Mode;
        }
        if (exclusive)
        {
            // The verifier lives in the times until the client's SETATTR replaces them (RFC 7530 section 16.16.5).
            ulong v = args.CreateVerifier.Value;
            attrs.AccessTimeHow = FsalTimeSet.ClientTime;
            attrs.AccessTime = new NfsTime4((uint)(v >> 32), 0);
            attrs.ModifyTimeHow = FsalTimeSet.ClientTime;
            attrs.ModifyTime = new NfsTime4((uint)v, 0);
            applied = applied.With(A.TimeAccess).With(A.TimeModify);
        }
        bool truncate = (attrs.Set & FsalAttrMask.Size) != 0 && attrs.Size == 0;
        var request = new FsalCreateRequest
        {
            Type = FsalFileType.Regular,
            Attributes = attrs,
            Exclusive = args.CreateMode != CreateMode4.Unchecked,
        };
        FsalResult<FsalCreated> created;
        object? token = null;
        if (fs is ICreateAndOpen createAndOpen)
        {
            var both = await createAndOpen.CreateAndOpenAsync(fsal, dir, name, request, openFlags).ConfigureAwait(false);
            created = both.IsOk ? both.Value.Created : both.Status;
            token = both.IsOk ? both.Value.OpenToken : null;
        }
        else
        {
            created = await fs.CreateAsync(fsal, dir, name, request).ConfigureAwait(false);
        }
        if (created.IsOk)
        {
            var c = created.Value;
            var change = new ChangeInfo4(c.DirectoryChange.Atomic, c.DirectoryChange.Before, c.DirectoryChange.After);
            if (c.Existed)
            {
                if (token is not null) await fs.CloseAsync(c.Object, token).ConfigureAwait(false);
                return new Target(TypeError(c.Object.Type, ctx.MinorVersion), c.Object, false, truncate, change, Bitmap4.Empty);
            }
            return new Target(NfsStat4.Ok, c.Object, true, false, change, applied, token);
        }
        if (created.Status != FsalStatus.Exists) return new Target(created.Status.ToNfs4(), null, false, false, default, Bitmap4.Empty);

        // The name exists: an exclusive create retried with the same verifier succeeds; anything else is EXIST
        // (or the type error of a non-file, which tells the client more).
        var existing = await fs.LookupAsync(fsal, dir, name, FsalAttrMask.All).ConfigureAwait(false);
        if (!existing.IsOk) return new Target(existing.Status.ToNfs4(), null, false, false, default, Bitmap4.Empty);
        var obj = existing.Value.Object;
        var typeError = TypeError(obj.Type, ctx.MinorVersion);
        if (typeError != NfsStat4.Ok && args.CreateMode == CreateMode4.Unchecked) return new Target(typeError, null, false, false, default, Bitmap4.Empty);
        if (exclusive && typeError == NfsStat4.Ok)
        {
            var a = existing.Value.Attributes;
            ulong stored = ((ulong)(uint)a.AccessTime.Seconds << 32) | (uint)a.ModifyTime.Seconds;
            if (stored == args.CreateVerifier.Value && a.AccessTime.Nanoseconds == 0 && a.ModifyTime.Nanoseconds == 0)
            {
                var change = await DirectoryChangeAsync(fs, fsal, dir).ConfigureAwait(false);
                return new Target(NfsStat4.Ok, obj, true, false, change, applied);
            }
        }
        return new Target(NfsStat4.Exist, null, false, false, default, Bitmap4.Empty);
    }

    /// <summary>
    /// OPEN works on regular files only: ISDIR for a directory, SYMLINK for a symlink, and for
    /// other types SYMLINK in 4.0 (as knfsd answers and pynfs expects) or WRONG_TYPE in 4.1.
    /// </summary>
    private static NfsStat4 TypeError(FsalFileType type, uint minorVersion) => type switch
    {
        FsalFileType.Regular => NfsStat4.Ok,
        FsalFileType.Directory => NfsStat4.Isdir,
        FsalFileType.Symlink => NfsStat4.Symlink,
        _ => minorVersion == 0 ? NfsStat4.Symlink : NfsStat4.WrongType,
    };

    private static async ValueTask<ChangeInfo4> DirectoryChangeAsync(IFileSystem fs, FsalContext fsal, FsalObject dir)
    {
        var r = await fs.GetAttributesAsync(fsal, dir, FsalAttrMask.Change).ConfigureAwait(false);
        return r.IsOk ? new ChangeInfo4(true, r.Value.Change, r.Value.Change) : new ChangeInfo4(false, 0, 0);
    }

    private static async ValueTask<NfsStat4> CheckPermissionAsync(CompoundContext ctx, Export export, FsalObject obj, uint access)
    {
        var wanted = Access4.None;
        if ((access & OpenShare4.AccessRead) != 0) wanted |= Access4.Read;
        if ((access & OpenShare4.AccessWrite) != 0) wanted |= Access4.Modify;
        var r = await export.FileSystem.CheckAccessAsync(ctx.FsalContextFor(export), obj, wanted).ConfigureAwait(false);
        if (!r.IsOk) return r.Status.ToNfs4();
        return (r.Value & wanted) == wanted ? NfsStat4.Ok : NfsStat4.Access;
    }

    /// <summary>Opens (or reopens with more access) the backend file behind an open state.</summary>
    private static async ValueTask<NfsStat4> OpenBackendAsync(CompoundContext ctx, Export export, FsalObject obj, OpenState open, bool isNew)
    {
        var flags = BackendFlags(open.Access);
        if (!isNew && (open.BackendFlags & flags) == flags) return NfsStat4.Ok;
        var r = await export.FileSystem.OpenAsync(ctx.FsalContextFor(export), obj, flags).ConfigureAwait(false);
        if (!r.IsOk)
        {
            if (isNew) ctx.Server.State.AbandonOpen(open);
            return r.Status.ToNfs4();
        }
        var old = open.BackendToken;
        open.BackendToken = r.Value;
        open.BackendFlags = flags;
        if (old is not null) await export.FileSystem.CloseAsync(obj, old).ConfigureAwait(false);
        return NfsStat4.Ok;
    }

    private static void CloseTokens(List<OpenState> released)
    {
        foreach (var open in released)
        {
            var token = open.BackendToken;
            open.BackendToken = null;
            if (token is not null) _ = open.File.Export.FileSystem.CloseAsync(open.File.Object, token).AsTask();
        }
    }
}
