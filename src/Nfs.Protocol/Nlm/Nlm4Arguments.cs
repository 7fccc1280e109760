using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Nlm;

// The argument records of NLM version 4. The cookie is the client's opaque request tag,
// echoed in the result (and in the *_RES call of the asynchronous _MSG variants).

/// <summary>nlm4_testargs: TEST, TEST_MSG, and GRANTED / GRANTED_MSG (server to client).</summary>
public readonly record struct Nlm4TestArgs(ReadOnlyMemory<byte> Cookie, bool Exclusive, Nlm4Lock Lock)
{
    /// <summary>Decodes.</summary>
    public static Nlm4TestArgs Decode(XdrReader r) => new(r.ReadOpaque(NlmConstants.MaxNetObj), r.ReadBool(), Nlm4Lock.Decode(r));

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteOpaque(Cookie.Span);
        w.WriteBool(Exclusive);
        Lock.Encode(w);
    }
}

/// <summary>
/// nlm4_lockargs: LOCK, LOCK_MSG, NM_LOCK. <see cref="Block"/> asks the server to queue the
/// request when it conflicts; <see cref="Reclaim"/> marks a lock held before a server restart;
/// <see cref="State"/> is the client's NSM state number.
/// </summary>
public readonly record struct Nlm4LockArgs(ReadOnlyMemory<byte> Cookie, bool Block, bool Exclusive, Nlm4Lock Lock, bool Reclaim, int State)
{
    /// <summary>Decodes.</summary>
    public static Nlm4LockArgs Decode(XdrReader r) =>
        new(r.ReadOpaque(NlmConstants.MaxNetObj), r.ReadBool(), r.ReadBool(), Nlm4Lock.Decode(r), r.ReadBool(), r.ReadInt32());

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteOpaque(Cookie.Span);
        w.WriteBool(Block);
        w.WriteBool(Exclusive);
        Lock.Encode(w);
        w.WriteBool(Reclaim);
        w.WriteInt32(State);
    }
}

/// <summary>nlm4_cancargs: CANCEL and CANCEL_MSG, naming the blocked request to withdraw.</summary>
public readonly record struct Nlm4CancelArgs(ReadOnlyMemory<byte> Cookie, bool Block, bool Exclusive, Nlm4Lock Lock)
{
    /// <summary>Decodes.</summary>
    public static Nlm4CancelArgs Decode(XdrReader r) => new(r.ReadOpaque(NlmConstants.MaxNetObj), r.ReadBool(), r.ReadBool(), Nlm4Lock.Decode(r));

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteOpaque(Cookie.Span);
        w.WriteBool(Block);
        w.WriteBool(Exclusive);
        Lock.Encode(w);
    }
}

/// <summary>nlm4_unlockargs: UNLOCK and UNLOCK_MSG.</summary>
public readonly record struct Nlm4UnlockArgs(ReadOnlyMemory<byte> Cookie, Nlm4Lock Lock)
{
    /// <summary>Decodes.</summary>
    public static Nlm4UnlockArgs Decode(XdrReader r) => new(r.ReadOpaque(NlmConstants.MaxNetObj), Nlm4Lock.Decode(r));

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteOpaque(Cookie.Span);
        Lock.Encode(w);
    }
}

/// <summary>nlm4_shareargs: SHARE and UNSHARE.</summary>
public readonly record struct Nlm4ShareArgs(ReadOnlyMemory<byte> Cookie, Nlm4Share Share, bool Reclaim)
{
    /// <summary>Decodes.</summary>
    public static Nlm4ShareArgs Decode(XdrReader r) => new(r.ReadOpaque(NlmConstants.MaxNetObj), Nlm4Share.Decode(r), r.ReadBool());

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteOpaque(Cookie.Span);
        Share.Encode(w);
        w.WriteBool(Reclaim);
    }
}

/// <summary>nlm4_notify: FREE_ALL, naming the host whose locks and shares go and its new NSM state.</summary>
public readonly record struct Nlm4NotifyArgs(string Name, int State)
{
    /// <summary>Decodes.</summary>
    public static Nlm4NotifyArgs Decode(XdrReader r) => new(r.ReadString(NlmConstants.MaxCallerName), r.ReadInt32());

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteString(Name);
        w.WriteInt32(State);
    }
}
