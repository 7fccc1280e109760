using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Tests.Infrastructure;

/// <summary>A file opened through OPEN (and OPEN_CONFIRM when asked): its handle, current open stateid and open-owner.</summary>
public sealed class OpenedFile(byte[] handle, StateId4 stateId, OwnerState owner)
{
    /// <summary>The file's handle.</summary>
    public byte[] Handle { get; } = handle;

    /// <summary>The open stateid (updated by the helpers that change it).</summary>
    public StateId4 StateId { get; set; } = stateId;

    /// <summary>The open-owner.</summary>
    public OwnerState Owner { get; } = owner;
}
