using System.Globalization;

namespace Fsal.Gluster.Volumes;

/// <summary>A glusterd to fetch the volume's layout (volfile) from: HOST[:PORT], port 24007 by default.</summary>
public readonly record struct VolfileServer(string Host, int Port = VolfileServer.DefaultPort)
{
    /// <summary>glusterd's management port.</summary>
    public const int DefaultPort = 24007;

    /// <summary>Parses HOST, HOST:PORT or [IPv6]:PORT.</summary>
    public static VolfileServer Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        text = text.Trim();
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']');
            if (close < 0) throw new FormatException($"'{text}' is not HOST[:PORT]");
            string host = text[1..close];
            return close + 1 < text.Length && text[close + 1] == ':' ? new(host, ParsePort(text[(close + 2)..])) : new(host);
        }
        int colon = text.LastIndexOf(':');
        if (colon > 0 && text.IndexOf(':') == colon) return new(text[..colon], ParsePort(text[(colon + 1)..]));
        return new(text);
    }

    private static int ParsePort(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is > 0 and < 65536
            ? port
            : throw new FormatException($"'{text}' is not a port");

    /// <inheritdoc/>
    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
