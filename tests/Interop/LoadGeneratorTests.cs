using System.Globalization;
using System.Text.RegularExpressions;

namespace Interop;

/// <summary>
/// A smoke run of the load generator (bench/Nfs.Bench) against the MemoryServer process: every
/// workload runs briefly and reports operations. Figures are not judged here (timings are not
/// tests); bench/run.sh measures.
/// </summary>
[TestFixture]
public sealed partial class LoadGeneratorTests
{
    [Test]
    public async Task EveryWorkloadRunsAndReports()
    {
        await using var server = await ServerProcess.StartAsync("MemoryServer");
        string endpoint = server.EndPoint.ToString();
        string[][] runs =
        [
            ["seqwrite", "--file", "bench.bin", "--size", "4194304", "--depth", "4"],
            ["seqread", "--file", "bench.bin", "--depth", "4"],
            ["randread", "--file", "bench.bin", "--depth", "1"],
            ["randwrite", "--file", "bench.bin", "--depth", "8"],
            ["mixed", "--file", "bench.bin", "--depth", "8"],
            ["metadata", "--file", "meta", "--depth", "4"],
            ["readdir", "--file", "listing", "--count", "300", "--depth", "8"],
            ["creates", "--file", "made", "--count", "200", "--depth", "8"],
        ];
        foreach (var run in runs)
        {
            var (exit, output, error) = await ExternalTool.RunAsync("dotnet",
                [Path.Combine(AppContext.BaseDirectory, "Nfs.Bench.dll"), .. run, "--server", endpoint, "--seconds", "0.5"], TimeSpan.FromMinutes(2));
            Assert.That(exit, Is.EqualTo(0), $"{run[0]}: {output}\n{error}");
            var line = ResultLine().Match(output);
            Assert.That(line.Success, Is.True, $"{run[0]} printed no result line: {output}");
            Assert.That(line.Groups[1].Value, Is.EqualTo(run[0]));
            Assert.That(double.Parse(line.Groups[2].Value, CultureInfo.InvariantCulture), Is.GreaterThan(0), $"{run[0]} did no operations: {line.Value}");
        }
    }

    [Test]
    public async Task Nfs3WorkloadsRunAndReport()
    {
        await using var server = await ServerProcess.StartAsync("MemoryServer", "--mount-port", "0");
        string endpoint = server.EndPoint.ToString();
        string mountPort = server.MountPort.ToString(CultureInfo.InvariantCulture);
        string[][] runs =
        [
            ["seqwrite", "--file", "bench3.bin", "--size", "4194304", "--depth", "4"],
            ["seqread", "--file", "bench3.bin", "--depth", "4"],
            ["randread", "--file", "bench3.bin", "--depth", "1"],
            ["randwrite", "--file", "bench3.bin", "--depth", "8"],
            ["metadata", "--file", "meta3", "--depth", "4"],
        ];
        foreach (var run in runs)
        {
            var (exit, output, error) = await ExternalTool.RunAsync("dotnet",
                [Path.Combine(AppContext.BaseDirectory, "Nfs.Bench.dll"), .. run, "--server", endpoint, "--seconds", "0.5", "--nfs3", "true", "--mount-port", mountPort], TimeSpan.FromMinutes(2));
            Assert.That(exit, Is.EqualTo(0), $"{run[0]}: {output}\n{error}");
            var line = ResultLine().Match(output);
            Assert.That(line.Success, Is.True, $"{run[0]} printed no result line: {output}");
            Assert.That(line.Groups[1].Value, Is.EqualTo(run[0]));
            Assert.That(double.Parse(line.Groups[2].Value, CultureInfo.InvariantCulture), Is.GreaterThan(0), $"{run[0]} did no operations: {line.Value}");
        }
    }

    [GeneratedRegex(@"^(\w+) MiBps=[0-9.]+ ops=([0-9.]+) p50_ms=[0-9.]+ p99_ms=[0-9.]+", RegexOptions.Multiline)]
    private static partial Regex ResultLine();
}
