using Microsoft.Win32.SafeHandles;

namespace Nfs.Core.Fsal;

/// <summary>
/// Optional capability: large READ replies sent straight from the backend's file to the
/// socket (sendfile), without copying the data through the server's memory.
/// </summary>
public interface IZeroCopyRead
{
    /// <summary>
    /// Checks the read as <see cref="IFileSystem.ReadAsync"/> would and returns a descriptor the
    /// transport owns (and closes after sending) from which <see cref="ZeroCopySource.Count"/>
    /// bytes at <paramref name="offset"/> are to be sent. <see cref="FsalStatus.NotSupported"/>
    /// makes the core read into memory instead.
    /// </summary>
    ValueTask<FsalResult<ZeroCopySource>> OpenForSendAsync(FsalContext ctx, FsalObject obj, object? openToken, ulong offset, int count);
}

/// <summary>A file range to send: an owned descriptor, how many bytes, and whether they reach the end of file.</summary>
public readonly record struct ZeroCopySource(SafeFileHandle File, int Count, bool EndOfFile);
