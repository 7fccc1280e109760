// Load generator for the NFS server (and any NFSv4.1 server):
//   dotnet run -c Release --project bench/Nfs.Bench -- seqread --server 127.0.0.1:2049 --file big.bin
//       [--block 1048576] [--depth 8] [--seconds 10]
//   ... seqwrite --file out.bin [--size 268435456]
//   ... creates --file NEWDIR [--count 1000] [--block 4096]
//   ... randread|randwrite --file bench.bin [--block 4096] [--depth 1|32] [--size N]
//   ... metadata --file NEWDIR          (create, getattr, lookup, remove of empty files)
//   ... readdir --file DIR [--count 50000]   (fills DIR once, then times full listings)
//   ... mixed --file bench.bin          (60% 4 KiB random reads, 20% writes, 20% getattr)
//   ... --nfs3 true [--mount-port N]   NFSv3 instead of NFSv4.1 for seqread, seqwrite, randread,
//       randwrite and metadata (MOUNT on the NFS port unless --mount-port is given; --mount-path, default /)
// Prints one line: workload, MiB/s, operations/s, p50 and p99 latency in milliseconds
// (and for creates, files and files/s).
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Nfs.Bench;

if (args.Length == 0)
{
    Console.Error.WriteLine("usage: Nfs.Bench seqread|seqwrite|creates|randread|randwrite|metadata|readdir|mixed --server HOST:PORT --file PATH [--block N] [--depth N] [--seconds N] [--size N] [--count N] [--nfs3 true [--mount-port N] [--mount-path PATH]]");
    return 2;
}
// Socket completions on the runtime's epoll threads, as the servers' daemons run them: with the
// workers resuming on the receive loop, a reply reaches its worker without waking another thread.
if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is null)
    Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
var options = BenchOptions.Parse(args);
var result = options.Nfs3 ? await Nfs3Workloads.RunAsync(options) : options.Workload switch
{
    "seqread" => await SequentialRead.RunAsync(options),
    "seqwrite" => await SequentialWrite.RunAsync(options),
    "creates" => await Creates.RunAsync(options),
    "randread" => await RandomIo.RunAsync(options, write: false),
    "randwrite" => await RandomIo.RunAsync(options, write: true),
    "metadata" => await Metadata.RunAsync(options),
    "readdir" => await ReadDirWalk.RunAsync(options),
    "mixed" => await Mixed.RunAsync(options),
    _ => throw new ArgumentException($"unknown workload '{options.Workload}'"),
};
Console.WriteLine(result.ToString());
return 0;
