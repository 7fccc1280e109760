using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Rpc;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Mount;

/// <summary>mountres3: a status and, on success, the root handle with the authentication flavors the client may use.</summary>
public readonly record struct MountResult3(MountStat3 Status, NfsFileHandle Handle, AuthFlavor[] Flavors)
{
    /// <summary>Most flavors decoded.</summary>
    public const int MaxFlavors = 64;

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteUInt32((uint)Status);
        if (Status != MountStat3.Ok) return;
        Nfs3FileHandle.Encode(w, Handle);
        w.WriteUInt32((uint)Flavors.Length);
        foreach (var f in Flavors) w.WriteInt32((int)f);
    }

    /// <summary>Decodes.</summary>
    public static MountResult3 Decode(XdrReader r)
    {
        var status = (MountStat3)r.ReadUInt32();
        if (status != MountStat3.Ok) return new MountResult3(status, default, []);
        var fh = Nfs3FileHandle.Decode(r);
        var flavors = new AuthFlavor[r.ReadArrayLength(MaxFlavors)];
        for (int i = 0; i < flavors.Length; i++) flavors[i] = (AuthFlavor)r.ReadInt32();
        return new MountResult3(status, fh, flavors);
    }
}
