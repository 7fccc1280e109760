namespace Nfs.Core.Recovery;

/// <summary>What a <see cref="IClientRecoveryStore"/> hands a starting server.</summary>
/// <param name="Epoch">This instance's epoch: greater than every earlier instance's of the same node.</param>
/// <param name="Reclaimable">
/// Clients recorded by earlier instances whose grace period did not finish with them gone: the
/// clients that may reclaim state in this instance's grace period. Empty means no grace is needed.
/// </param>
public sealed record RecoveryStart(ulong Epoch, IReadOnlyList<ClientRecord> Reclaimable);
