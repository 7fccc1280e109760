using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Nfs.Core.Recovery;

namespace Nfs.Core.Nlm;

/// <summary>
/// The durable <see cref="IMonitoredHostStore"/>: NFSv3 hosts holding locks are files under a
/// directory, written atomically and fsync'd (<see cref="AtomicFile"/>), so after a crash the
/// restarted server still knows whom to send SM_NOTIFY.
/// <code>
/// DIR/state          this run's NSM state number
/// DIR/hosts/KEY      one host: its name and address (KEY: hash of the lower-cased name)
/// </code>
/// The state number is fixed at construction: odd, above the previous run's and above the clock
/// in seconds (so it also exceeds numbers <see cref="InMemoryMonitoredHostStore"/> runs used).
/// </summary>
public sealed class FileMonitoredHostStore : IMonitoredHostStore
{
    private readonly string _hosts;
    private readonly ConcurrentDictionary<string, MonitoredHost> _known = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly int _state;

    /// <summary>Opens (creating if needed) the store in <paramref name="directory"/> and begins a new NSM state.</summary>
    public FileMonitoredHostStore(string directory)
    {
        string root = Path.GetFullPath(directory);
        _hosts = Path.Combine(root, "hosts");
        AtomicFile.CreateDirectory(root);
        AtomicFile.CreateDirectory(_hosts);
        AtomicFile.RemoveTemporaries(root);
        AtomicFile.RemoveTemporaries(_hosts);

        string statePath = Path.Combine(root, "state");
        long previous = 0;
        if (File.Exists(statePath)) long.TryParse(File.ReadAllText(statePath).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out previous);
        long clock = DateTimeOffset.UtcNow.ToUnixTimeSeconds() & 0x7FFF_FFFF;
        long next = Math.Max(previous + 2, clock) | 1;
        if (next > int.MaxValue) next = 1; // wraps after 68 years of restarts a second
        _state = (int)next;
        AtomicFile.Write(statePath, Encoding.ASCII.GetBytes(_state.ToString(CultureInfo.InvariantCulture) + "\n"));

        foreach (var file in Directory.EnumerateFiles(_hosts))
        {
            if (Read(file) is { } host) _known[host.Name] = host;
        }
    }

    /// <inheritdoc/>
    public async ValueTask AddAsync(MonitoredHost host)
    {
        if (_known.TryGetValue(host.Name, out var known) && known == host) return; // every lock would rewrite it otherwise
        await _writes.WaitAsync().ConfigureAwait(false);
        try
        {
            string text = Convert.ToBase64String(Encoding.UTF8.GetBytes(host.Name)) + "\n" + host.Address + "\nend\n";
            AtomicFile.Write(PathOf(host.Name), Encoding.UTF8.GetBytes(text));
            _known[host.Name] = host;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask RemoveAsync(string name)
    {
        await _writes.WaitAsync().ConfigureAwait(false);
        try
        {
            AtomicFile.Delete(PathOf(name));
            _known.TryRemove(name, out _);
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<MonitoredHost>> GetAllAsync() => new([.. _known.Values]);

    /// <inheritdoc/>
    public ValueTask<int> GetServerStateAsync() => new(_state);

    /// <summary>A host file, or null when damaged (only a damaged disk does that: files are replaced atomically); nobody to notify then.</summary>
    private static MonitoredHost? Read(string file)
    {
        var lines = File.ReadAllText(file, Encoding.UTF8).Split('\n');
        if (lines.Length < 3 || lines[2] != "end" || lines[0].Length > 4096 || !IPAddress.TryParse(lines[1], out var address)) return null;
        Span<byte> name = stackalloc byte[lines[0].Length];
        if (!Convert.TryFromBase64String(lines[0], name, out int length)) return null;
        return new MonitoredHost(Encoding.UTF8.GetString(name[..length]), address);
    }

    private string PathOf(string name) => Path.Combine(_hosts, ClientRecord.KeyOf(Encoding.UTF8.GetBytes(name.ToLowerInvariant())));
}
