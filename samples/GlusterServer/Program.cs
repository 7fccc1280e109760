// An NFS server exporting a GlusterFS volume through libgfapi (no FUSE mount):
//   dotnet run --project samples/GlusterServer -- --listen 127.0.0.1:12049 --volume gv0 --volfile-server 127.0.0.1[:24007] [--path /dir] [--pseudo /data]
//   [--mount-port 12048] [--nfs3 false] [--aux-listen ADDR:PORT] [--rpcbind true] (as MemoryServer)
//   [--cluster true --node-id NAME [--cluster-dir .nfs-cluster] [--cluster-check-ms 1000]]: active/active with
//   the other gateways of the same storage; "cluster status|grace start|grace lift|takeover NODE|remove NODE"
//   with the same storage options administers the cluster instead of serving.
// Run it as root: it acts as each caller towards the bricks (glfs_setfsuid...), which needs a
// privileged gfapi client. Several instances in front of one volume hand out the same
// filehandles and see each other's locks.
using Fsal.Gluster;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nfs.Core.Exports;
using Nfs.Core.Hosting;

SocketTuning.PreferInlineCompletions();
var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.AddCommandLine(args, new Dictionary<string, string>
{
    ["--listen"] = "Nfs:Listen",
    ["--nfs3"] = "Nfs:Nfs3:Enabled",
    ["--mount-port"] = "Nfs:Nfs3:MountPort",
    ["--aux-listen"] = "Nfs:AuxiliaryListen",
    ["--rpcbind"] = "Nfs:Rpcbind:Register",
    // Client records for reclaim after a restart; without it clients cannot reclaim (see docs/architecture.md, Recovery).
    ["--state-dir"] = "Nfs:Recovery:StateDirectory",
    ["--grace"] = "Nfs:Nfs4:GraceSeconds",
    ["--lease"] = "Nfs:Nfs4:LeaseSeconds",
    // Active/active with other gateways of the same storage (docs/cluster.md); "cluster ..." verbs administer it.
    ["--cluster"] = "Nfs:Cluster:Enabled",
    ["--node-id"] = "Nfs:Recovery:NodeId",
    ["--cluster-check-ms"] = "Nfs:Cluster:CheckIntervalMilliseconds",
    ["--cluster-dir"] = "Nfs:Cluster:Directory",
    ["--volume"] = "Gluster:Volume",
    ["--volfile-server"] = "Gluster:VolfileServers",
    ["--path"] = "Gluster:Path",
    ["--log-file"] = "Gluster:LogFile",
    ["--pseudo"] = "Sample:Pseudo",
    ["--squash"] = "Sample:Squash",
});

builder.Services
    .AddNfsServer(builder.Configuration.GetSection("Nfs"), options =>
    {
        if (options.Exports.Count > 0) return;
        if (string.IsNullOrEmpty(builder.Configuration["Gluster:Volume"])) throw new InvalidOperationException("--volume NAME is required");
        options.Exports.Add(new ExportOptions
        {
            Id = 1,
            PseudoPath = builder.Configuration["Sample:Pseudo"] ?? "/",
            Fsal = "gluster",
            Squash = Enum.Parse<SquashMode>(builder.Configuration["Sample:Squash"] ?? "None", ignoreCase: true),
        });
    })
    .AddGlusterFsal(builder.Configuration.GetSection("Gluster"));

var host = builder.Build();
if (ClusterCommand.IsCommand(args)) return await ClusterCommand.RunAsync(host.Services, args);
await host.RunAsync();
return 0;
