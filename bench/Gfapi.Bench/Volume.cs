namespace Gfapi.Bench;

/// <summary>A process's connection to a Gluster volume (a glfs_t); thread-safe, as gfapi is.</summary>
public sealed class Volume : IDisposable
{
    /// <summary>The glfs_t.</summary>
    public nint Fs { get; }

    private Volume(nint fs) => Fs = fs;

    /// <summary>Fetches the volfile from glusterd and connects to the bricks (glfs_init blocks until then).</summary>
    public static Volume Connect(GfapiOptions o)
    {
        nint fs = GfApi.Check(GfApi.glfs_new(o.Volume), "glfs_new", pointer: true);
        try
        {
            GfApi.Check(GfApi.glfs_set_volfile_server(fs, "tcp", o.Host, o.Port), "glfs_set_volfile_server");
            // As the gateway does: gfapi's own log goes nowhere, so neither side pays for logging.
            GfApi.Check(GfApi.glfs_set_logging(fs, "/dev/null", GfApi.LogLevelWarning), "glfs_set_logging");
            GfApi.Check(GfApi.glfs_init(fs), $"glfs_init({o.Volume} at {o.Host}:{o.Port})");
            return new Volume(fs);
        }
        catch
        {
            GfApi.glfs_fini(fs);
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => GfApi.glfs_fini(Fs);
}
