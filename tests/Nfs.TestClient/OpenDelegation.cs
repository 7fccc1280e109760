using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.Protocol.Xdr;

namespace Nfs.TestClient;

/// <summary>
/// The open_delegation4 part of an OPEN result, with what <see cref="OpenResult.Decode"/> does not
/// keep: the recall flag and, for OPEN_DELEGATE_NONE_EXT, the why_no_delegation4 reason.
/// </summary>
public readonly record struct OpenDelegation(OpenDelegationType4 Type, StateId4 StateId, bool Recall, WhyNoDelegation4? Why)
{
    /// <summary>True when a read or write delegation was granted.</summary>
    public bool Granted => Type is OpenDelegationType4.Read or OpenDelegationType4.Write;

    /// <summary>Decodes from the start of an OPEN4resok.</summary>
    public static OpenDelegation Decode(XdrReader r)
    {
        StateId4.Decode(r);
        ChangeInfo4.Decode(r);
        r.ReadUInt32(); // rflags
        Bitmap4.Decode(r);
        var type = (OpenDelegationType4)r.ReadInt32();
        switch (type)
        {
            case OpenDelegationType4.Read:
            {
                var sid = StateId4.Decode(r);
                bool recall = r.ReadBool();
                SkipAce(r);
                return new OpenDelegation(type, sid, recall, null);
            }
            case OpenDelegationType4.Write:
            {
                var sid = StateId4.Decode(r);
                bool recall = r.ReadBool();
                if (r.ReadInt32() == 1) r.ReadUInt64(); else { r.ReadUInt32(); r.ReadUInt32(); }
                SkipAce(r);
                return new OpenDelegation(type, sid, recall, null);
            }
            case OpenDelegationType4.NoneExt:
            {
                var why = (WhyNoDelegation4)r.ReadInt32();
                if (why is WhyNoDelegation4.Contention or WhyNoDelegation4.Resource) r.ReadBool();
                return new OpenDelegation(type, default, false, why);
            }
            default:
                return new OpenDelegation(type, default, false, null);
        }
    }

    /// <summary>The delegation of the last OPEN in a reply.</summary>
    public static OpenDelegation Of(CompoundReply reply) => Decode(reply.Last(NfsOp4.Open).Reader);

    private static void SkipAce(XdrReader r)
    {
        r.ReadUInt32();
        r.ReadUInt32();
        r.ReadUInt32();
        r.ReadOpaque(Nfs4Constants.OpaqueLimit);
    }
}
