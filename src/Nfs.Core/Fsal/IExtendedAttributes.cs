namespace Nfs.Core.Fsal;

/// <summary>Optional capability: user extended attributes (RFC 8276). Names exclude the "user." prefix.</summary>
public interface IExtendedAttributes
{
    /// <summary>Reads an attribute's value.</summary>
    ValueTask<FsalResult<byte[]>> GetXattrAsync(FsalContext ctx, FsalObject obj, string name);

    /// <summary>Sets an attribute; <paramref name="mode"/> says whether it must or must not exist.</summary>
    ValueTask<FsalStatus> SetXattrAsync(FsalContext ctx, FsalObject obj, string name, ReadOnlyMemory<byte> value, XattrSetMode mode);

    /// <summary>Lists attribute names.</summary>
    ValueTask<FsalResult<IReadOnlyList<string>>> ListXattrsAsync(FsalContext ctx, FsalObject obj);

    /// <summary>Removes an attribute.</summary>
    ValueTask<FsalStatus> RemoveXattrAsync(FsalContext ctx, FsalObject obj, string name);
}

/// <summary>Whether SETXATTR creates, replaces, or does either.</summary>
public enum XattrSetMode
{
    /// <summary>Create or replace.</summary>
    Either = 0,
    /// <summary>Fail with <see cref="FsalStatus.Exists"/> if it exists.</summary>
    Create = 1,
    /// <summary>Fail with <see cref="FsalStatus.NoEntry"/> if it does not exist.</summary>
    Replace = 2,
}
