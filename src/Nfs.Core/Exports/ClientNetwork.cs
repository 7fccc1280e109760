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
        string addressText = slash < 0 ? text : text[..slash];
        // IPv4 in dotted-quad form only: IPAddress.Parse would take "10.1" as 10.0.0.1.
        if (!addressText.Contains(':') && addressText.Count(c => c == '.') != 3) throw new FormatException($"'{text}' is not an IPv4 address in dotted-quad form");
        var address = IPAddress.Parse(addressText);
        int bits;
        if (slash < 0)
        {
            bits = address.IsIPv4MappedToIPv6 ? 32 : address.GetAddressBytes().Length * 8;
        }
        else
        {
            var prefix = text.AsSpan(slash + 1);
            if (prefix.IsEmpty || prefix.Length > 3 || prefix.ContainsAnyExcept("0123456789")) throw new FormatException($"bad prefix length in '{text}'");
            bits = int.Parse(prefix, System.Globalization.CultureInfo.InvariantCulture);
            // A v4-mapped IPv6 network counts its prefix over 128 bits: keep the IPv4 part.
            if (address.IsIPv4MappedToIPv6)
            {
                if (bits < 96) throw new FormatException($"prefix of '{text}' reaches outside the v4-mapped range");
                bits -= 96;
            }
        }
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var bytes = address.GetAddressBytes();
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
