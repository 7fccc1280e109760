using Nfs.Core.Fsal;
using Nfs.Core.State;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.Protocol.Rpc;

namespace Nfs.Core.Nfs4.Operations;

/// <summary>Base for operations that exist from NFSv4.1 on.</summary>
public abstract class Nfs41Operation : Nfs4Operation
{
    /// <inheritdoc/>
    public override uint MinMinorVersion => 1;
}

/// <summary>EXCHANGE_ID (RFC 8881 section 18.35).</summary>
public sealed class ExchangeIdHandler : Nfs41Operation
{
    private static readonly ImplementationId4 Implementation = new("fsal.dev", "Fsal .NET NFS server 0.1", new NfsTime4(1764028800, 0));

    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.ExchangeId;

    /// <inheritdoc/>
    public override ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var args = ExchangeIdArgs.Decode(ctx.Args);
        if ((args.Flags & ~ExchangeIdFlags.ClientMask) != 0) return new(NfsStat4.Inval);
        switch (args.Protection)
        {
            case StateProtectHow4.None: break;
            case StateProtectHow4.MachineCredential: return new(NfsStat4.Notsupp);
            default: return new(NfsStat4.EncrAlgUnsupp);
        }
        var s = ctx.Server.State.ExchangeId(args.OwnerId.Span, args.Verifier.Value, args.Flags, ClientIdentity.PrincipalOf(ctx), ctx.MinorVersion, out var client);
        if (s != NfsStat4.Ok) return new(s);
        uint flags = ExchangeIdFlags.UseNonPnfs;
        if (client.Confirmed) flags |= ExchangeIdFlags.ConfirmedResult;
        var owner = ctx.Server.ServerOwner;
        new ExchangeIdResult(client.ClientId, unchecked(client.CreateSessionSequence + 1), flags, StateProtectHow4.None, default, default,
            0, owner, ctx.Server.ServerScope ?? owner, Implementation).Encode(ctx.Reply);
        return new(NfsStat4.Ok);
    }
}

/// <summary>CREATE_SESSION (RFC 8881 section 18.36): negotiates channel attributes within the server's limits.</summary>
public sealed class CreateSessionHandler : Nfs41Operation
{
    /// <summary>Fore channel slots per session.</summary>
    public const uint MaxSlots = 64;

    /// <summary>Largest reply kept in a slot.</summary>
    public const uint MaxCachedResponse = 64 * 1024;

    /// <summary>Smallest request and reply sizes that leave room for an RPC header and a SEQUENCE.</summary>
    private const uint MinMessageSize = 128;

    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.CreateSession;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var args = CreateSessionArgs.Decode(ctx.Args);
        if ((args.Flags & ~(CreateSessionFlags.Persist | CreateSessionFlags.ConnectionBackChannel | CreateSessionFlags.ConnectionRdma)) != 0) return NfsStat4.Inval;
        var a = args.Fore;
        if (a.MaxRequestSize < MinMessageSize || a.MaxResponseSize < MinMessageSize) return NfsStat4.Toosmall;
        if (args.Back.MaxRequestSize < MinMessageSize || args.Back.MaxResponseSize < MinMessageSize) return NfsStat4.Toosmall;
        if (a.MaxRequests == 0 || a.MaxOperations == 0) return NfsStat4.Inval;
        uint maxRecord = (uint)ctx.Server.MaxRecordSize;
        var fore = new ChannelAttrs4(0,
            Math.Min(a.MaxRequestSize, maxRecord),
            Math.Min(a.MaxResponseSize, maxRecord),
            Math.Min(a.MaxResponseSizeCached, MaxCachedResponse),
            Math.Min(a.MaxOperations, (uint)ctx.Server.Options.MaxOperationsPerCompound),
            Math.Min(a.MaxRequests, MaxSlots));
        var b = args.Back;
        var back = new ChannelAttrs4(0, Math.Min(b.MaxRequestSize, maxRecord), Math.Min(b.MaxResponseSize, maxRecord),
            Math.Min(b.MaxResponseSizeCached, MaxCachedResponse), Math.Min(b.MaxOperations, 16u), Math.Min(Math.Max(b.MaxRequests, 1u), 1u));
        uint flags = args.Flags & CreateSessionFlags.ConnectionBackChannel;

        var state = ctx.Server.State;
        var s = state.CreateSession(args, ClientIdentity.PrincipalOf(ctx), fore, back, flags, out var session, out var replay);
        if (s != NfsStat4.Ok) return s;
        if (replay is not null)
        {
            replay.CopyTo(ctx.Reply.GetSpan(replay.Length));
            ctx.Reply.Advance(replay.Length);
            return NfsStat4.Ok;
        }
        session.Bind(ctx.Call.Connection, fore: true, back: (flags & CreateSessionFlags.ConnectionBackChannel) != 0);
        int start = ctx.Reply.Length;
        new CreateSessionResult(session.Id, args.SequenceId, flags, fore, back).Encode(ctx.Reply);
        state.StoreCreateSessionReply(session, ctx.Reply.WrittenSpan[start..]);
        // The client is confirmed now and may hold state once it has this reply: on record first
        // (RFC 8881 section 8.4.2.1). Every new session re-records, which is idempotent.
        await state.RecordClientAsync(session.Client).ConfigureAwait(false);
        return NfsStat4.Ok;
    }
}

/// <summary>SEQUENCE anywhere but first (the engine handles it first): SEQUENCE_POS.</summary>
public sealed class SequenceHandler : Nfs41Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Sequence;

    /// <inheritdoc/>
    public override ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        SequenceArgs.Decode(ctx.Args);
        return new(NfsStat4.SequencePos);
    }
}

