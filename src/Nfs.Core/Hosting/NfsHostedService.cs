using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Nfs.Core.Hosting;

/// <summary>Starts and stops the <see cref="NfsServer"/> with the host; a fenced cluster node stops the host.</summary>
internal sealed class NfsHostedService(NfsServer server, IHostApplicationLifetime lifetime, ILogger<NfsHostedService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        server.Fenced += reason =>
        {
            logger.LogCritical("Stopping: this cluster node was fenced ({Reason})", reason);
            lifetime.StopApplication();
        };
        server.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await server.DisposeAsync().ConfigureAwait(false);
}
