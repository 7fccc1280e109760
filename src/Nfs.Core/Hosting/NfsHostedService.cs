using Microsoft.Extensions.Hosting;

namespace Nfs.Core.Hosting;

/// <summary>Starts and stops the <see cref="NfsServer"/> with the host.</summary>
internal sealed class NfsHostedService(NfsServer server) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        server.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await server.DisposeAsync().ConfigureAwait(false);
}
