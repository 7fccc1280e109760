using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Nfs4.Operations;

/// <summary>OPEN4args, with the openflag4 and open_claim4 unions flattened.</summary>
public readonly record struct OpenArgs(
    uint SeqId,
    uint ShareAccess,
    uint ShareDeny,
    StateOwner4 Owner,
    OpenType4 OpenType,
    CreateMode4 CreateMode,
    Fattr4 CreateAttributes,
    Verifier4 CreateVerifier,
    OpenClaimType4 Claim,
    ReadOnlyMemory<byte> Name,
    OpenDelegationType4 DelegateType,
    StateId4 DelegateStateId)
{
    /// <summary>Decodes; unknown create modes and claim types are rejected as bad XDR.</summary>
    public static OpenArgs Decode(XdrReader r)
    {
        uint seq = r.ReadUInt32();
        uint access = r.ReadUInt32();
        uint deny = r.ReadUInt32();
        var owner = StateOwner4.Decode(r);
        var openType = (OpenType4)r.ReadInt32();
        var mode = CreateMode4.Unchecked;
        Fattr4 attrs = default;
        Verifier4 verf = default;
        switch (openType)
        {
            case OpenType4.NoCreate: break;
            case OpenType4.Create:
                mode = (CreateMode4)r.ReadInt32();
                switch (mode)
                {
                    case CreateMode4.Unchecked or CreateMode4.Guarded: attrs = Fattr4.Decode(r); break;
                    case CreateMode4.Exclusive: verf = Verifier4.Decode(r); break;
                    case CreateMode4.Exclusive41: verf = Verifier4.Decode(r); attrs = Fattr4.Decode(r); break;
                    default: throw new XdrException(XdrErrorKind.BadValue, $"createmode4 {(int)mode}");
                }
                break;
            default: throw new XdrException(XdrErrorKind.BadValue, $"opentype4 {(int)openType}");
        }
        var claim = (OpenClaimType4)r.ReadInt32();
        ReadOnlyMemory<byte> name = default;
        var delegType = OpenDelegationType4.None;
        StateId4 delegSid = default;
        switch (claim)
        {
            case OpenClaimType4.Null or OpenClaimType4.DelegatePrevious: name = ComponentArgs.Decode(r); break;
            case OpenClaimType4.Previous: delegType = (OpenDelegationType4)r.ReadInt32(); break;
            case OpenClaimType4.DelegateCurrent: delegSid = StateId4.Decode(r); name = ComponentArgs.Decode(r); break;
            case OpenClaimType4.Fh or OpenClaimType4.DelegPrevFh: break;
            case OpenClaimType4.DelegCurFh: delegSid = StateId4.Decode(r); break;
            default: throw new XdrException(XdrErrorKind.BadValue, $"open_claim_type4 {(int)claim}");
        }
        return new OpenArgs(seq, access, deny, owner, openType, mode, attrs, verf, claim, name, delegType, delegSid);
    }

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteUInt32(SeqId); w.WriteUInt32(ShareAccess); w.WriteUInt32(ShareDeny); Owner.Encode(w);
        w.WriteInt32((int)OpenType);
        if (OpenType == OpenType4.Create)
        {
            w.WriteInt32((int)CreateMode);
            switch (CreateMode)
            {
                case CreateMode4.Unchecked or CreateMode4.Guarded: CreateAttributes.Encode(w); break;
                case CreateMode4.Exclusive: CreateVerifier.Encode(w); break;
                case CreateMode4.Exclusive41: CreateVerifier.Encode(w); CreateAttributes.Encode(w); break;
            }
        }
        w.WriteInt32((int)Claim);
        switch (Claim)
        {
            case OpenClaimType4.Null or OpenClaimType4.DelegatePrevious: w.WriteOpaque(Name.Span); break;
            case OpenClaimType4.Previous: w.WriteInt32((int)DelegateType); break;
            case OpenClaimType4.DelegateCurrent: DelegateStateId.Encode(w); w.WriteOpaque(Name.Span); break;
            case OpenClaimType4.DelegCurFh: DelegateStateId.Encode(w); break;
        }
    }
}

