using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Nfs4.Operations;

/// <summary>EXCHGID4_FLAG_* values.</summary>
public static class ExchangeIdFlags
{
    /// <summary>Client supports referrals.</summary>
    public const uint SupportMovedRefer = 0x1;
    /// <summary>Client supports migration.</summary>
    public const uint SupportMovedMigr = 0x2;
    /// <summary>Client supports fencing operations.</summary>
    public const uint SupportFenceOps = 0x4;
    /// <summary>Bind principal to stateid.</summary>
    public const uint BindPrincipalStateId = 0x100;
    /// <summary>Not a pNFS server or client.</summary>
    public const uint UseNonPnfs = 0x10000;
    /// <summary>pNFS metadata server.</summary>
    public const uint UsePnfsMds = 0x20000;
    /// <summary>pNFS data server.</summary>
    public const uint UsePnfsDs = 0x40000;
    /// <summary>All pNFS role bits.</summary>
    public const uint MaskPnfs = 0x70000;
    /// <summary>Update of a confirmed record.</summary>
    public const uint UpdateConfirmedRecord = 0x40000000;
    /// <summary>Result: the record is confirmed.</summary>
    public const uint ConfirmedResult = 0x80000000;
    /// <summary>Every flag a client may send.</summary>
    public const uint ClientMask = SupportMovedRefer | SupportMovedMigr | BindPrincipalStateId | MaskPnfs | UpdateConfirmedRecord;
}

/// <summary>state_protect_how4.</summary>
public enum StateProtectHow4
{
    /// <summary>No protection.</summary>
    None = 0,
    /// <summary>Machine credential.</summary>
    MachineCredential = 1,
    /// <summary>Secret state verifier.</summary>
    Ssv = 2,
}

/// <summary>nfs_impl_id4.</summary>
public readonly record struct ImplementationId4(string Domain, string Name, NfsTime4 Date)
{
    /// <summary>Decodes.</summary>
    public static ImplementationId4 Decode(XdrReader r) => new(r.ReadString(Nfs4Constants.OpaqueLimit), r.ReadString(Nfs4Constants.OpaqueLimit), NfsTime4.Decode(r));

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { w.WriteString(Domain); w.WriteString(Name); Date.Encode(w); }
}

/// <summary>EXCHANGE_ID4args.</summary>
public readonly record struct ExchangeIdArgs(Verifier4 Verifier, ReadOnlyMemory<byte> OwnerId, uint Flags, StateProtectHow4 Protection, Bitmap4 MustEnforce, Bitmap4 MustAllow, ImplementationId4? ClientImplementation)
{
    /// <summary>Decodes; SP4_SSV arguments are read and kept only as the kind.</summary>
    public static ExchangeIdArgs Decode(XdrReader r)
    {
        var verf = Verifier4.Decode(r);
        var owner = r.ReadOpaque(Nfs4Constants.OpaqueLimit);
        uint flags = r.ReadUInt32();
        var how = (StateProtectHow4)r.ReadInt32();
        Bitmap4 enforce = default, allow = default;
        switch (how)
        {
            case StateProtectHow4.None: break;
            case StateProtectHow4.MachineCredential:
                enforce = Bitmap4.Decode(r);
                allow = Bitmap4.Decode(r);
                break;
            case StateProtectHow4.Ssv:
                enforce = Bitmap4.Decode(r);
                allow = Bitmap4.Decode(r);
                int h = r.ReadArrayLength(64); for (int i = 0; i < h; i++) r.ReadOpaque(Nfs4Constants.OpaqueLimit);
                int e = r.ReadArrayLength(64); for (int i = 0; i < e; i++) r.ReadOpaque(Nfs4Constants.OpaqueLimit);
                r.ReadUInt32(); r.ReadUInt32();
                break;
            default: throw new XdrException(XdrErrorKind.BadValue, $"state_protect_how4 {(int)how}");
        }
        int n = r.ReadArrayLength(1);
        ImplementationId4? impl = n == 1 ? ImplementationId4.Decode(r) : null;
        return new ExchangeIdArgs(verf, owner, flags, how, enforce, allow, impl);
    }

    /// <summary>Encodes (SP4_NONE or SP4_MACH_CRED).</summary>
    public void Encode(XdrWriter w)
    {
        Verifier.Encode(w);
        w.WriteOpaque(OwnerId.Span);
        w.WriteUInt32(Flags);
        w.WriteInt32((int)Protection);
        if (Protection == StateProtectHow4.MachineCredential) { MustEnforce.Encode(w); MustAllow.Encode(w); }
        w.WriteUInt32(ClientImplementation is null ? 0u : 1u);
        ClientImplementation?.Encode(w);
    }
}

