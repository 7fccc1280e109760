namespace Nfs.Core.Fsal;

/// <summary>
/// Receives directory entries pushed by <see cref="IFileSystem.ReadDirAsync"/>. Each entry
/// carries the cookie from which a later call resumes just after it.
/// </summary>
public interface IReadDirSink
{
    /// <summary>
    /// Offers one entry. Returns false when the sink is full; the backend then stops, and that
    /// entry is not consumed (the next call resumes from the previous entry's cookie).
    /// </summary>
    bool Add(string name, ulong cookie, FsalObject obj, in FsalAttributes attributes);
}
