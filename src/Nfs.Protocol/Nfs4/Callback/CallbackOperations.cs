using Nfs.Protocol.Nfs4.Operations;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Nfs4.Callback;

/// <summary>CB_RECALL4args.</summary>
public readonly record struct CallbackRecallArgs(StateId4 StateId, bool Truncate, NfsFileHandle Handle)
{
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { StateId.Encode(w); w.WriteBool(Truncate); Handle.Encode(w); }

    /// <summary>Decodes.</summary>
    public static CallbackRecallArgs Decode(XdrReader r)
    {
        var sid = StateId4.Decode(r);
        bool truncate = r.ReadBool();
        NfsFileHandle.TryDecode(r, out var fh);
        return new CallbackRecallArgs(sid, truncate, fh);
    }
}

/// <summary>CB_SEQUENCE4args without referring call lists (the server never sends them).</summary>
public readonly record struct CallbackSequenceArgs(SessionId4 SessionId, uint SequenceId, uint SlotId, uint HighestSlotId, bool CacheThis)
{
    /// <summary>Encodes, with an empty referring call list.</summary>
    public void Encode(XdrWriter w)
    {
        new SequenceArgs(SessionId, SequenceId, SlotId, HighestSlotId, CacheThis).Encode(w);
        w.WriteUInt32(0);
    }

    /// <summary>Decodes, skipping referring call lists.</summary>
    public static CallbackSequenceArgs Decode(XdrReader r)
    {
        var a = SequenceArgs.Decode(r);
        int lists = r.ReadArrayLength(64);
        for (int i = 0; i < lists; i++)
        {
            SessionId4.Decode(r);
            int calls = r.ReadArrayLength(1024);
            for (int j = 0; j < calls; j++) { r.ReadUInt32(); r.ReadUInt32(); }
        }
        return new CallbackSequenceArgs(a.SessionId, a.SequenceId, a.SlotId, a.HighestSlotId, a.CacheThis);
    }
}

/// <summary>CB_SEQUENCE4resok.</summary>
public readonly record struct CallbackSequenceResult(SessionId4 SessionId, uint SequenceId, uint SlotId, uint HighestSlotId, uint TargetHighestSlotId)
{
    /// <summary>Decodes.</summary>
    public static CallbackSequenceResult Decode(XdrReader r) => new(SessionId4.Decode(r), r.ReadUInt32(), r.ReadUInt32(), r.ReadUInt32(), r.ReadUInt32());

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w) { SessionId.Encode(w); w.WriteUInt32(SequenceId); w.WriteUInt32(SlotId); w.WriteUInt32(HighestSlotId); w.WriteUInt32(TargetHighestSlotId); }
}

/// <summary>CB_OFFLOAD4args.</summary>
public readonly record struct CallbackOffloadArgs(NfsFileHandle Handle, StateId4 StateId, NfsStat4 Status, WriteResponse4 Response, ulong BytesCopied)
{
    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        Handle.Encode(w);
        StateId.Encode(w);
        w.WriteInt32((int)Status);
        if (Status == NfsStat4.Ok) Response.Encode(w);
        else w.WriteUInt64(BytesCopied);
    }

    /// <summary>Decodes.</summary>
    public static CallbackOffloadArgs Decode(XdrReader r)
    {
        NfsFileHandle.TryDecode(r, out var fh);
        var sid = StateId4.Decode(r);
        var status = (NfsStat4)r.ReadInt32();
        return status == NfsStat4.Ok
            ? new CallbackOffloadArgs(fh, sid, status, WriteResponse4.Decode(r), 0)
            : new CallbackOffloadArgs(fh, sid, status, default, r.ReadUInt64());
    }
}
