using Nfs.Core.Exports;
using Nfs.Core.Fsal;

namespace Nfs.Core.Hosting;

/// <summary>Creates backend instances for exports that name it in <see cref="ExportOptions.Fsal"/>.</summary>
public interface IFsalFactory
{
    /// <summary>The name exports use ("memory", "posix", "gluster").</summary>
    string Name { get; }

    /// <summary>Creates the backend for one export.</summary>
    IFileSystem Create(ExportOptions export, IServiceProvider services);
}