/// <summary>EXCHANGE_ID4resok.</summary>
public readonly record struct ExchangeIdResult(ulong ClientId, uint SequenceId, uint Flags, StateProtectHow4 Protection, Bitmap4 MustEnforce, Bitmap4 MustAllow,
    ulong ServerMinorId, ReadOnlyMemory<byte> ServerMajorId, ReadOnlyMemory<byte> ServerScope, ImplementationId4? ServerImplementation)
{
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteUInt64(ClientId);
        w.WriteUInt32(SequenceId);
        w.WriteUInt32(Flags);
        w.WriteInt32((int)Protection);
        if (Protection == StateProtectHow4.MachineCredential) { MustEnforce.Encode(w); MustAllow.Encode(w); }
        w.WriteUInt64(ServerMinorId);
        w.WriteOpaque(ServerMajorId.Span);
        w.WriteOpaque(ServerScope.Span);
        w.WriteUInt32(ServerImplementation is null ? 0u : 1u);
        ServerImplementation?.Encode(w);
    }

    /// <summary>Decodes (SP4_NONE or SP4_MACH_CRED).</summary>
    public static ExchangeIdResult Decode(XdrReader r)
    {
        ulong id = r.ReadUInt64();
        uint seq = r.ReadUInt32();
        uint flags = r.ReadUInt32();
        var how = (StateProtectHow4)r.ReadInt32();
        Bitmap4 enforce = default, allow = default;
        if (how == StateProtectHow4.MachineCredential) { enforce = Bitmap4.Decode(r); allow = Bitmap4.Decode(r); }
        else if (how != StateProtectHow4.None) throw new XdrException(XdrErrorKind.BadValue, "SP4_SSV results are not decoded");
        ulong minor = r.ReadUInt64();
        var major = r.ReadOpaque(Nfs4Constants.OpaqueLimit);
        var scope = r.ReadOpaque(Nfs4Constants.OpaqueLimit);
        ImplementationId4? impl = r.ReadArrayLength(1) == 1 ? ImplementationId4.Decode(r) : null;
        return new ExchangeIdResult(id, seq, flags, how, enforce, allow, minor, major, scope, impl);
    }
}

/// <summary>channel_attrs4.</summary>
public readonly record struct ChannelAttrs4(uint HeaderPadSize, uint MaxRequestSize, uint MaxResponseSize, uint MaxResponseSizeCached, uint MaxOperations, uint MaxRequests, uint? RdmaIrd = null)
{
    /// <summary>Decodes.</summary>
    public static ChannelAttrs4 Decode(XdrReader r)
    {
        uint pad = r.ReadUInt32(), req = r.ReadUInt32(), resp = r.ReadUInt32(), cached = r.ReadUInt32(), ops = r.ReadUInt32(), reqs = r.ReadUInt32();
        uint? ird = r.ReadArrayLength(1) == 1 ? r.ReadUInt32() : null;
        return new ChannelAttrs4(pad, req, resp, cached, ops, reqs, ird);
    }

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteUInt32(HeaderPadSize); w.WriteUInt32(MaxRequestSize); w.WriteUInt32(MaxResponseSize);
        w.WriteUInt32(MaxResponseSizeCached); w.WriteUInt32(MaxOperations); w.WriteUInt32(MaxRequests);
        w.WriteUInt32(RdmaIrd is null ? 0u : 1u);
        if (RdmaIrd is { } ird) w.WriteUInt32(ird);
    }
}

