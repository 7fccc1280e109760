// The workloads of Nfs.Bench straight through libgfapi, as the baseline for the NFS gateway:
//   dotnet bench/Gfapi.Bench/bin/Release/net10.0/Gfapi.Bench.dll seqwrite --volume gv0 --volfile-server 127.0.0.5[:24007]
//       --file out.bin [--size 268435456] [--block 1048576] [--depth 8] [--seconds 10]
//   ... seqread --file out.bin [--block 1048576] [--depth 8] [--seconds 10]
//   ... creates --file NEWDIR [--count 1000] [--block 4096] [--depth 8]
// Prints the same one line as Nfs.Bench. --depth is the number of threads, each with one call in flight.
using Gfapi.Bench;

if (args.Length == 0)
{
    Console.Error.WriteLine("usage: Gfapi.Bench seqread|seqwrite|creates --volume NAME --volfile-server HOST[:PORT] --file PATH [--block N] [--depth N] [--seconds N] [--size N] [--count N]");
    return 2;
}
var options = GfapiOptions.Parse(args);
// Not disposed: glfs_fini takes about 10 s (gfapi winds its graph down) and the process is
// about to exit anyway. Every workload has closed its files by then (and seqwrite fsynced),
// so gfapi's write-behind holds nothing that exiting would lose.
var volume = Volume.Connect(options);
var result = options.Workload switch
{
    "seqread" => SequentialRead.Run(options, volume),
    "seqwrite" => SequentialWrite.Run(options, volume),
    "creates" => Creates.Run(options, volume),
    _ => throw new ArgumentException($"unknown workload '{options.Workload}'"),
};
Console.WriteLine(result.ToString());
return 0;
