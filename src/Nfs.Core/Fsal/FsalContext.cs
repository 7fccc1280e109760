namespace Nfs.Core.Fsal;

/// <summary>
/// What every backend call is given explicitly (never through a thread-local): who is calling,
/// and a token that fires when the request is abandoned (connection closed, server stopping).
/// </summary>
public readonly record struct FsalContext(Credential Caller, CancellationToken Cancellation = default)
{
    /// <summary>A context for the superuser, for maintenance and tests.</summary>
    public static FsalContext Root => new(Credential.Root);
}
