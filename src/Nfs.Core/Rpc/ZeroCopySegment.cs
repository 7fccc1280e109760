using Microsoft.Win32.SafeHandles;

namespace Nfs.Core.Rpc;

/// <summary>
/// File data that belongs at <see cref="Position"/> of a reply buffer but is sent from the file
/// by the transport (sendfile) rather than copied in. The reply buffer holds everything before
/// and after it; the record length counts it.
/// </summary>
public sealed record ZeroCopySegment(int Position, SafeFileHandle File, long FileOffset, int Count);
