using System.Globalization;
using System.Net;

namespace Nfs.Bench;

/// <summary>Command-line settings of a run.</summary>
public sealed record BenchOptions(string Workload, IPEndPoint Server, string File, int Block, int Depth, TimeSpan Duration, long Size, int Count,
    bool Nfs3 = false, int? MountPort = null, string MountPath = "/")
{
    /// <summary>Parses "WORKLOAD --key value ...".</summary>
    public static BenchOptions Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 1; i + 1 < args.Length; i += 2) map[args[i].TrimStart('-')] = args[i + 1];
        string Get(string key, string fallback) => map.TryGetValue(key, out var v) ? v : fallback;
        // Small files by default for "creates", large sequential blocks otherwise.
        string block = args[0] is "seqread" or "seqwrite" ? "1048576" : "4096";
        return new BenchOptions(
            args[0],
            IPEndPoint.Parse(Get("server", "127.0.0.1:2049")),
            Get("file", args[0] switch { "creates" => "creates", "metadata" => "metadata", "readdir" => "listing", _ => "bench.bin" }),
            int.Parse(Get("block", block), CultureInfo.InvariantCulture),
            int.Parse(Get("depth", "8"), CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(Get("seconds", "10"), CultureInfo.InvariantCulture)),
            long.Parse(Get("size", "268435456"), CultureInfo.InvariantCulture),
            int.Parse(Get("count", "1000"), CultureInfo.InvariantCulture),
            bool.Parse(Get("nfs3", "false")),
            map.TryGetValue("mount-port", out var mountPort) ? int.Parse(mountPort, CultureInfo.InvariantCulture) : null,
            Get("mount-path", "/"));
    }
}
