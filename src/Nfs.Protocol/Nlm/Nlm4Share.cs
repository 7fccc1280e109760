using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Nlm;

/// <summary>fsh4_mode: what a DOS share reservation denies others (the bits of NFSv4's OPEN4_SHARE_DENY).</summary>
public enum Nlm4ShareMode
{
    /// <summary>fsm_DN: deny nothing.</summary>
    DenyNone = 0,
    /// <summary>fsm_DR: deny reading.</summary>
    DenyRead = 1,
    /// <summary>fsm_DW: deny writing.</summary>
    DenyWrite = 2,
    /// <summary>fsm_DRW: deny both.</summary>
    DenyReadWrite = 3,
}

/// <summary>fsh4_access: what a DOS share reservation accesses (the bits of NFSv4's OPEN4_SHARE_ACCESS).</summary>
public enum Nlm4ShareAccess
{
    /// <summary>fsa_NONE.</summary>
    None = 0,
    /// <summary>fsa_R.</summary>
    Read = 1,
    /// <summary>fsa_W.</summary>
    Write = 2,
    /// <summary>fsa_RW.</summary>
    ReadWrite = 3,
}

/// <summary>nlm4_share: a share reservation, owned by (caller_name, oh).</summary>
public readonly record struct Nlm4Share(string CallerName, ReadOnlyMemory<byte> FileHandle, ReadOnlyMemory<byte> OwnerHandle, Nlm4ShareMode Mode, Nlm4ShareAccess Access)
{
    /// <summary>Decodes; modes outside 0 to 3 are garbage.</summary>
    public static Nlm4Share Decode(XdrReader r)
    {
        var caller = r.ReadString(NlmConstants.MaxCallerName);
        var fh = r.ReadOpaque(NlmConstants.MaxFileHandle);
        var oh = r.ReadOpaque(NlmConstants.MaxNetObj);
        uint mode = r.ReadUInt32();
        uint access = r.ReadUInt32();
        if (mode > 3 || access > 3) throw new XdrException(XdrErrorKind.BadValue, $"share mode {mode} or access {access} out of range");
        return new Nlm4Share(caller, fh, oh, (Nlm4ShareMode)mode, (Nlm4ShareAccess)access);
    }

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteString(CallerName);
        w.WriteOpaque(FileHandle.Span);
        w.WriteOpaque(OwnerHandle.Span);
        w.WriteInt32((int)Mode);
        w.WriteInt32((int)Access);
    }
}
