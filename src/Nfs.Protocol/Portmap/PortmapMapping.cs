using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Portmap;

/// <summary>The port mapper (rpcbind version 2, RFC 1833 section 3): program 100000 on port 111.</summary>
public static class PortmapConstants
{
    /// <summary>PMAP_PROG.</summary>
    public const uint Program = 100000;

    /// <summary>PMAP_VERS.</summary>
    public const uint Version = 2;

    /// <summary>The well-known port.</summary>
    public const int Port = 111;

    /// <summary>PMAPPROC_SET: registers a mapping (refused when the program version has one).</summary>
    public const uint ProcSet = 1;

    /// <summary>PMAPPROC_UNSET: removes a program version's mappings.</summary>
    public const uint ProcUnset = 2;

    /// <summary>PMAPPROC_GETPORT: the port a program version listens on, 0 when not registered.</summary>
    public const uint ProcGetPort = 3;

    /// <summary>IPPROTO_TCP.</summary>
    public const uint ProtocolTcp = 6;

    /// <summary>IPPROTO_UDP.</summary>
    public const uint ProtocolUdp = 17;
}

/// <summary>mapping: a program, version and protocol and its port (the argument of GETPORT, whose port is ignored).</summary>
public readonly record struct PortmapMapping(uint Program, uint Version, uint Protocol, uint Port)
{
    /// <summary>Decodes.</summary>
    public static PortmapMapping Decode(XdrReader r) => new(r.ReadUInt32(), r.ReadUInt32(), r.ReadUInt32(), r.ReadUInt32());

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteUInt32(Program);
        w.WriteUInt32(Version);
        w.WriteUInt32(Protocol);
        w.WriteUInt32(Port);
    }
}
