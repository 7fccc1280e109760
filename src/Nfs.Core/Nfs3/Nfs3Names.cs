using Nfs.Core.Nfs4;
using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Nfs3;

/// <summary>Checks of the names (filename3) NFSv3 clients send.</summary>
public static class Nfs3Names
{
    /// <summary>True for "." and "..", which only LOOKUP accepts.</summary>
    public static bool IsDotOrDotDot(ReadOnlySpan<byte> raw) => raw.SequenceEqual("."u8) || raw.SequenceEqual(".."u8);

    /// <summary>
    /// Decodes a name for a backend call: empty, not UTF-8 or containing '/' or NUL is INVAL,
    /// longer than the export allows NAMETOOLONG. "." and ".." are the caller's to handle first.
    /// </summary>
    public static NfsStat3 Validate(ReadOnlySpan<byte> raw, uint maxLength, out string name) =>
        ComponentName.Validate(raw, maxLength, out name) switch
        {
            NfsStat4.Ok => NfsStat3.Ok,
            NfsStat4.Nametoolong => NfsStat3.NameTooLong,
            _ => NfsStat3.Inval,
        };
}
