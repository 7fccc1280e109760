using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Core.Hosting;

namespace Fsal.Gluster.Hosting;

/// <summary>
/// Creates a <see cref="GlusterFileSystem"/> for each export naming "gluster"; the export's
/// settings give Volume, VolfileServers, Path, LogFile, MaxLinks, MaxCachedObjects and Threads over the
/// registered defaults.
/// </summary>
public sealed class GlusterFsalFactory(GlusterFsalOptions defaults) : IFsalFactory
{
    /// <summary>The backend name exports use.</summary>
    public const string BackendName = "gluster";

    /// <inheritdoc/>
    public string Name => BackendName;

    /// <inheritdoc/>
    public IFileSystem Create(ExportOptions export, IServiceProvider services)
    {
        var s = export.Settings;
        var options = new GlusterFsalOptions
        {
            Volume = s.TryGetValue("Volume", out var volume) ? volume : defaults.Volume,
            VolfileServers = s.TryGetValue("VolfileServers", out var servers) ? servers : defaults.VolfileServers,
            Path = s.TryGetValue("Path", out var path) ? path : defaults.Path,
            LogFile = s.TryGetValue("LogFile", out var log) ? log : defaults.LogFile,
            MaxCachedObjects = s.TryGetValue("MaxCachedObjects", out var m) ? int.Parse(m, CultureInfo.InvariantCulture) : defaults.MaxCachedObjects,
            Threads = s.TryGetValue("Threads", out var t) ? int.Parse(t, CultureInfo.InvariantCulture) : defaults.Threads,
            MaxLinks = s.TryGetValue("MaxLinks", out var l) ? uint.Parse(l, CultureInfo.InvariantCulture) : defaults.MaxLinks,
        };
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger<GlusterFileSystem>();
        return new GlusterFileSystem(options, logger);
    }
}
