using System.Globalization;

namespace Gfapi.Bench;

/// <summary>Command-line settings of a run: those of Nfs.Bench, with a volume in place of a server.</summary>
public sealed record GfapiOptions(string Workload, string Volume, string Host, int Port, string File, int Block, int Depth, TimeSpan Duration, long Size, int Count)
{
    /// <summary>Parses "WORKLOAD --volume NAME --volfile-server HOST[:PORT] --key value ...".</summary>
    public static GfapiOptions Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 1; i + 1 < args.Length; i += 2) map[args[i].TrimStart('-')] = args[i + 1];
        string Get(string key, string fallback) => map.TryGetValue(key, out var v) ? v : fallback;
        var server = Get("volfile-server", "127.0.0.1");
        int colon = server.LastIndexOf(':');
        return new GfapiOptions(
            args[0],
            map.TryGetValue("volume", out var volume) ? volume : throw new ArgumentException("--volume NAME is required"),
            colon < 0 ? server : server[..colon],
            colon < 0 ? 24007 : int.Parse(server[(colon + 1)..], CultureInfo.InvariantCulture),
            // Paths are relative to the volume root, as Nfs.Bench's are to the export's.
            "/" + Get("file", args[0] == "creates" ? "creates" : "bench.bin").TrimStart('/'),
            int.Parse(Get("block", args[0] == "creates" ? "4096" : "1048576"), CultureInfo.InvariantCulture),
            int.Parse(Get("depth", "8"), CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(Get("seconds", "10"), CultureInfo.InvariantCulture)),
            long.Parse(Get("size", "268435456"), CultureInfo.InvariantCulture),
            int.Parse(Get("count", "1000"), CultureInfo.InvariantCulture));
    }
}
