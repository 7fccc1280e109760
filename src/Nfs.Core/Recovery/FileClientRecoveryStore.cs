using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Nfs.Core.Recovery;

/// <summary>
/// The local durable <see cref="IClientRecoveryStore"/>: one small file per client in a
/// directory per epoch, under a state directory of this node.
/// <code>
/// STATE_DIR/epoch                 this instance's epoch (decimal)
/// STATE_DIR/clients/EPOCH/KEY     a client recorded in EPOCH (KEY: ClientRecord.KeyOf)
/// </code>
/// Every change is an atomic, fsync'd file write, rename or delete (<see cref="AtomicFile"/>), so
/// a kill -9 at any point leaves either the old or the new record. Records of earlier epochs
/// stay until a grace period ends (<see cref="EndGraceAsync"/>): when an instance dies during
/// its grace period, the next one still lets the clients of both earlier instances reclaim.
/// </summary>
public sealed class FileClientRecoveryStore : IClientRecoveryStore
{
    private const string Magic = "fsal-client-record 1";
    private readonly string _root;
    private readonly string _clients;
    private readonly string _nodeId;
    private readonly ILogger _logger;
    private ulong _epoch;

    /// <summary>A store under <paramref name="stateDirectory"/> (created if missing) for node <paramref name="nodeId"/>.</summary>
    public FileClientRecoveryStore(string stateDirectory, string nodeId, ILogger<FileClientRecoveryStore>? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateDirectory);
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        _root = Path.GetFullPath(stateDirectory);
        _clients = Path.Combine(_root, "clients");
        _nodeId = nodeId;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The epoch begun by <see cref="StartAsync"/> (0 before).</summary>
    public ulong Epoch => _epoch;

    /// <inheritdoc/>
    public ValueTask<RecoveryStart> StartAsync(CancellationToken cancellationToken = default)
    {
        if (_epoch != 0) throw new InvalidOperationException("the store was started already");
        AtomicFile.CreateDirectory(_root);
        AtomicFile.CreateDirectory(_clients);
        AtomicFile.RemoveTemporaries(_root);
        var earlier = EpochDirectories();
        ulong previous = Math.Max(ReadEpochFile(), earlier.Count > 0 ? earlier.Max(e => e.Epoch) : 0);
        ulong epoch = previous + 1;
        // The new epoch is durable before anything is recorded in it, so a restart never reuses it.
        AtomicFile.Write(Path.Combine(_root, "epoch"), Encoding.ASCII.GetBytes(epoch.ToString(CultureInfo.InvariantCulture) + "\n"));
        AtomicFile.CreateDirectory(EpochDirectory(epoch));
        _epoch = epoch;

        // The newest record of each owner wins (a client that reclaimed, then the server died again).
        var byKey = new Dictionary<string, ClientRecord>(StringComparer.Ordinal);
        foreach (var (e, dir) in earlier.OrderBy(x => x.Epoch))
        {
            AtomicFile.RemoveTemporaries(dir);
            foreach (var file in Directory.EnumerateFiles(dir))
            {
                var record = Read(file);
                if (record is not null && record.NodeId == _nodeId) byKey[record.Key] = record;
            }
        }
        _logger.LogInformation("Client recovery store {Directory}: epoch {Epoch}, {Count} client(s) of earlier epochs on record", _root, epoch, byKey.Count);
        return new(new RecoveryStart(epoch, [.. byKey.Values]));
    }

    /// <inheritdoc/>
    public ValueTask AddAsync(ClientRecord record, CancellationToken cancellationToken = default)
    {
        RequireStarted();
        var text = new StringBuilder()
            .Append(Magic).Append('\n')
            .Append("node ").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(record.NodeId))).Append('\n')
            .Append("minor ").Append(record.MinorVersion.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("epoch ").Append(record.Epoch.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("owner ").Append(Convert.ToBase64String(record.OwnerId)).Append('\n')
            .Append("end\n");
        AtomicFile.Write(Path.Combine(EpochDirectory(_epoch), record.Key), Encoding.ASCII.GetBytes(text.ToString()));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask RemoveAsync(string nodeId, ReadOnlyMemory<byte> ownerId, CancellationToken cancellationToken = default)
    {
        RequireStarted();
        if (nodeId != _nodeId) return ValueTask.CompletedTask;
        string key = ClientRecord.KeyOf(ownerId.Span);
        foreach (var (_, dir) in EpochDirectories()) AtomicFile.Delete(Path.Combine(dir, key));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask EndGraceAsync(CancellationToken cancellationToken = default)
    {
        RequireStarted();
        foreach (var (e, dir) in EpochDirectories())
        {
            if (e >= _epoch) continue;
            foreach (var f in Directory.EnumerateFiles(dir)) File.Delete(f);
            Directory.Delete(dir);
        }
        AtomicFile.SyncDirectory(_clients);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void RequireStarted()
    {
        if (_epoch == 0) throw new InvalidOperationException("StartAsync was not called");
    }

    private string EpochDirectory(ulong epoch) => Path.Combine(_clients, epoch.ToString(CultureInfo.InvariantCulture));

    private List<(ulong Epoch, string Path)> EpochDirectories()
    {
        var found = new List<(ulong, string)>();
        foreach (var dir in Directory.EnumerateDirectories(_clients))
        {
            if (ulong.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out ulong e)) found.Add((e, dir));
        }
        return found;
    }

    private ulong ReadEpochFile()
    {
        string path = Path.Combine(_root, "epoch");
        if (!File.Exists(path)) return 0;
        string text = File.ReadAllText(path).Trim();
        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong e)) return e;
        // Only a damaged disk can produce this (the file is replaced atomically); the epoch
        // directories still bound the epoch from below.
        _logger.LogWarning("Ignoring unreadable epoch file {Path}", path);
        return 0;
    }

    /// <summary>Parses a record file; null (and a warning) for anything not a complete record.</summary>
    private ClientRecord? Read(string path)
    {
        try
        {
            var lines = File.ReadAllText(path, Encoding.ASCII).Split('\n');
            if (lines.Length < 6 || lines[0] != Magic || lines[5] != "end") throw new FormatException("incomplete record");
            string Field(int i, string name) =>
                lines[i].StartsWith(name + " ", StringComparison.Ordinal) ? lines[i][(name.Length + 1)..] : throw new FormatException("missing " + name);
            var record = new ClientRecord(
                Encoding.UTF8.GetString(Convert.FromBase64String(Field(1, "node"))),
                Convert.FromBase64String(Field(4, "owner")),
                uint.Parse(Field(2, "minor"), NumberStyles.None, CultureInfo.InvariantCulture),
                ulong.Parse(Field(3, "epoch"), NumberStyles.None, CultureInfo.InvariantCulture));
            if (record.Key != Path.GetFileName(path)) throw new FormatException("record stored under another owner's name");
            return record;
        }
        catch (Exception ex) when (ex is FormatException or IOException or OverflowException)
        {
            _logger.LogWarning("Ignoring damaged client record {Path}: {Reason}", path, ex.Message);
            return null;
        }
    }
}
