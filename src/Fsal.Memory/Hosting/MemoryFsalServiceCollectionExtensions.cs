using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nfs.Core.Hosting;

namespace Fsal.Memory;

/// <summary>Registration of the memory backend.</summary>
public static class MemoryFsalServiceCollectionExtensions
{
    /// <summary>
    /// Registers the "memory" backend; its default limits come from <paramref name="configuration"/>
    /// (keys of <see cref="MemoryFsalOptions"/>) and then <paramref name="configure"/>.
    /// </summary>
    public static IServiceCollection AddMemoryFsal(this IServiceCollection services, IConfiguration? configuration = null, Action<MemoryFsalOptions>? configure = null)
    {
        var defaults = new MemoryFsalOptions();
        configuration?.Bind(defaults);
        configure?.Invoke(defaults);
        defaults.Validate();
        return services.AddFsal(new Hosting.MemoryFsalFactory(defaults));
    }
}
