using System.Globalization;
using System.Net;

namespace Nfs.Bench;

/// <summary>Command-line settings of a run.</summary>
public sealed record BenchOptions(string Workload, IPEndPoint Server, string File, int Block, int Depth, TimeSpan Duration, long Size)
{
    /// <summary>Parses "WORKLOAD --key value ...".</summary>
    public static BenchOptions Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 1; i + 1 < args.Length; i += 2) map[args[i].TrimStart('-')] = args[i + 1];
        string Get(string key, string fallback) => map.TryGetValue(key, out var v) ? v : fallback;
        return new BenchOptions(
            args[0],
            IPEndPoint.Parse(Get("server", "127.0.0.1:2049")),
            Get("file", "bench.bin"),
            int.Parse(Get("block", "1048576"), CultureInfo.InvariantCulture),
            int.Parse(Get("depth", "8"), CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(Get("seconds", "10"), CultureInfo.InvariantCulture)),
            long.Parse(Get("size", "268435456"), CultureInfo.InvariantCulture));
    }
}

/// <summary>What a run measured.</summary>
public sealed record BenchResult(string Workload, long Bytes, long Operations, TimeSpan Elapsed, double P50Ms, double P99Ms)
{
    /// <summary>Throughput.</summary>
    public double MiBPerSecond => Bytes / 1048576.0 / Elapsed.TotalSeconds;

    /// <summary>Operation rate.</summary>
    public double OpsPerSecond => Operations / Elapsed.TotalSeconds;

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Workload} MiBps={MiBPerSecond:F1} ops={OpsPerSecond:F0} p50_ms={P50Ms:F2} p99_ms={P99Ms:F2} bytes={Bytes} elapsed_s={Elapsed.TotalSeconds:F1}");
}
