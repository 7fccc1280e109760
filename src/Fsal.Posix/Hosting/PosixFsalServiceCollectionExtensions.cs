using Fsal.Posix.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nfs.Core.Hosting;

namespace Fsal.Posix;

/// <summary>Registration of the POSIX backend.</summary>
public static class PosixFsalServiceCollectionExtensions
{
    /// <summary>Registers the "posix" backend; defaults come from <paramref name="configuration"/> and then <paramref name="configure"/>.</summary>
    public static IServiceCollection AddPosixFsal(this IServiceCollection services, IConfiguration? configuration = null, Action<PosixFsalOptions>? configure = null)
    {
        var defaults = new PosixFsalOptions();
        configuration?.Bind(defaults);
        configure?.Invoke(defaults);
        return services.AddFsal(new PosixFsalFactory(defaults));
    }
}