/// <summary>One callback_sec_parms4: the flavor and, for AUTH_SYS, the credential body (an owned copy).</summary>
public readonly record struct CallbackSecurity4(Rpc.AuthFlavor Flavor, ReadOnlyMemory<byte> SysCredential)
{
    /// <summary>Decodes one entry; RPCSEC_GSS handles are read and dropped.</summary>
    public static CallbackSecurity4 Decode(XdrReader r)
    {
        var flavor = (Rpc.AuthFlavor)r.ReadInt32();
        switch (flavor)
        {
            case Rpc.AuthFlavor.None: return new CallbackSecurity4(flavor, default);
            case Rpc.AuthFlavor.Sys:
                // authsys_parms inline: stamp, machinename, uid, gid, gids
                int start = r.Position;
                r.ReadUInt32(); r.ReadString(Rpc.AuthSysParameters.MaxMachineNameLength); r.ReadUInt32(); r.ReadUInt32();
                int n = r.ReadArrayLength(Rpc.AuthSysParameters.MaxGroups);
                for (int i = 0; i < n; i++) r.ReadUInt32();
                // Copied: sessions keep it long after the request buffer is reused.
                return new CallbackSecurity4(flavor, r.Buffer.Slice(start, r.Position - start).ToArray());
            case Rpc.AuthFlavor.RpcSecGss:
                r.ReadUInt32(); r.ReadOpaque(Nfs4Constants.OpaqueLimit); r.ReadOpaque(Nfs4Constants.OpaqueLimit);
                return new CallbackSecurity4(flavor, default);
            default: throw new XdrException(XdrErrorKind.BadValue, $"callback flavor {(int)flavor}");
        }
    }

    /// <summary>Decodes a callback_sec_parms4 array.</summary>
    public static CallbackSecurity4[] DecodeArray(XdrReader r)
    {
        int n = r.ReadArrayLength(16);
        var a = new CallbackSecurity4[n];
        for (int i = 0; i < n; i++) a[i] = Decode(r);
        return a;
    }

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteInt32((int)Flavor);
        if (Flavor == Rpc.AuthFlavor.Sys) w.WriteFixedOpaque(SysCredential.Span);
    }
}

/// <summary>CREATE_SESSION4_FLAG_* values.</summary>
public static class CreateSessionFlags
{
    /// <summary>Persistent reply cache.</summary>
    public const uint Persist = 0x1;
    /// <summary>Use this connection for the back channel too.</summary>
    public const uint ConnectionBackChannel = 0x2;
    /// <summary>RDMA.</summary>
    public const uint ConnectionRdma = 0x4;
}

/// <summary>CREATE_SESSION4args.</summary>
public readonly record struct CreateSessionArgs(ulong ClientId, uint SequenceId, uint Flags, ChannelAttrs4 Fore, ChannelAttrs4 Back, uint CallbackProgram, CallbackSecurity4[] CallbackSecurity)
{
    /// <summary>Decodes.</summary>
    public static CreateSessionArgs Decode(XdrReader r) =>
        new(r.ReadUInt64(), r.ReadUInt32(), r.ReadUInt32(), ChannelAttrs4.Decode(r), ChannelAttrs4.Decode(r), r.ReadUInt32(), CallbackSecurity4.DecodeArray(r));

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteUInt64(ClientId); w.WriteUInt32(SequenceId); w.WriteUInt32(Flags); Fore.Encode(w); Back.Encode(w); w.WriteUInt32(CallbackProgram);
        w.WriteUInt32((uint)CallbackSecurity.Length);
        foreach (var s in CallbackSecurity) s.Encode(w);
    }
}

