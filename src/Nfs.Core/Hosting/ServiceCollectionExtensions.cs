using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Nfs.Core.Hosting;

/// <summary>Registration of the NFS server in a host.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds the NFS server as a hosted service. Options come from <paramref name="configuration"/>
    /// (if given) and then <paramref name="configure"/>; they are validated at start.
    /// </summary>
    public static IServiceCollection AddNfsServer(this IServiceCollection services, IConfiguration? configuration = null, Action<NfsServerOptions>? configure = null)
    {
        var builder = services.AddOptions<NfsServerOptions>();
        if (configuration is not null) builder.Bind(configuration);
        if (configure is not null) builder.Configure(configure);
        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NfsServerOptions>, NfsServerOptionsValidator>());
        services.TryAddSingleton(sp => new NfsServer(
            sp.GetRequiredService<IOptions<NfsServerOptions>>(),
            sp.GetServices<IFsalFactory>(),
            sp,
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService<NfsHostedService>();
        return services;
    }

    /// <summary>Registers a backend factory under its name.</summary>
    public static IServiceCollection AddFsal(this IServiceCollection services, IFsalFactory factory)
    {
        services.AddSingleton(factory);
        return services;
    }
}
