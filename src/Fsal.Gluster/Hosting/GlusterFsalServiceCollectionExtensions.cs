using Fsal.Gluster.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nfs.Core.Hosting;

namespace Fsal.Gluster;

/// <summary>Registration of the Gluster backend.</summary>
public static class GlusterFsalServiceCollectionExtensions
{
    /// <summary>Registers the "gluster" backend; defaults come from <paramref name="configuration"/> and then <paramref name="configure"/>.</summary>
    public static IServiceCollection AddGlusterFsal(this IServiceCollection services, IConfiguration? configuration = null, Action<GlusterFsalOptions>? configure = null)
    {
        var defaults = new GlusterFsalOptions();
        configuration?.Bind(defaults);
        configure?.Invoke(defaults);
        return services.AddFsal(new GlusterFsalFactory(defaults));
    }
}
