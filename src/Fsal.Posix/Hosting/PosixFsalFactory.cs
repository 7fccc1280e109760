using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Core.Hosting;

namespace Fsal.Posix.Hosting;

/// <summary>
/// Creates a <see cref="PosixFileSystem"/> for each export naming "posix"; the export's
/// settings give Path (required), MaxCachedObjects and Threads over the registered defaults.
/// </summary>
public sealed class PosixFsalFactory(PosixFsalOptions defaults) : IFsalFactory
{
    /// <summary>The backend name exports use.</summary>
    public const string BackendName = "posix";

    /// <inheritdoc/>
    public string Name => BackendName;

    /// <inheritdoc/>
    public IFileSystem Create(ExportOptions export, IServiceProvider services)
    {
        var s = export.Settings;
        var options = new PosixFsalOptions
        {
            Path = s.TryGetValue("Path", out var path) ? path : defaults.Path,
            MaxCachedObjects = s.TryGetValue("MaxCachedObjects", out var m) ? int.Parse(m, System.Globalization.CultureInfo.InvariantCulture) : defaults.MaxCachedObjects,
            Threads = s.TryGetValue("Threads", out var t) ? int.Parse(t, System.Globalization.CultureInfo.InvariantCulture) : defaults.Threads,
        };
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger<PosixFileSystem>();
        return new PosixFileSystem(options, logger);
    }
}
