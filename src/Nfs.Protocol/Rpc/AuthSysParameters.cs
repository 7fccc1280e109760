using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Rpc;

/// <summary>The body of an AUTH_SYS credential (RFC 5531 appendix A).</summary>
public sealed class AuthSysParameters
{
    /// <summary>Maximum machine name length.</summary>
    public const int MaxMachineNameLength = 255;
    /// <summary>Maximum number of supplementary groups.</summary>
    public const int MaxGroups = 16;

    /// <summary>Arbitrary id the caller's machine generates.</summary>
    public uint Stamp { get; init; }
    /// <summary>The caller's host name.</summary>
    public string MachineName { get; init; } = "";
    /// <summary>Effective user id.</summary>
    public uint Uid { get; init; }
    /// <summary>Effective group id.</summary>
    public uint Gid { get; init; }
    /// <summary>Supplementary groups.</summary>
    public uint[] Gids { get; init; } = [];

    /// <summary>Decodes an AUTH_SYS body; the whole body must be consumed.</summary>
    public static AuthSysParameters Decode(ReadOnlyMemory<byte> body)
    {
        var reader = new XdrReader(body);
        uint stamp = reader.ReadUInt32();
        string machine = reader.ReadString(MaxMachineNameLength);
        uint uid = reader.ReadUInt32();
        uint gid = reader.ReadUInt32();
        int count = reader.ReadArrayLength(MaxGroups);
        var gids = count == 0 ? [] : new uint[count];
        for (int i = 0; i < count; i++) gids[i] = reader.ReadUInt32();
        if (reader.Remaining != 0) throw new XdrException(XdrErrorKind.BadValue, "AUTH_SYS body has trailing bytes");
        return new AuthSysParameters { Stamp = stamp, MachineName = machine, Uid = uid, Gid = gid, Gids = gids };
    }

    /// <summary>Encodes this credential body.</summary>
    public void Encode(XdrWriter writer)
    {
        writer.WriteUInt32(Stamp);
        writer.WriteString(MachineName);
        writer.WriteUInt32(Uid);
        writer.WriteUInt32(Gid);
        writer.WriteUInt32((uint)Gids.Length);
        foreach (var g in Gids) writer.WriteUInt32(g);
    }

    /// <summary>Encodes this credential as an opaque_auth of flavor AUTH_SYS.</summary>
    public OpaqueAuth ToOpaqueAuth()
    {
        using var w = new XdrWriter(128);
        Encode(w);
        return new OpaqueAuth(AuthFlavor.Sys, w.WrittenSpan.ToArray());
    }
}
