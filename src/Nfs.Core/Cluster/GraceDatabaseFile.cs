using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Nfs.Core.Fsal;

namespace Nfs.Core.Cluster;

/// <summary>
/// Where the cluster keeps its <see cref="GraceDatabase"/> and its liveness locks, in a
/// directory of the shared backend:
/// <code>
/// DIR/grace.db          the database, in two slots (see below), and the lock that serializes changes
/// DIR/alive             one byte per node, write-locked by the node for as long as it runs
/// DIR/records/NODE/E    NODE's client records of epoch E (<see cref="ClientRecordLog"/>)
/// </code>
/// The database is written alternately to two fixed slots, each with a generation number and
/// a hash of its contents; a reader takes the newest intact slot, so a writer that dies mid
/// write leaves the previous state readable and the file's handle never changes. Every change
/// is read-modify-write under an exclusive backend lock (<see cref="UpdateAsync"/>).
/// A node's liveness is its lock on its byte of <c>alive</c>: the backend drops it when the
/// node's process dies (OFD locks) or its connection to the volume does (Gluster), which is
/// how survivors learn of a death without clocks or heartbeats.
/// </summary>
internal sealed class GraceDatabaseFile
{
    private const int SlotSize = 64 * 1024;
    private const int HeaderSize = 24;
    private const uint SlotMagic = 0x31424447; // "GDB1"
    private const ulong MutexOffset = 1UL << 40;
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    private readonly BackendFiles _files;
    private readonly string _nodeId;
    private FsalObject _database = null!;
    private FsalObject _alive = null!;
    private ulong _generation;

    private GraceDatabaseFile(BackendFiles files, string nodeId)
    {
        _files = files;
        _nodeId = nodeId;
    }

    /// <summary>The records directory.</summary>
    public FsalObject Records { get; private set; } = null!;

    /// <summary>The backend access.</summary>
    public BackendFiles Files => _files;

    /// <summary>Opens (creating when missing) the database under <paramref name="directory"/> of the backend's root.</summary>
    public static async ValueTask<GraceDatabaseFile> OpenAsync(IFileSystem fs, string directory, string nodeId)
    {
        var files = new BackendFiles(fs);
        var dir = files.RootDirectory;
        foreach (var part in directory.Split('/', StringSplitOptions.RemoveEmptyEntries)) dir = await files.DirectoryAsync(dir, part).ConfigureAwait(false);
        var db = new GraceDatabaseFile(files, nodeId)
        {
            _database = await files.FileAsync(dir, "grace.db").ConfigureAwait(false),
            _alive = await files.FileAsync(dir, "alive").ConfigureAwait(false),
            Records = await files.DirectoryAsync(dir, "records").ConfigureAwait(false),
        };
        return db;
    }

    /// <summary>The database as last written (an empty one before the first write).</summary>
    public async ValueTask<GraceDatabase> ReadAsync()
    {
        var bytes = await _files.ReadAllAsync(_database, 2 * SlotSize).ConfigureAwait(false);
        GraceDatabase? best = null;
        ulong bestGeneration = 0;
        for (int slot = 0; slot < 2; slot++)
        {
            if (TryDecodeSlot(bytes, slot, out ulong generation, out var db) && (best is null || generation > bestGeneration))
            {
                best = db;
                bestGeneration = generation;
            }
        }
        _generation = Math.Max(_generation, bestGeneration);
        return best ?? new GraceDatabase();
    }

