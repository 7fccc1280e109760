using System.Globalization;
using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Core.Hosting;

namespace Fsal.Memory.Hosting;

/// <summary>
/// Creates a fresh <see cref="MemoryFileSystem"/> for each export naming "memory". Export
/// settings (MaxTotalBytes, MaxObjects, RootMode in octal, RootUid, RootGid) override the
/// registered defaults.
/// </summary>
public sealed class MemoryFsalFactory(MemoryFsalOptions defaults) : IFsalFactory
{
    /// <summary>The backend name exports use.</summary>
    public const string BackendName = "memory";

    /// <inheritdoc/>
    public string Name => BackendName;

    /// <inheritdoc/>
    public IFileSystem Create(ExportOptions export, IServiceProvider services)
    {
        var s = export.Settings;
        var options = new MemoryFsalOptions
        {
            MaxTotalBytes = s.TryGetValue("MaxTotalBytes", out var b) ? long.Parse(b, CultureInfo.InvariantCulture) : defaults.MaxTotalBytes,
            MaxObjects = s.TryGetValue("MaxObjects", out var o) ? long.Parse(o, CultureInfo.InvariantCulture) : defaults.MaxObjects,
            RootMode = s.TryGetValue("RootMode", out var m) ? Convert.ToUInt32(m, 8) : defaults.RootMode,
            RootUid = s.TryGetValue("RootUid", out var u) ? uint.Parse(u, CultureInfo.InvariantCulture) : defaults.RootUid,
            RootGid = s.TryGetValue("RootGid", out var g) ? uint.Parse(g, CultureInfo.InvariantCulture) : defaults.RootGid,
        };
        options.Validate();
        return new MemoryFileSystem(options);
    }
}
