using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Nfs4.Operations;

/// <summary>Codecs for arguments made of a single component name (LOOKUP, REMOVE, LINK, SECINFO).</summary>
public static class ComponentArgs
{
    /// <summary>Decodes a component4 (a UTF-8 name). Over-long names are caught by the caller, which answers NAMETOOLONG.</summary>
    public static ReadOnlyMemory<byte> Decode(XdrReader reader) => reader.ReadOpaque(Nfs4Constants.OpaqueLimit);

    /// <summary>Encodes a component name.</summary>
    public static void Encode(XdrWriter writer, string name) => writer.WriteString(name);
}

/// <summary>ACCESS4args / ACCESS4resok.</summary>
public readonly record struct AccessArgs(Access4 Access)
{
    /// <summary>Decodes.</summary>
    public static AccessArgs Decode(XdrReader r) => new((Access4)r.ReadUInt32());
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) => w.WriteUInt32((uint)Access);
}

/// <summary>ACCESS4resok.</summary>
public readonly record struct AccessResult(Access4 Supported, Access4 Access)
{
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { w.WriteUInt32((uint)Supported); w.WriteUInt32((uint)Access); }
    /// <summary>Decodes.</summary>
    public static AccessResult Decode(XdrReader r) => new((Access4)r.ReadUInt32(), (Access4)r.ReadUInt32());
}

/// <summary>CLOSE4args.</summary>
public readonly record struct CloseArgs(uint SeqId, StateId4 StateId)
{
    /// <summary>Decodes.</summary>
    public static CloseArgs Decode(XdrReader r) => new(r.ReadUInt32(), StateId4.Decode(r));
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { w.WriteUInt32(SeqId); StateId.Encode(w); }
}

/// <summary>COMMIT4args.</summary>
public readonly record struct CommitArgs(ulong Offset, uint Count)
{
    /// <summary>Decodes.</summary>
    public static CommitArgs Decode(XdrReader r) => new(r.ReadUInt64(), r.ReadUInt32());
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { w.WriteUInt64(Offset); w.WriteUInt32(Count); }
}

/// <summary>GETATTR4args (a bitmap) and VERIFY/NVERIFY4args (an fattr4) are decoded with <see cref="Bitmap4"/> and <see cref="Fattr4"/>.</summary>
public readonly record struct GetAttrArgs(Bitmap4 Request)
{
    /// <summary>Decodes.</summary>
    public static GetAttrArgs Decode(XdrReader r) => new(Bitmap4.Decode(r));
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) => Request.Encode(w);
}

/// <summary>OPEN_CONFIRM4args.</summary>
public readonly record struct OpenConfirmArgs(StateId4 OpenStateId, uint SeqId)
{
    /// <summary>Decodes.</summary>
    public static OpenConfirmArgs Decode(XdrReader r) => new(StateId4.Decode(r), r.ReadUInt32());
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { OpenStateId.Encode(w); w.WriteUInt32(SeqId); }
}

/// <summary>OPEN_DOWNGRADE4args.</summary>
public readonly record struct OpenDowngradeArgs(StateId4 OpenStateId, uint SeqId, uint ShareAccess, uint ShareDeny)
{
    /// <summary>Decodes.</summary>
    public static OpenDowngradeArgs Decode(XdrReader r) => new(StateId4.Decode(r), r.ReadUInt32(), r.ReadUInt32(), r.ReadUInt32());
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { OpenStateId.Encode(w); w.WriteUInt32(SeqId); w.WriteUInt32(ShareAccess); w.WriteUInt32(ShareDeny); }
}

/// <summary>READ4args.</summary>
public readonly record struct ReadArgs(StateId4 StateId, ulong Offset, uint Count)
{
    /// <summary>Decodes.</summary>
    public static ReadArgs Decode(XdrReader r) => new(StateId4.Decode(r), r.ReadUInt64(), r.ReadUInt32());
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { StateId.Encode(w); w.WriteUInt64(Offset); w.WriteUInt32(Count); }
}

/// <summary>READ4resok as decoded by a client (data is a slice of the reply).</summary>
public readonly record struct ReadResult(bool Eof, ReadOnlyMemory<byte> Data)
{
    /// <summary>Decodes.</summary>
    public static ReadResult Decode(XdrReader r) => new(r.ReadBool(), r.ReadOpaque(int.MaxValue));
}

/// <summary>RENAME4args.</summary>
public readonly record struct RenameArgs(ReadOnlyMemory<byte> OldName, ReadOnlyMemory<byte> NewName)
{
    /// <summary>Decodes.</summary>
    public static RenameArgs Decode(XdrReader r) => new(ComponentArgs.Decode(r), ComponentArgs.Decode(r));
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { w.WriteOpaque(OldName.Span); w.WriteOpaque(NewName.Span); }
}

