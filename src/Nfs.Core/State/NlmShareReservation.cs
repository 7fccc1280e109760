namespace Nfs.Core.State;

/// <summary>
/// A DOS share reservation taken with NLM SHARE, owned by (host, oh). Access and deny use the
/// bits of NFSv4's OPEN4_SHARE_ACCESS and OPEN4_SHARE_DENY, so NLM shares and NFSv4 opens are
/// checked against each other with the same rule.
/// </summary>
internal sealed class NlmShareReservation(NlmHost host, FileState file, OwnerKey ownerHandle, uint access, uint deny)
{
    public NlmHost Host { get; } = host;

    public FileState File { get; } = file;

    public OwnerKey OwnerHandle { get; } = ownerHandle;

    public uint Access { get; set; } = access;

    public uint Deny { get; set; } = deny;

    /// <summary>True when this reservation and an access/deny pair cannot both hold.</summary>
    public bool ConflictsWith(uint access, uint deny) => (Deny & access) != 0 || (Access & deny) != 0;
}
