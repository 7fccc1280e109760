using System.Diagnostics;
using System.Net;
using Nfs.Protocol.Mount;
using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs4;
using Nfs.TestClient;

namespace Nfs.Bench;

/// <summary>
/// The read, write and metadata workloads over NFSv3 (--nfs3 true), with the same meaning as
/// their NFSv4.1 versions: <c>Depth</c> calls in flight on one connection, one line of results.
/// The root handle comes from MOUNT of "/".
/// </summary>
public static class Nfs3Workloads
{
    /// <summary>Runs the workload named in the options.</summary>
    public static Task<BenchResult> RunAsync(BenchOptions o) => o.Workload switch
    {
        "seqread" => IoAsync(o, write: false, sequential: true),
        "randread" => IoAsync(o, write: false, sequential: false),
        "seqwrite" => IoAsync(o, write: true, sequential: true),
        "randwrite" => IoAsync(o, write: true, sequential: false),
        "metadata" => MetadataAsync(o),
        _ => throw new ArgumentException($"'{o.Workload}' has no NFSv3 mode (seqread, seqwrite, randread, randwrite, metadata)"),
    };

    private static async Task<(Nfs3Client Client, NfsFileHandle Root)> ConnectAsync(BenchOptions o)
    {
        await using var mount = await MountClient.ConnectAsync(new IPEndPoint(o.Server.Address, o.MountPort ?? o.Server.Port));
        // The export's path: ours publish it at its pseudo path, Ganesha only at its real one.
        var mnt = await mount.MountAsync(o.MountPath);
        if (mnt.Status != MountStat3.Ok) throw new InvalidOperationException($"MOUNT {o.MountPath}: {mnt.Status}");
        return (await Nfs3Client.ConnectAsync(o.Server, completeRepliesInline: true), mnt.Handle);
    }

    private static void Expect(NfsStat3 status, string what)
    {
        if (status != NfsStat3.Ok) throw new InvalidOperationException($"{what}: {status}");
    }

    /// <summary>The handle of a path below the root (the file itself created when <paramref name="create"/>).</summary>
    private static async Task<NfsFileHandle> ResolveAsync(Nfs3Client client, NfsFileHandle root, string path, bool create)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var fh = root;
        for (int i = 0; i < parts.Length; i++)
        {
            if (create && i == parts.Length - 1)
            {
                var c = await client.CreateAsync(fh, parts[i], CreateMode3.Unchecked, new Sattr3(Mode: 0x1A4));
                Expect(c.Status, $"CREATE {path}");
                return c.Handle;
            }
            var l = await client.LookupAsync(fh, parts[i]);
            Expect(l.Status, $"LOOKUP {path}");
            fh = l.Handle;
        }
        return fh;
    }

    /// <summary>READs or UNSTABLE WRITEs of <c>Block</c> bytes, sequential (wrapping) or random and aligned, within <c>Size</c> bytes.</summary>
    private static async Task<BenchResult> IoAsync(BenchOptions o, bool write, bool sequential)
    {
        var (client, root) = await ConnectAsync(o);
        await using var _ = client;
        var fh = await ResolveAsync(client, root, o.File, create: write);
        ulong span = (ulong)o.Size;
        if (!write)
        {
            var a = await client.GetAttrAsync(fh);
            Expect(a.Status, "GETATTR");
            span = Math.Min(span, a.Attributes!.Value.Size);
        }
        ulong blocks = span / (ulong)o.Block;
        if (blocks == 0) throw new InvalidOperationException($"{o.File} is smaller than one block");
        var data = new byte[o.Block];
        new Random(1).NextBytes(data);
        long next = 0, bytes = 0, ops = 0;
        var latencies = new Latencies();
        var watch = Stopwatch.StartNew();
        async Task Worker(int seed)
        {
            var random = new Random(seed);
            while (watch.Elapsed < o.Duration)
            {
                ulong block = sequential ? (ulong)(Interlocked.Increment(ref next) - 1) % blocks : (ulong)random.NextInt64((long)blocks);
                ulong offset = block * (ulong)o.Block;
                long t0 = Stopwatch.GetTimestamp();
                int n;
                if (write)
                {
                    var w = await client.WriteAsync(fh, offset, data, StableHow3.Unstable);
                    Expect(w.Status, "WRITE");
                    n = (int)w.Count;
                }
                else
                {
                    var r = await client.ReadAsync(fh, offset, (uint)o.Block);
                    Expect(r.Status, "READ");
                    n = r.Data.Length;
                }
                latencies.Add(Stopwatch.GetElapsedTime(t0));
                Interlocked.Add(ref bytes, n);
                Interlocked.Increment(ref ops);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, o.Depth).Select(Worker));
        if (write) Expect((await client.CommitAsync(fh)).Status, "COMMIT");
        string name = (sequential ? "seq" : "rand") + (write ? "write" : "read");
        return new BenchResult(name, bytes, ops, watch.Elapsed, latencies.Percentile(50), latencies.Percentile(99));
    }

    /// <summary>In a fresh directory: CREATE, GETATTR, LOOKUP, REMOVE of empty files, each one operation.</summary>
    private static async Task<BenchResult> MetadataAsync(BenchOptions o)
    {
        var (client, root) = await ConnectAsync(o);
        await using var _ = client;
        var parent = await ResolveAsync(client, root, Path.GetDirectoryName(o.File) ?? "", create: false);
        var mkdir = await client.MkdirAsync(parent, Path.GetFileName(o.File), new Sattr3(Mode: 0x1ED));
        Expect(mkdir.Status, $"MKDIR {o.File}");
        var dir = mkdir.Handle;
        long ops = 0;
        var latencies = new Latencies();
        var watch = Stopwatch.StartNew();
        async Task<T> Timed<T>(Func<Task<T>> call, Func<T, NfsStat3> status, string what)
        {
            long t0 = Stopwatch.GetTimestamp();
            var r = await call();
            latencies.Add(Stopwatch.GetElapsedTime(t0));
            Expect(status(r), what);
            Interlocked.Increment(ref ops);
            return r;
        }
        async Task Worker(int worker)
        {
            for (int i = 0; watch.Elapsed < o.Duration; i++)
            {
                string name = $"w{worker}-{i}";
                var created = await Timed(() => client.CreateAsync(dir, name, CreateMode3.Guarded, new Sattr3(Mode: 0x1A4)), r => r.Status, "CREATE");
                await Timed(() => client.GetAttrAsync(created.Handle), r => r.Status, "GETATTR");
                await Timed(() => client.LookupAsync(dir, name), r => r.Status, "LOOKUP");
                await Timed(() => client.RemoveAsync(dir, name), r => r.Status, "REMOVE");
            }
        }
        await Task.WhenAll(Enumerable.Range(0, o.Depth).Select(Worker));
        return new BenchResult("metadata", 0, ops, watch.Elapsed, latencies.Percentile(50), latencies.Percentile(99));
    }
}