/// <summary>SETATTR4args.</summary>
public readonly record struct SetAttrArgs(StateId4 StateId, Fattr4 Attributes)
{
    /// <summary>Decodes.</summary>
    public static SetAttrArgs Decode(XdrReader r) => new(StateId4.Decode(r), Fattr4.Decode(r));
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { StateId.Encode(w); Attributes.Encode(w); }
}

/// <summary>SETCLIENTID_CONFIRM4args.</summary>
public readonly record struct SetClientIdConfirmArgs(ulong ClientId, Verifier4 Confirm)
{
    /// <summary>Decodes.</summary>
    public static SetClientIdConfirmArgs Decode(XdrReader r) => new(r.ReadUInt64(), Verifier4.Decode(r));
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { w.WriteUInt64(ClientId); Confirm.Encode(w); }
}

/// <summary>WRITE4args; the data is a slice of the request buffer.</summary>
public readonly record struct WriteArgs(StateId4 StateId, ulong Offset, StableHow4 Stable, ReadOnlyMemory<byte> Data)
{
    /// <summary>Decodes, bounding the data by <paramref name="maxData"/>.</summary>
    public static WriteArgs Decode(XdrReader r, int maxData)
    {
        var sid = StateId4.Decode(r);
        ulong off = r.ReadUInt64();
        var stable = (StableHow4)r.ReadInt32();
        var data = r.ReadOpaque(maxData);
        return new WriteArgs(sid, off, stable, data);
    }
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { StateId.Encode(w); w.WriteUInt64(Offset); w.WriteInt32((int)Stable); w.WriteOpaque(Data.Span); }
}

/// <summary>WRITE4resok.</summary>
public readonly record struct WriteResult(uint Count, StableHow4 Committed, Verifier4 Verifier)
{
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { w.WriteUInt32(Count); w.WriteInt32((int)Committed); Verifier.Encode(w); }
    /// <summary>Decodes.</summary>
    public static WriteResult Decode(XdrReader r) => new(r.ReadUInt32(), (StableHow4)r.ReadInt32(), Verifier4.Decode(r));
}

/// <summary>LOCKU4args.</summary>
public readonly record struct LockUArgs(NfsLockType4 LockType, uint SeqId, StateId4 LockStateId, ulong Offset, ulong Length)
{
    /// <summary>Decodes.</summary>
    public static LockUArgs Decode(XdrReader r) => new((NfsLockType4)r.ReadInt32(), r.ReadUInt32(), StateId4.Decode(r), r.ReadUInt64(), r.ReadUInt64());
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { w.WriteInt32((int)LockType); w.WriteUInt32(SeqId); LockStateId.Encode(w); w.WriteUInt64(Offset); w.WriteUInt64(Length); }
}

/// <summary>LOCKT4args.</summary>
public readonly record struct LockTArgs(NfsLockType4 LockType, ulong Offset, ulong Length, StateOwner4 Owner)
{
    /// <summary>Decodes.</summary>
    public static LockTArgs Decode(XdrReader r) => new((NfsLockType4)r.ReadInt32(), r.ReadUInt64(), r.ReadUInt64(), StateOwner4.Decode(r));
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { w.WriteInt32((int)LockType); w.WriteUInt64(Offset); w.WriteUInt64(Length); Owner.Encode(w); }
}

/// <summary>LOCK4denied: the conflicting lock.</summary>
public readonly record struct LockDenied(ulong Offset, ulong Length, NfsLockType4 LockType, StateOwner4 Owner)
{
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { w.WriteUInt64(Offset); w.WriteUInt64(Length); w.WriteInt32((int)LockType); Owner.Encode(w); }
    /// <summary>Decodes.</summary>
    public static LockDenied Decode(XdrReader r) => new(r.ReadUInt64(), r.ReadUInt64(), (NfsLockType4)r.ReadInt32(), StateOwner4.Decode(r));
}

