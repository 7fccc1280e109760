using System.Net;
using System.Net.Sockets;

namespace Nfs.Core.Exports;

/// <summary>An address range in CIDR form that an export admits.</summary>
public sealed class ClientNetwork
{
    private readonly byte[] _prefix;
    private readonly int _bits;

    private ClientNetwork(byte[] prefix, int bits)
    {
        _prefix = prefix;
        _bits = bits;
    }

    /// <summary>Parses "a.b.c.d", "a.b.c.d/n", an IPv6 address with optional "/n", or "*" for everyone.</summary>
    public static ClientNetwork Parse(string text)
    {
        text = text.Trim();
        if (text == "*") return new ClientNetwork([], 0);
        int slash = text.IndexOf('/');
        var address = IPAddress.Parse(slash < 0 ? text : text[..slash]);
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        int bits = slash < 0 ? bytes.Length * 8 : int.Parse(text[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        if (bits < 0 || bits > bytes.Length * 8) throw new FormatException($"bad prefix length in '{text}'");
        return new ClientNetwork(bytes, bits);
    }

    /// <summary>True when <paramref name="address"/> is inside this network.</summary>
    public bool Contains(IPAddress address)
    {
        if (_prefix.Length == 0) return true;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out int length) || length != _prefix.Length) return false;
        int full = _bits / 8, rest = _bits % 8;
        if (!bytes[..full].SequenceEqual(_prefix.AsSpan(0, full))) return false;
        if (rest == 0) return true;
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (bytes[full] & mask) == (_prefix[full] & mask);
    }

    /// <inheritdoc/>
    public override string ToString() => _prefix.Length == 0 ? "*" : $"{new IPAddress(_prefix)}/{_bits}";

    internal static AddressFamily FamilyOf(IPAddress a) => a.IsIPv4MappedToIPv6 ? AddressFamily.InterNetwork : a.AddressFamily;
}
