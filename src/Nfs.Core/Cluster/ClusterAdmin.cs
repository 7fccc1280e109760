using Nfs.Core.Fsal;

namespace Nfs.Core.Cluster;

/// <summary>
/// What an operator does to a running cluster, straight on its database in the shared backend
/// (the nodes see the change at their next check): list the nodes, start or lift a grace
/// period, ask for a node's takeover, forget a node that is gone for good.
/// </summary>
public sealed class ClusterAdmin
{
    private readonly GraceDatabaseFile _file;

    private ClusterAdmin(GraceDatabaseFile file) => _file = file;

    /// <summary>Opens the database of <paramref name="options"/> on <paramref name="fs"/>.</summary>
    public static async Task<ClusterAdmin> OpenAsync(IFileSystem fs, ClusterOptions options) =>
        new(await GraceDatabaseFile.OpenAsync(fs, options.Directory, "admin-" + Environment.ProcessId).ConfigureAwait(false));

    /// <summary>The database, and for each serving member whether it holds its liveness lock.</summary>
    public async Task<(GraceDatabase Database, IReadOnlyDictionary<string, bool> Alive)> StatusAsync()
    {
        var db = await _file.ReadAsync().ConfigureAwait(false);
        var alive = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var m in db.Members.Values) alive[m.NodeId] = await _file.IsAliveAsync(m.NodeId).ConfigureAwait(false);
        return (db, alive);
    }

    /// <summary>Starts a cluster grace period that lasts until <see cref="LiftGraceAsync"/>.</summary>
    public async Task<GraceDatabase> StartGraceAsync() => await _file.UpdateAsync(db =>
    {
        db.StartGrace();
        db.AdminHold = true;
        return ValueTask.FromResult(true);
    }).ConfigureAwait(false);

    /// <summary>Ends the cluster grace period now, whoever still needs it.</summary>
    public async Task<GraceDatabase> LiftGraceAsync() => await _file.UpdateAsync(db =>
    {
        if (!db.InGrace) return ValueTask.FromResult(false);
        db.AdminHold = false;
        foreach (var m in db.Members.Values) m.Need = false;
        db.TryLift();
        return ValueTask.FromResult(true);
    }).ConfigureAwait(false);

    /// <summary>
    /// Asks <paramref name="nodeId"/> to stop serving: it fences itself at its next check, and a
    /// survivor takes over its address and clients as after a crash.
    /// </summary>
    public async Task<GraceDatabase> RequestTakeoverAsync(string nodeId) => await _file.UpdateAsync(db =>
    {
        if (!db.Members.TryGetValue(nodeId, out var m) || !m.Up) throw new InvalidOperationException($"no serving node named {nodeId}");
        m.TakeoverRequested = true;
        return ValueTask.FromResult(true);
    }).ConfigureAwait(false);

    /// <summary>Forgets a node that is down (its records go with it at the next grace end of whoever took it over).</summary>
    public async Task<GraceDatabase> RemoveAsync(string nodeId) => await _file.UpdateAsync(db =>
    {
        if (!db.Members.TryGetValue(nodeId, out var m)) throw new InvalidOperationException($"no node named {nodeId}");
        if (m.Up) throw new InvalidOperationException($"{nodeId} is serving: ask for its takeover first");
        db.Members.Remove(nodeId);
        return ValueTask.FromResult(true);
    }).ConfigureAwait(false);
}