/// <summary>why_no_delegation4: why OPEN_DELEGATE_NONE_EXT.</summary>
public enum WhyNoDelegation4
{
    /// <summary>The client asked for none.</summary>
    NotWanted = 0,
    /// <summary>Other clients use the file.</summary>
    Contention = 1,
    /// <summary>The server lacks resources.</summary>
    Resource = 2,
    /// <summary>Not for this file type.</summary>
    NotSupportedFileType = 3,
    /// <summary>No write delegation for this file type.</summary>
    WriteDelegationNotSupportedFileType = 4,
    /// <summary>Upgrade not supported.</summary>
    NotSupportedUpgrade = 5,
    /// <summary>Downgrade not supported.</summary>
    NotSupportedDowngrade = 6,
    /// <summary>The want was cancelled.</summary>
    Cancelled = 7,
    /// <summary>A directory.</summary>
    IsDirectory = 8,
}

/// <summary>OPEN4resok, with the delegation granted (or the reason none was, in 4.1).</summary>
public readonly record struct OpenResult(StateId4 StateId, ChangeInfo4 ChangeInfo, OpenResultFlags4 Flags, Bitmap4 AttrSet, OpenDelegationType4 Delegation, StateId4 DelegationStateId,
    WhyNoDelegation4 WhyNone = WhyNoDelegation4.NotWanted, ulong SpaceLimit = ulong.MaxValue)
{
    /// <summary>Encodes, including the open_delegation4 union.</summary>
    public void Encode(XdrWriter w)
    {
        StateId.Encode(w);
        ChangeInfo.Encode(w);
        w.WriteUInt32((uint)Flags);
        AttrSet.Encode(w);
        w.WriteInt32((int)Delegation);
        switch (Delegation)
        {
            case OpenDelegationType4.Read:
                DelegationStateId.Encode(w);
                w.WriteBool(false); // recall
                WriteNoPermissions(w);
                break;
            case OpenDelegationType4.Write:
                DelegationStateId.Encode(w);
                w.WriteBool(false);
                w.WriteInt32(1); // NFS_LIMIT_SIZE
                w.WriteUInt64(SpaceLimit);
                WriteNoPermissions(w);
                break;
            case OpenDelegationType4.NoneExt:
                w.WriteInt32((int)WhyNone);
                if (WhyNone is WhyNoDelegation4.Contention or WhyNoDelegation4.Resource) w.WriteBool(false);
                break;
        }
    }

    /// <summary>An nfsace4 granting nothing: the client must still ask with ACCESS (as knfsd sends).</summary>
    private static void WriteNoPermissions(XdrWriter w)
    {
        w.WriteUInt32(0); // ACE4_ACCESS_ALLOWED_ACE_TYPE
        w.WriteUInt32(0); // flags
        w.WriteUInt32(0); // access mask
        w.WriteUInt32(0); // who: empty
    }

    /// <summary>Decodes, skipping over the body of any delegation.</summary>
    public static OpenResult Decode(XdrReader r)
    {
        var sid = StateId4.Decode(r);
        var cinfo = ChangeInfo4.Decode(r);
        var flags = (OpenResultFlags4)r.ReadUInt32();
        var attrset = Bitmap4.Decode(r);
        var dtype = (OpenDelegationType4)r.ReadInt32();
        StateId4 dsid = default;
        switch (dtype)
        {
            case OpenDelegationType4.Read:
                dsid = StateId4.Decode(r); r.ReadBool(); SkipAce(r);
                break;
            case OpenDelegationType4.Write:
                dsid = StateId4.Decode(r); r.ReadBool();
                if (r.ReadInt32() == 1) { r.ReadUInt64(); } else { r.ReadUInt32(); r.ReadUInt32(); }
                SkipAce(r);
                break;
            case OpenDelegationType4.NoneExt:
                int why = r.ReadInt32();
                if (why is 1 or 2) r.ReadBool(); // WND4_CONTENTION and WND4_RESOURCE carry a bool
                break;
        }
        return new OpenResult(sid, cinfo, flags, attrset, dtype, dsid);
    }

    private static void SkipAce(XdrReader r)
    {
        r.ReadUInt32(); r.ReadUInt32(); r.ReadUInt32(); r.ReadOpaque(Nfs4Constants.OpaqueLimit);
    }
}
