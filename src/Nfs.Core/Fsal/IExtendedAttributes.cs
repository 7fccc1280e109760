namespace Nfs.Core.Fsal;

/// <summary>
/// Optional capability: user extended attributes (RFC 8276). Names exclude the "user." prefix
/// (as on the NFS wire); a backend on a POSIX filesystem adds it. Permission checks are the
/// backend's.
/// </summary>
public interface IExtendedAttributes
{
    /// <summary>Reads an attribute's value; <see cref="FsalStatus.NoXattr"/> when it does not exist.</summary>
    ValueTask<FsalResult<byte[]>> GetXattrAsync(FsalContext ctx, FsalObject obj, string name);

    /// <summary>
    /// Sets an attribute; <paramref name="mode"/> says whether it must or must not exist
    /// (<see cref="FsalStatus.Exists"/>, <see cref="FsalStatus.NoXattr"/>). A value larger than
    /// the backend stores is <see cref="FsalStatus.XattrTooBig"/>.
    /// </summary>
    ValueTask<FsalStatus> SetXattrAsync(FsalContext ctx, FsalObject obj, string name, ReadOnlyMemory<byte> value, XattrSetMode mode);

    /// <summary>Lists attribute names, in an order that stays the same while the set does not change (the core pages through it by index).</summary>
    ValueTask<FsalResult<IReadOnlyList<string>>> ListXattrsAsync(FsalContext ctx, FsalObject obj);

    /// <summary>Removes an attribute; <see cref="FsalStatus.NoXattr"/> when it does not exist.</summary>
    ValueTask<FsalStatus> RemoveXattrAsync(FsalContext ctx, FsalObject obj, string name);
}

/// <summary>Whether SETXATTR creates, replaces, or does either.</summary>
public enum XattrSetMode
{
    /// <summary>Create or replace.</summary>
    Either = 0,
    /// <summary>Fail with <see cref="FsalStatus.Exists"/> if it exists.</summary>
    Create = 1,
    /// <summary>Fail with <see cref="FsalStatus.NoXattr"/> if it does not exist.</summary>
    Replace = 2,
}
