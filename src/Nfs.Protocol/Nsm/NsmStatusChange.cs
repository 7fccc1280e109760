using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Nsm;

/// <summary>
/// stat_chge: the argument of SM_NOTIFY. <see cref="HostName"/> is the restarted host (mon_name);
/// <see cref="State"/> its new state number, odd while it is up and increased on every restart.
/// </summary>
public readonly record struct NsmStatusChange(string HostName, int State)
{
    /// <summary>Decodes, bounding the name.</summary>
    public static NsmStatusChange Decode(XdrReader r) => new(r.ReadString(NsmConstants.MaxName), r.ReadInt32());

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteString(HostName);
        w.WriteInt32(State);
    }
}
