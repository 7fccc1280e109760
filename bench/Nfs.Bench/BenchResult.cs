using System.Globalization;

namespace Nfs.Bench;

/// <summary>What a run measured; <paramref name="Files"/> is set by workloads that create files, <paramref name="Extra"/> ends the line with figures of the workload's own.</summary>
public sealed record BenchResult(string Workload, long Bytes, long Operations, TimeSpan Elapsed, double P50Ms, double P99Ms, long Files = 0, string Extra = "")
{
    /// <summary>Throughput.</summary>
    public double MiBPerSecond => Bytes / 1048576.0 / Elapsed.TotalSeconds;

    /// <summary>Operation rate.</summary>
    public double OpsPerSecond => Operations / Elapsed.TotalSeconds;

    /// <summary>File creation rate.</summary>
    public double FilesPerSecond => Files / Elapsed.TotalSeconds;

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Workload} MiBps={MiBPerSecond:F1} ops={OpsPerSecond:F0} p50_ms={P50Ms:F2} p99_ms={P99Ms:F2} bytes={Bytes} elapsed_s={Elapsed.TotalSeconds:F1}")
        + (Files > 0 ? string.Create(CultureInfo.InvariantCulture, $" files={Files} files_s={FilesPerSecond:F0}") : "") + Extra;
}
