using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Core.Hosting;

namespace Fsal.Posix.Hosting;

/// <summary>
/// Creates a <see cref="PosixFileSystem"/> for each export naming "posix"; the export's
/// settings give Path (required) and any other <see cref="PosixFsalOptions"/> value by its
/// name (MaxCachedObjects, Threads, AttributeCacheMilliseconds ...) over the registered defaults.
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
        int Setting(string name, int fallback) =>
            s.TryGetValue(name, out var value) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;
        var options = new PosixFsalOptions
        {
            Path = s.TryGetValue("Path", out var path) ? path : defaults.Path,
            MaxCachedObjects = Setting(nameof(PosixFsalOptions.MaxCachedObjects), defaults.MaxCachedObjects),
            Threads = Setting(nameof(PosixFsalOptions.Threads), defaults.Threads),
            AttributeCacheMilliseconds = Setting(nameof(PosixFsalOptions.AttributeCacheMilliseconds), defaults.AttributeCacheMilliseconds),
            MaxCachedAttributes = Setting(nameof(PosixFsalOptions.MaxCachedAttributes), defaults.MaxCachedAttributes),
            MaxCachedDirectoryEntries = Setting(nameof(PosixFsalOptions.MaxCachedDirectoryEntries), defaults.MaxCachedDirectoryEntries),
        };
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger<PosixFileSystem>();
        return new PosixFileSystem(options, logger);
    }
}
