namespace Nfs.Core.Fsal;

/// <summary>
/// The FSAL contract: one instance serves one export of one backend. Handle-based (the core
/// holds <see cref="FsalObject"/>s, the client holds their keys), asynchronous, with the
/// caller's identity passed explicitly in every call. Backends enforce permissions
/// themselves (a POSIX backend lets the kernel do it); the core only checks export-level
/// rules (read-only exports, squashing). Errors are returned as <see cref="FsalStatus"/>,
/// never thrown. Optional features are separate interfaces the same object may implement
/// (<see cref="IExtendedAttributes"/>, <see cref="IByteRangeLocks"/>).
/// </summary>
public interface IFileSystem
{
    /// <summary>Static properties and limits.</summary>
    FsalCapabilities Capabilities { get; }

    /// <summary>The root directory of this export.</summary>
    FsalObject Root { get; }

    /// <summary>
    /// Finds the object a key (from <see cref="FsalObject.WriteKey"/>) names. Must be cheap and
    /// must not block: a backend that needs I/O to validate returns a lazy object and reports
    /// <see cref="FsalStatus.Stale"/> from the first operation instead. Returns
    /// <see cref="FsalStatus.BadHandle"/> for bytes it could never have issued and
    /// <see cref="FsalStatus.Stale"/> for objects that no longer exist.
    /// </summary>
    FsalStatus Resolve(ReadOnlySpan<byte> key, out FsalObject? obj);

    /// <summary>Reads attributes. Backends may fill more than <paramref name="wanted"/>.</summary>
    ValueTask<FsalResult<FsalAttributes>> GetAttributesAsync(FsalContext ctx, FsalObject obj, FsalAttrMask wanted);

    /// <summary>Changes attributes and returns the attributes afterwards.</summary>
    ValueTask<FsalResult<FsalAttributes>> SetAttributesAsync(FsalContext ctx, FsalObject obj, FsalSetAttributes changes);

    /// <summary>
    /// Which of <paramref name="requested"/> access bits the caller has on the object
    /// (NFSv4 ACCESS4_* bits). Never fails for lack of access; returns the subset granted.
    /// </summary>
    ValueTask<FsalResult<Nfs.Protocol.Nfs4.Access4>> CheckAccessAsync(FsalContext ctx, FsalObject obj, Nfs.Protocol.Nfs4.Access4 requested);

    /// <summary>Looks up <paramref name="name"/> in a directory. Names "." and ".." are never passed.</summary>
    ValueTask<FsalResult<FsalLookup>> LookupAsync(FsalContext ctx, FsalObject directory, string name, FsalAttrMask wanted);

    /// <summary>Looks up a directory's parent. The root's parent is the root itself.</summary>
    ValueTask<FsalResult<FsalLookup>> LookupParentAsync(FsalContext ctx, FsalObject directory, FsalAttrMask wanted);

    /// <summary>
    /// Pushes the entries of a directory that follow <paramref name="cookie"/> (0 = from the
    /// start) into <paramref name="sink"/> until it is full or the directory ends; "." and ".."
    /// are not included. Cookies must stay valid for the remaining entries while other entries
    /// are added or removed. Returns true when the end of the directory was reached.
    /// </summary>
    ValueTask<FsalResult<bool>> ReadDirAsync(FsalContext ctx, FsalObject directory, ulong cookie, FsalAttrMask wanted, IReadDirSink sink);

    /// <summary>Creates a regular file, directory, symlink or special file.</summary>
    ValueTask<FsalResult<FsalCreated>> CreateAsync(FsalContext ctx, FsalObject directory, string name, FsalCreateRequest request);

    /// <summary>Removes a name (a file or an empty directory).</summary>
    ValueTask<FsalResult<FsalChangeInfo>> RemoveAsync(FsalContext ctx, FsalObject directory, string name);

    /// <summary>Renames, replacing a compatible target atomically.</summary>
    ValueTask<FsalResult<FsalRenamed>> RenameAsync(FsalContext ctx, FsalObject sourceDirectory, string sourceName, FsalObject targetDirectory, string targetName);

    /// <summary>Creates a hard link to <paramref name="obj"/>.</summary>
    ValueTask<FsalResult<FsalChangeInfo>> LinkAsync(FsalContext ctx, FsalObject obj, FsalObject directory, string name);

    /// <summary>Reads a symlink's target.</summary>
    ValueTask<FsalResult<string>> ReadLinkAsync(FsalContext ctx, FsalObject obj);

    /// <summary>
    /// Opens a regular file for the given access on behalf of NFS open state and returns a
    /// backend token (for example a file descriptor) that later reads, writes and the close
    /// receive. Stateless backends return null.
    /// </summary>
    ValueTask<FsalResult<object?>> OpenAsync(FsalContext ctx, FsalObject obj, FsalOpenFlags flags);

    /// <summary>Releases what <see cref="OpenAsync"/> returned.</summary>
    ValueTask CloseAsync(FsalObject obj, object? openToken);

    /// <summary>
    /// Reads up to <c>destination.Length</c> bytes at <paramref name="offset"/> straight into the
    /// reply buffer. <paramref name="openToken"/> is null for reads without open state.
    /// </summary>
    ValueTask<FsalResult<FsalRead>> ReadAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, Memory<byte> destination);

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/> with at least the asked stability.</summary>
    ValueTask<FsalResult<FsalWrite>> WriteAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, ReadOnlyMemory<byte> data, FsalStability stability);

    /// <summary>Makes unstable writes in the range stable (count 0 = to the end).</summary>
    ValueTask<FsalStatus> CommitAsync(FsalContext ctx, FsalObject obj, ulong offset, uint count);

    /// <summary>Space and file counts of the filesystem holding <paramref name="obj"/>.</summary>
    ValueTask<FsalResult<FsalFsStats>> GetFsStatsAsync(FsalContext ctx, FsalObject obj);
}
