// A memory-backed NFS server. With no configuration it serves one writable export at "/"
// on 127.0.0.1:2049, over NFSv4.x and NFSv3 (MOUNT on the same port):
//   dotnet run --project samples/MemoryServer -- --listen 127.0.0.1:12049 --pseudo /export
// --mount-port 12048 also offers MOUNT on its own port, --nfs3 false serves NFSv4 only,
// --aux-listen 127.0.0.1:4045 adds listeners, --rpcbind true registers with the local rpcbind.
// Everything else comes from appsettings.json, environment variables (Nfs__Listen=...) or
// the command line (--Nfs:Nfs4:LeaseSeconds=30), through Microsoft.Extensions.Configuration.
using Fsal.Memory;
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
    ["--pseudo"] = "Sample:Pseudo",
    ["--squash"] = "Sample:Squash",
});

builder.Services
    .AddNfsServer(builder.Configuration.GetSection("Nfs"), options =>
    {
        if (options.Exports.Count > 0) return;
        options.Exports.Add(new ExportOptions
        {
            Id = 1,
            PseudoPath = builder.Configuration["Sample:Pseudo"] ?? "/",
            Fsal = "memory",
            // A test server: root keeps its identity unless asked otherwise (chown needs it).
            Squash = Enum.Parse<SquashMode>(builder.Configuration["Sample:Squash"] ?? "None", ignoreCase: true),
        });
    })
    .AddMemoryFsal(builder.Configuration.GetSection("Memory"));

await builder.Build().RunAsync();