/// <summary>CREATE_SESSION4resok.</summary>
public readonly record struct CreateSessionResult(SessionId4 SessionId, uint SequenceId, uint Flags, ChannelAttrs4 Fore, ChannelAttrs4 Back)
{
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { SessionId.Encode(w); w.WriteUInt32(SequenceId); w.WriteUInt32(Flags); Fore.Encode(w); Back.Encode(w); }

    /// <summary>Decodes.</summary>
    public static CreateSessionResult Decode(XdrReader r) => new(SessionId4.Decode(r), r.ReadUInt32(), r.ReadUInt32(), ChannelAttrs4.Decode(r), ChannelAttrs4.Decode(r));
}

/// <summary>SEQUENCE4args (also the start of CB_SEQUENCE4args).</summary>
public readonly record struct SequenceArgs(SessionId4 SessionId, uint SequenceId, uint SlotId, uint HighestSlotId, bool CacheThis)
{
    /// <summary>Decodes.</summary>
    public static SequenceArgs Decode(XdrReader r) => new(SessionId4.Decode(r), r.ReadUInt32(), r.ReadUInt32(), r.ReadUInt32(), r.ReadBool());

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { SessionId.Encode(w); w.WriteUInt32(SequenceId); w.WriteUInt32(SlotId); w.WriteUInt32(HighestSlotId); w.WriteBool(CacheThis); }
}

/// <summary>SEQ4_STATUS_* flags.</summary>
[Flags]
public enum SequenceStatusFlags : uint
{
    /// <summary>None.</summary>
    None = 0,
    /// <summary>The client's callback path is down.</summary>
    CallbackPathDown = 0x1,
    /// <summary>All state of the client was revoked on lease expiry.</summary>
    ExpiredAllStateRevoked = 0x8,
    /// <summary>Some state was revoked on lease expiry.</summary>
    ExpiredSomeStateRevoked = 0x10,
    /// <summary>An administrator revoked state.</summary>
    AdminStateRevoked = 0x20,
    /// <summary>A delegation or layout was revoked.</summary>
    RecallableStateRevoked = 0x40,
    /// <summary>The session has no usable back channel connection.</summary>
    CallbackPathDownSession = 0x200,
    /// <summary>The back channel failed.</summary>
    BackchannelFault = 0x400,
}

/// <summary>SEQUENCE4resok.</summary>
public readonly record struct SequenceResult(SessionId4 SessionId, uint SequenceId, uint SlotId, uint HighestSlotId, uint TargetHighestSlotId, SequenceStatusFlags StatusFlags)
{
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { SessionId.Encode(w); w.WriteUInt32(SequenceId); w.WriteUInt32(SlotId); w.WriteUInt32(HighestSlotId); w.WriteUInt32(TargetHighestSlotId); w.WriteUInt32((uint)StatusFlags); }

    /// <summary>Decodes.</summary>
    public static SequenceResult Decode(XdrReader r) => new(SessionId4.Decode(r), r.ReadUInt32(), r.ReadUInt32(), r.ReadUInt32(), r.ReadUInt32(), (SequenceStatusFlags)r.ReadUInt32());
}

/// <summary>channel_dir_from_client4 and channel_dir_from_server4 values.</summary>
public static class ChannelDirection
{
    /// <summary>Fore channel.</summary>
    public const uint Fore = 0x1;
    /// <summary>Back channel.</summary>
    public const uint Back = 0x2;
    /// <summary>Fore, or both (from client) / both (from server).</summary>
    public const uint ForeOrBoth = 0x3;
    /// <summary>Back, or both (from client).</summary>
    public const uint BackOrBoth = 0x7;
}

/// <summary>BIND_CONN_TO_SESSION4args.</summary>
public readonly record struct BindConnToSessionArgs(SessionId4 SessionId, uint Direction, bool UseRdma)
{
    /// <summary>Decodes.</summary>
    public static BindConnToSessionArgs Decode(XdrReader r) => new(SessionId4.Decode(r), r.ReadUInt32(), r.ReadBool());

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { SessionId.Encode(w); w.WriteUInt32(Direction); w.WriteBool(UseRdma); }
}