    /// <summary>
    /// Changes the database under the cluster-wide lock: reads it, lets <paramref name="change"/>
    /// edit it (returning false to leave it as is), and writes it back durably. Returns the
    /// database as it stands afterwards.
    /// </summary>
    public async ValueTask<GraceDatabase> UpdateAsync(Func<GraceDatabase, ValueTask<bool>> change, CancellationToken cancellationToken = default)
    {
        string owner = "grace-db:" + _nodeId;
        var deadline = DateTime.UtcNow + LockTimeout;
        int wait = 5;
        while (!await _files.TryLockAsync(_database, owner, MutexOffset).ConfigureAwait(false))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("cluster database: its lock was not free for " + LockTimeout.TotalSeconds + " s");
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            wait = Math.Min(wait * 2, 100);
        }
        try
        {
            var db = await ReadAsync().ConfigureAwait(false);
            if (!await change(db).ConfigureAwait(false)) return db;
            await WriteAsync(db).ConfigureAwait(false);
            return db;
        }
        finally
        {
            await _files.UnlockAsync(_database, owner, MutexOffset).ConfigureAwait(false);
        }
    }

    /// <summary>Takes this node's liveness lock; false when something else holds it (the node runs elsewhere, or a survivor is taking it over).</summary>
    public ValueTask<bool> TryHoldAliveAsync() => _files.TryLockAsync(_alive, "alive:" + _nodeId, AliveOffset(_nodeId));

    /// <summary>Gives up this node's liveness lock (a clean stop or fencing).</summary>
    public ValueTask ReleaseAliveAsync() => _files.ReleaseAllAsync(_alive, "alive:" + _nodeId);

    /// <summary>Whether <paramref name="nodeId"/> holds its liveness lock (when in doubt, alive).</summary>
    public ValueTask<bool> IsAliveAsync(string nodeId) => _files.IsLockedAsync(_alive, "probe:" + _nodeId, AliveOffset(nodeId));

    /// <summary>
    /// Claims the takeover of a dead node, so that only one survivor does it; false when another
    /// holds the claim. A byte of its own, apart from the liveness byte: a claim must not make
    /// the dead node look alive to the others' probes.
    /// </summary>
    public ValueTask<bool> TryClaimAsync(string nodeId) => _files.TryLockAsync(_alive, "takeover:" + _nodeId, AliveOffset(nodeId) + ClaimOffset);

    /// <summary>Releases a <see cref="TryClaimAsync"/>.</summary>
    public ValueTask ReleaseClaimAsync(string nodeId) => _files.UnlockAsync(_alive, "takeover:" + _nodeId, AliveOffset(nodeId) + ClaimOffset);

    private const ulong ClaimOffset = 1UL << 39;

    /// <summary>A node's byte in the liveness file: from a hash of its name, so nodes need no numbering.</summary>
    private static ulong AliveOffset(string nodeId) =>
        BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(nodeId))) & ((1UL << 39) - 1);

    private async ValueTask WriteAsync(GraceDatabase db)
    {
        var body = db.Encode();
        if (body.Length > SlotSize - HeaderSize) throw new InvalidOperationException("cluster database: too many members for one slot");
        // Advanced only once written: after a failed (torn) write the next one must go to the same
        // slot again, never over the last intact one, which lock-free readers still rely on.
        ulong generation = _generation + 1;
        var slot = new byte[HeaderSize + body.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(slot, SlotMagic);
        BinaryPrimitives.WriteUInt64LittleEndian(slot.AsSpan(4), generation);
        BinaryPrimitives.WriteInt32LittleEndian(slot.AsSpan(12), body.Length);
        SHA256.HashData(body).AsSpan(0, 8).CopyTo(slot.AsSpan(16));
        body.CopyTo(slot, HeaderSize);
        await _files.WriteAsync(_database, (generation % 2) * SlotSize, slot).ConfigureAwait(false);
        _generation = generation;
    }

    private static bool TryDecodeSlot(byte[] bytes, int slot, out ulong generation, out GraceDatabase db)
    {
        generation = 0;
        db = null!;
        int start = slot * SlotSize;
        if (bytes.Length < start + HeaderSize) return false;
        var header = bytes.AsSpan(start, HeaderSize);
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != SlotMagic) return false;
        int length = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        if (length < 0 || length > SlotSize - HeaderSize || bytes.Length < start + HeaderSize + length) return false;
        var body = bytes.AsSpan(start + HeaderSize, length);
        if (!SHA256.HashData(body).AsSpan(0, 8).SequenceEqual(header.Slice(16, 8))) return false;
        try
        {
            db = GraceDatabase.Decode(body);
        }
        catch (FormatException)
        {
            return false;
        }
        generation = BinaryPrimitives.ReadUInt64LittleEndian(header[4..]);
        return true;
    }
}
