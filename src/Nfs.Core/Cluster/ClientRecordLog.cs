using System.Globalization;
using System.Text;
using Nfs.Core.Fsal;
using Nfs.Core.Recovery;

namespace Nfs.Core.Cluster;

/// <summary>
/// One node's client records of one epoch on the shared backend (<c>records/NODE/EPOCH</c>):
/// an append-only log of lines <c>+ MINOR OWNER</c> (recorded) and <c>- KEY</c> (forgotten),
/// written only by that node and durable line by line. A line torn by a crash has no newline
/// and is ignored. A new epoch starts a new log holding the live records only, which is also
/// how a log is compacted.
/// </summary>
internal sealed class ClientRecordLog
{
    private const int MaxLogBytes = 64 * 1024 * 1024;
    private readonly BackendFiles _files;
    private readonly FsalObject _file;
    private ulong _end;

    private ClientRecordLog(BackendFiles files, FsalObject file, ulong end)
    {
        _files = files;
        _file = file;
        _end = end;
    }

    /// <summary>Bytes written so far (to decide when to compact).</summary>
    public ulong Length => _end;

    /// <summary>A node's directory of logs (hex of its name, so any node name is a safe file name).</summary>
    public static ValueTask<FsalObject> NodeDirectoryAsync(BackendFiles files, FsalObject records, string nodeId) =>
        files.DirectoryAsync(records, Convert.ToHexStringLower(Encoding.UTF8.GetBytes(nodeId)));

    /// <summary>Creates (replacing any old one) the log of <paramref name="epoch"/> holding <paramref name="live"/>.</summary>
    public static async ValueTask<ClientRecordLog> CreateAsync(BackendFiles files, FsalObject nodeDirectory, ulong epoch, IEnumerable<ClientRecord> live)
    {
        var text = new StringBuilder();
        foreach (var r in live) AppendAdd(text, r.OwnerId, r.MinorVersion);
        var bytes = Encoding.ASCII.GetBytes(text.ToString());
        string name = epoch.ToString(CultureInfo.InvariantCulture);
        await files.ReplaceAsync(nodeDirectory, name, bytes).ConfigureAwait(false);
        var file = await files.FindAsync(nodeDirectory, name).ConfigureAwait(false) ?? throw new IOException("cluster database: a record log vanished");
        return new ClientRecordLog(files, file, (ulong)bytes.Length);
    }

    /// <summary>The records of a node's log of <paramref name="epoch"/> (empty when there is none).</summary>
    public static async ValueTask<List<ClientRecord>> ReadAsync(BackendFiles files, FsalObject nodeDirectory, string nodeId, ulong epoch)
    {
        var file = await files.FindAsync(nodeDirectory, epoch.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        if (file is null) return [];
        var bytes = await files.ReadAllAsync(file, MaxLogBytes).ConfigureAwait(false);
        var live = new Dictionary<string, ClientRecord>(StringComparer.Ordinal);
        int start = 0;
        while (start < bytes.Length)
        {
            int newline = Array.IndexOf(bytes, (byte)'\n', start);
            if (newline < 0) break; // torn by a crash
            var line = Encoding.ASCII.GetString(bytes, start, newline - start);
            start = newline + 1;
            var f = line.Split(' ');
            try
            {
                if (f is ["+", var minor, var owner])
                {
                    var r = new ClientRecord(nodeId, Convert.FromBase64String(owner), uint.Parse(minor, NumberStyles.None, CultureInfo.InvariantCulture), epoch);
                    live[r.Key] = r;
                }
                else if (f is ["-", var key])
                {
                    live.Remove(key);
                }
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                // Only a damaged backend writes such a line; the others still count.
            }
        }
        return [.. live.Values];
    }

    /// <summary>Appends a record, durably.</summary>
    public ValueTask AddAsync(ReadOnlySpan<byte> ownerId, uint minorVersion)
    {
        var text = new StringBuilder();
        AppendAdd(text, ownerId, minorVersion);
        return AppendAsync(text.ToString());
    }

    /// <summary>Appends a removal, durably.</summary>
    public ValueTask RemoveAsync(string key) => AppendAsync("- " + key + "\n");

    /// <summary>Removes every log of the node older than <paramref name="epoch"/>.</summary>
    public static async ValueTask RemoveOlderAsync(BackendFiles files, FsalObject nodeDirectory, ulong epoch)
    {
        foreach (var name in await files.ListAsync(nodeDirectory).ConfigureAwait(false))
        {
            if (ulong.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out ulong e) && e < epoch) await files.RemoveAsync(nodeDirectory, name).ConfigureAwait(false);
        }
    }

    private async ValueTask AppendAsync(string line)
    {
        var bytes = Encoding.ASCII.GetBytes(line);
        await _files.WriteAsync(_file, _end, bytes).ConfigureAwait(false);
        _end += (ulong)bytes.Length;
    }

    private static void AppendAdd(StringBuilder text, ReadOnlySpan<byte> ownerId, uint minorVersion) =>
        text.Append("+ ").Append(minorVersion.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Convert.ToBase64String(ownerId)).Append('\n');
}
