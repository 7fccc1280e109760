namespace Nfs.Core.Fsal;

/// <summary>
/// Optional capability: create a regular file and open it in one backend call, as open(2) with
/// O_CREAT does, instead of <see cref="IFileSystem.CreateAsync"/> followed by
/// <see cref="IFileSystem.OpenAsync"/>. An NFSv4 OPEN that creates then costs the backend one
/// call, and one trip to its worker threads, instead of two.
/// </summary>
public interface ICreateAndOpen
{
    /// <summary>
    /// Creates a regular file as <see cref="IFileSystem.CreateAsync"/> does (same request, same
    /// results) and, when it created it, opens it for <paramref name="flags"/> as
    /// <see cref="IFileSystem.OpenAsync"/> would for its creator: the open token comes with the
    /// result, and the caller closes it with <see cref="IFileSystem.CloseAsync"/>. A file that
    /// already existed (<see cref="FsalCreated.Existed"/>) is not opened: the token is null.
    /// </summary>
    ValueTask<FsalResult<FsalCreatedOpen>> CreateAndOpenAsync(FsalContext ctx, FsalObject directory, string name, FsalCreateRequest request, FsalOpenFlags flags);
}

/// <summary>A created file and, when it was created by the call, its open token (null otherwise).</summary>
public readonly record struct FsalCreatedOpen(FsalCreated Created, object? OpenToken);