/// <summary>DESTROY_SESSION.</summary>
public sealed class DestroySessionHandler : Nfs41Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.DestroySession;

    /// <inheritdoc/>
    public override ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var id = SessionId4.Decode(ctx.Args);
        // Destroying the session this COMPOUND runs on is allowed only as its last operation (RFC 8881 section 18.37.3).
        if (ctx.Session is { } own && own.Id == id && ctx.Args.Remaining > 0) return new(NfsStat4.NotOnlyOp);
        return new(ctx.Server.State.DestroySession(id));
    }
}

/// <summary>DESTROY_CLIENTID.</summary>
public sealed class DestroyClientIdHandler : Nfs41Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.DestroyClientid;

    /// <inheritdoc/>
    public override ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        ulong clientId = ctx.Args.ReadUInt64();
        return new(ctx.Server.State.DestroyClientId(clientId));
    }
}

/// <summary>BIND_CONN_TO_SESSION: binds the connection to the fore channel, the back channel or both.</summary>
public sealed class BindConnToSessionHandler : Nfs41Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.BindConnToSession;

    /// <inheritdoc/>
    public override ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var args = BindConnToSessionArgs.Decode(ctx.Args);
        var session = ctx.Server.State.FindSession(args.SessionId);
        if (session is null) return new(NfsStat4.Badsession);
        (bool fore, bool back, uint granted) = args.Direction switch
        {
            ChannelDirection.Fore => (true, false, ChannelDirection.Fore),
            ChannelDirection.Back => (false, true, ChannelDirection.Back),
            ChannelDirection.ForeOrBoth or ChannelDirection.BackOrBoth => (true, true, ChannelDirection.ForeOrBoth),
            _ => (false, false, 0u),
        };
        if (granted == 0) return new(NfsStat4.Inval);
        session.Bind(ctx.Call.Connection, fore, back);
        args.SessionId.Encode(ctx.Reply);
        ctx.Reply.WriteUInt32(granted);
        ctx.Reply.WriteBool(false);
        return new(NfsStat4.Ok);
    }
}

/// <summary>BACKCHANNEL_CTL: new callback program and security for the session.</summary>
public sealed class BackchannelCtlHandler : Nfs41Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.BackchannelCtl;

    /// <inheritdoc/>
    public override ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        uint program = ctx.Args.ReadUInt32();
        var security = CallbackSecurity4.DecodeArray(ctx.Args);
        var session = ctx.Session!;
        session.CallbackProgram = program;
        session.CallbackSecurity = security;
        return new(NfsStat4.Ok);
    }
}

/// <summary>RECLAIM_COMPLETE.</summary>
public sealed class ReclaimCompleteHandler : Nfs41Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.ReclaimComplete;

    /// <inheritdoc/>
    public override ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        bool oneFs = ctx.Args.ReadBool();
        if (oneFs && !ctx.Current.IsSet) return new(NfsStat4.Nofilehandle);
        return new(ctx.Server.State.ReclaimComplete(ctx.Session!.Client, oneFs));
    }
}

/// <summary>FREE_STATEID.</summary>
public sealed class FreeStateIdHandler : Nfs41Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.FreeStateid;

    /// <inheritdoc/>
    public override ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var stateId = ctx.ResolveStateId(StateId4.Decode(ctx.Args));
        return new(ctx.Server.State.FreeStateId(ctx.Session!.Client, stateId));
    }
}

/// <summary>TEST_STATEID: the status each stateid would get.</summary>
public sealed class TestStateIdHandler : Nfs41Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.TestStateid;

    /// <inheritdoc/>
    public override ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        int n = ctx.Args.ReadArrayLength(1024, 16);
        var reply = ctx.Reply;
        reply.WriteUInt32((uint)n);
        var client = ctx.Session!.Client;
        for (int i = 0; i < n; i++)
        {
            var sid = StateId4.Decode(ctx.Args);
            reply.WriteUInt32((uint)ctx.Server.State.TestStateId(client, sid));
        }
        return new(NfsStat4.Ok);
    }
}

/// <summary>SECINFO_NO_NAME: flavors for the current filehandle or its parent; consumes the current filehandle.</summary>
public sealed class SecInfoNoNameHandler : Nfs41Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.SecinfoNoName;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        int style = ctx.Args.ReadInt32();
        if (style is not (0 or 1)) return NfsStat4.Inval;
        var s = ctx.RequireCurrent();
        if (s != NfsStat4.Ok) return s;
        if (style == 1)
        {
            if (ctx.CurrentObject.Type != FsalFileType.Directory) return NfsStat4.Notdir;
            var export = ctx.CurrentExport;
            if (ReferenceEquals(ctx.CurrentObject, export.FileSystem.Root) && (Exports.ExportTable.IsPseudo(export) || ctx.Server.Exports.Pseudo is null)) return NfsStat4.Noent;
            var r = await export.FileSystem.LookupParentAsync(ctx.CurrentFsalContext, ctx.CurrentObject, FsalAttrMask.None).ConfigureAwait(false);
            if (!r.IsOk && !ReferenceEquals(ctx.CurrentObject, export.FileSystem.Root)) return r.Status.ToNfs4();
        }
        SecInfoHandler.WriteFlavors(ctx);
        ctx.Current = default;
        return NfsStat4.Ok;
    }
}

/// <summary>Operations of 4.1 and 4.2 this server does not offer (pNFS layouts, directory delegations, SSV): NOTSUPP.</summary>
public sealed class NotSupportedHandler(NfsOp4 op, uint minMinorVersion = 1) : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => op;

    /// <inheritdoc/>
    public override uint MinMinorVersion => minMinorVersion;

    /// <inheritdoc/>
    public override ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx) => new(NfsStat4.Notsupp);
}
