using Nfs.Protocol.Nfs4;

namespace Nfs.Core.State;

/// <summary>
/// Whoever holds byte-range locks in a file's lock table: an NFSv4 lock-owner
/// (<see cref="LockOwner"/>) or an NLM lock owner (<see cref="NlmLockOwner"/>). NFSv4 and NLM
/// share one table per file, so each protocol must be able to name the other's holders when it
/// reports a conflict.
/// </summary>
internal interface ILockHolder
{
    /// <summary>Bytes identifying the holder to a backend that keeps its own locks (<see cref="Fsal.IByteRangeLocks"/>).</summary>
    byte[] BackendIdentity { get; }

    /// <summary>The holder as an NFSv4 LOCK4denied reports it.</summary>
    StateOwner4 Nfs4Owner { get; }

    /// <summary>The holder's process id as an NLM nlm4_holder reports it (svid).</summary>
    int NlmSvid { get; }

    /// <summary>The holder's owner handle as an NLM nlm4_holder reports it (oh).</summary>
    ReadOnlyMemory<byte> NlmOwnerHandle { get; }
}
