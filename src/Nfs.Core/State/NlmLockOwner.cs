using System.Buffers.Binary;
using System.Text;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.State;

/// <summary>
/// An NLM lock owner: (host, svid, oh), the client host, the process id on it and the opaque
/// owner handle its lock manager sends. Its locks live in the same per-file tables as NFSv4
/// lock-owners', so the two protocols' locks conflict with each other.
/// </summary>
public sealed class NlmLockOwner : ILockHolder
{
    internal NlmLockOwner(NlmHost host, int svid, ReadOnlyMemory<byte> ownerHandle)
    {
        Host = host;
        Svid = svid;
        OwnerHandle = ownerHandle;
        BackendIdentity = IdentityOf(host.Name, svid, ownerHandle.Span);
    }

    /// <summary>The client host.</summary>
    public NlmHost Host { get; }

    /// <summary>The process id on the client (svid).</summary>
    public int Svid { get; }

    /// <summary>The owner handle (oh).</summary>
    public ReadOnlyMemory<byte> OwnerHandle { get; }

    /// <summary>Files on which it holds locks.</summary>
    internal HashSet<FileState> Files { get; } = [];

    /// <inheritdoc/>
    public byte[] BackendIdentity { get; }

    /// <inheritdoc/>
    /// <remarks>NFSv4 clients see client id 0 (no NFSv4 client has it) and the owner handle.</remarks>
    StateOwner4 ILockHolder.Nfs4Owner => new(0, OwnerHandle);

    /// <inheritdoc/>
    int ILockHolder.NlmSvid => Svid;

    /// <inheritdoc/>
    ReadOnlyMemory<byte> ILockHolder.NlmOwnerHandle => OwnerHandle;

    /// <summary>
    /// Four zero bytes, "nlm4", then the length-prefixed host name, svid and oh. NFSv4
    /// identities begin with a client id whose upper half is a nonzero boot epoch, so the two
    /// never coincide in a backend's lock table.
    /// </summary>
    internal static byte[] IdentityOf(string host, int svid, ReadOnlySpan<byte> ownerHandle)
    {
        int nameLength = Encoding.UTF8.GetByteCount(host);
        var id = new byte[8 + 4 + nameLength + 4 + ownerHandle.Length];
        "nlm4"u8.CopyTo(id.AsSpan(4));
        BinaryPrimitives.WriteInt32BigEndian(id.AsSpan(8), nameLength);
        Encoding.UTF8.GetBytes(host, id.AsSpan(12));
        BinaryPrimitives.WriteInt32BigEndian(id.AsSpan(12 + nameLength), svid);
        ownerHandle.CopyTo(id.AsSpan(16 + nameLength));
        return id;
    }

    /// <inheritdoc/>
    public override string ToString() => $"NLM owner {Svid}@{Host.Name}";
}
