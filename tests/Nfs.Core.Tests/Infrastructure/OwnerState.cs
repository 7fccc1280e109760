using System.Text;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Tests.Infrastructure;

/// <summary>
/// The client side of an NFSv4.0 open-owner or lock-owner: its identity and the seqid of its
/// next request. <see cref="Next"/> hands out a seqid and advances, as a client does for each
/// request it sends; tests that provoke errors after which the seqid must not advance rewind
/// with <see cref="SeqId"/>.
/// </summary>
public sealed class OwnerState
{
    /// <summary>Creates an owner of <paramref name="clientId"/>.</summary>
    public OwnerState(ulong clientId, string name, uint firstSeqId = 0)
    {
        Owner = new StateOwner4(clientId, Encoding.UTF8.GetBytes(name));
        SeqId = firstSeqId;
    }

    /// <summary>The wire identity.</summary>
    public StateOwner4 Owner { get; }

    /// <summary>The seqid the next request carries.</summary>
    public uint SeqId { get; set; }

    /// <summary>For a lock-owner: its lock stateid, once it has one.</summary>
    public StateId4 LockStateId { get; set; }

    /// <summary>Returns the seqid for a request and advances.</summary>
    public uint Next() => SeqId++;
}
