using Microsoft.Extensions.DependencyInjection;
using Nfs.Core.Cluster;

namespace Nfs.Core.Hosting;

/// <summary>
/// The sample daemons' <c>cluster</c> verbs, run instead of the server with the same backend
/// options (so they reach the same shared storage):
/// <code>
/// cluster status              nodes, flags, epochs, and who holds its liveness lock
/// cluster grace start         start a grace period that lasts until lifted
/// cluster grace lift          end the grace period now
/// cluster takeover NODE       make NODE stop; a survivor takes over its address and clients
/// cluster remove NODE         forget a node that is down for good
/// </code>
/// </summary>
public static class ClusterCommand
{
    /// <summary>Whether the command line asks for a cluster verb rather than a server.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "cluster";

    /// <summary>Runs the verb after <c>cluster</c> and returns the process exit code (0 done, 1 failed, 2 usage).</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        var verb = args.Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var server = services.GetRequiredService<NfsServer>();
        try
        {
            var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<NfsServerOptions>>().Value.Cluster;
            var admin = await ClusterAdmin.OpenAsync(NfsServer.ClusterStorage(server.Exports.Exports, options), options).ConfigureAwait(false);
            GraceDatabase db;
            switch (verb)
            {
                case ["status"]:
                    var (status, alive) = await admin.StatusAsync().ConfigureAwait(false);
                    await output.WriteLineAsync(status.ToString()).ConfigureAwait(false);
                    foreach (var (node, isAlive) in alive) await output.WriteLineAsync($"  {node}: {(isAlive ? "alive" : "no liveness lock")}").ConfigureAwait(false);
                    return 0;
                case ["grace", "start"]:
                    db = await admin.StartGraceAsync().ConfigureAwait(false);
                    break;
                case ["grace", "lift"]:
                    db = await admin.LiftGraceAsync().ConfigureAwait(false);
                    break;
                case ["takeover", var node]:
                    db = await admin.RequestTakeoverAsync(node).ConfigureAwait(false);
                    break;
                case ["remove", var node]:
                    db = await admin.RemoveAsync(node).ConfigureAwait(false);
                    break;
                default:
                    await output.WriteLineAsync("usage: cluster status | grace start | grace lift | takeover NODE | remove NODE  (with the server's backend options)").ConfigureAwait(false);
                    return 2;
            }
            await output.WriteLineAsync(db.ToString()).ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or TimeoutException)
        {
            await output.WriteLineAsync("cluster: " + ex.Message).ConfigureAwait(false);
            return 1;
        }
        finally
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
