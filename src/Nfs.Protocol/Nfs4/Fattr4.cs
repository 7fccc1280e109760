using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Nfs4;

/// <summary>fattr4: an attribute mask and the XDR of those attributes, in bit order.</summary>
public readonly record struct Fattr4(Bitmap4 Mask, ReadOnlyMemory<byte> Values)
{
    /// <summary>Bound on the size of attribute values we accept from a client.</summary>
    public const int MaxValuesLength = 64 * 1024;

    /// <summary>Decodes an fattr4; the values stay a slice of the request.</summary>
    public static Fattr4 Decode(XdrReader reader)
    {
        var mask = Bitmap4.Decode(reader);
        var values = reader.ReadOpaque(MaxValuesLength);
        return new Fattr4(mask, values);
    }

    /// <summary>Encodes this fattr4.</summary>
    public void Encode(XdrWriter writer)
    {
        Mask.Encode(writer);
        writer.WriteOpaque(Values.Span);
    }
}

/// <summary>A verifier4: eight opaque bytes held as an integer.</summary>
public readonly record struct Verifier4(ulong Value)
{
    /// <summary>Decodes a verifier4.</summary>
    public static Verifier4 Decode(XdrReader reader) => new(reader.ReadUInt64());

    /// <summary>Encodes this verifier4.</summary>
    public void Encode(XdrWriter writer) => writer.WriteUInt64(Value);
}

/// <summary>state_owner4 (open_owner4 and lock_owner4): a client id and an opaque owner.</summary>
public readonly record struct StateOwner4(ulong ClientId, ReadOnlyMemory<byte> Owner)
{
    /// <summary>Decodes a state_owner4.</summary>
    public static StateOwner4 Decode(XdrReader reader) => new(reader.ReadUInt64(), reader.ReadOpaque(Nfs4Constants.OpaqueLimit));

    /// <summary>Encodes this owner.</summary>
    public void Encode(XdrWriter writer)
    {
        writer.WriteUInt64(ClientId);
        writer.WriteOpaque(Owner.Span);
    }
}

/// <summary>netaddr4 (clientaddr4): a network id and a universal address.</summary>
public readonly record struct NetAddr4(string NetId, string Address)
{
    /// <summary>Decodes a netaddr4.</summary>
    public static NetAddr4 Decode(XdrReader reader) => new(reader.ReadString(Nfs4Constants.OpaqueLimit), reader.ReadString(Nfs4Constants.OpaqueLimit));

    /// <summary>Encodes this address.</summary>
    public void Encode(XdrWriter writer)
    {
        writer.WriteString(NetId);
        writer.WriteString(Address);
    }
}

/// <summary>specdata4: device numbers.</summary>
public readonly record struct SpecData4(uint Major, uint Minor)
{
    /// <summary>Decodes a specdata4.</summary>
    public static SpecData4 Decode(XdrReader reader) => new(reader.ReadUInt32(), reader.ReadUInt32());

    /// <summary>Encodes this specdata4.</summary>
    public void Encode(XdrWriter writer)
    {
        writer.WriteUInt32(Major);
        writer.WriteUInt32(Minor);
    }
}

/// <summary>fsid4.</summary>
public readonly record struct Fsid4(ulong Major, ulong Minor);