/// <summary>LOCK4args.</summary>
public readonly record struct LockArgs(
    NfsLockType4 LockType, bool Reclaim, ulong Offset, ulong Length, bool NewLockOwner,
    uint OpenSeqId, StateId4 OpenStateId, uint LockSeqId, StateOwner4 LockOwner,
    StateId4 LockStateId)
{
    /// <summary>Decodes, including the locker4 union.</summary>
    public static LockArgs Decode(XdrReader r)
    {
        var type = (NfsLockType4)r.ReadInt32();
        bool reclaim = r.ReadBool();
        ulong off = r.ReadUInt64();
        ulong len = r.ReadUInt64();
        bool isNew = r.ReadBool();
        if (isNew)
        {
            uint openSeq = r.ReadUInt32();
            var openSid = StateId4.Decode(r);
            uint lockSeq = r.ReadUInt32();
            var owner = StateOwner4.Decode(r);
            return new LockArgs(type, reclaim, off, len, true, openSeq, openSid, lockSeq, owner, default);
        }
        var lockSid = StateId4.Decode(r);
        uint seq = r.ReadUInt32();
        return new LockArgs(type, reclaim, off, len, false, 0, default, seq, default, lockSid);
    }

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteInt32((int)LockType); w.WriteBool(Reclaim); w.WriteUInt64(Offset); w.WriteUInt64(Length); w.WriteBool(NewLockOwner);
        if (NewLockOwner) { w.WriteUInt32(OpenSeqId); OpenStateId.Encode(w); w.WriteUInt32(LockSeqId); LockOwner.Encode(w); }
        else { LockStateId.Encode(w); w.WriteUInt32(LockSeqId); }
    }
}

/// <summary>SETCLIENTID4args.</summary>
public readonly record struct SetClientIdArgs(Verifier4 Verifier, ReadOnlyMemory<byte> Id, uint CallbackProgram, NetAddr4 CallbackAddress, uint CallbackIdent)
{
    /// <summary>Decodes.</summary>
    public static SetClientIdArgs Decode(XdrReader r) =>
        new(Verifier4.Decode(r), r.ReadOpaque(Nfs4Constants.OpaqueLimit), r.ReadUInt32(), NetAddr4.Decode(r), r.ReadUInt32());
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { Verifier.Encode(w); w.WriteOpaque(Id.Span); w.WriteUInt32(CallbackProgram); CallbackAddress.Encode(w); w.WriteUInt32(CallbackIdent); }
}

/// <summary>READDIR4args.</summary>
public readonly record struct ReadDirArgs(ulong Cookie, Verifier4 CookieVerifier, uint DirCount, uint MaxCount, Bitmap4 AttrRequest)
{
    /// <summary>Decodes.</summary>
    public static ReadDirArgs Decode(XdrReader r) => new(r.ReadUInt64(), Verifier4.Decode(r), r.ReadUInt32(), r.ReadUInt32(), Bitmap4.Decode(r));
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { w.WriteUInt64(Cookie); CookieVerifier.Encode(w); w.WriteUInt32(DirCount); w.WriteUInt32(MaxCount); AttrRequest.Encode(w); }
}

/// <summary>One entry4 of a READDIR reply as decoded by a client.</summary>
public readonly record struct ReadDirEntry(ulong Cookie, string Name, Fattr4 Attributes);

/// <summary>READDIR4resok as decoded by a client.</summary>
public sealed record ReadDirResult(Verifier4 CookieVerifier, IReadOnlyList<ReadDirEntry> Entries, bool Eof)
{
    /// <summary>Decodes.</summary>
    public static ReadDirResult Decode(XdrReader r)
    {
        var verf = Verifier4.Decode(r);
        var list = new List<ReadDirEntry>();
        while (r.ReadBool())
        {
            ulong cookie = r.ReadUInt64();
            string name = r.ReadString(Nfs4Constants.OpaqueLimit);
            list.Add(new ReadDirEntry(cookie, name, Fattr4.Decode(r)));
        }
        return new ReadDirResult(verf, list, r.ReadBool());
    }
}

/// <summary>CREATE4args.</summary>
public readonly record struct CreateArgs(NfsFileType4 Type, string LinkTarget, SpecData4 Device, ReadOnlyMemory<byte> Name, Fattr4 Attributes)
{
    /// <summary>Decodes; the link target is bounded by <see cref="Nfs4Constants.MaxPathLength"/>.</summary>
    public static CreateArgs Decode(XdrReader r)
    {
        var type = (NfsFileType4)r.ReadInt32();
        string link = "";
        SpecData4 dev = default;
        switch (type)
        {
            case NfsFileType4.Symlink: link = r.ReadString(Nfs4Constants.MaxPathLength); break;
            case NfsFileType4.BlockDevice or NfsFileType4.CharacterDevice: dev = SpecData4.Decode(r); break;
        }
        var name = ComponentArgs.Decode(r);
        return new CreateArgs(type, link, dev, name, Fattr4.Decode(r));
    }

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteInt32((int)Type);
        if (Type == NfsFileType4.Symlink) w.WriteString(LinkTarget);
        else if (Type is NfsFileType4.BlockDevice or NfsFileType4.CharacterDevice) Device.Encode(w);
        w.WriteOpaque(Name.Span);
        Attributes.Encode(w);
    }
}
