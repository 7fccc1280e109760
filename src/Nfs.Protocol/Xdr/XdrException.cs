namespace Nfs.Protocol.Xdr;

/// <summary>Why a piece of XDR could not be decoded.</summary>
public enum XdrErrorKind
{
    /// <summary>The data ended before the item did.</summary>
    Truncated,
    /// <summary>A length or count exceeded the remaining data or a configured maximum.</summary>
    TooLong,
    /// <summary>A value is outside the set the type allows (a bool that is not 0/1, an unknown union arm).</summary>
    BadValue,
}

/// <summary>
/// Thrown when client-supplied XDR is malformed. The server turns it into GARBAGE_ARGS or
/// NFS4ERR_BADXDR; it never escapes a request.
/// </summary>
public sealed class XdrException : Exception
{
    /// <summary>Creates an exception of the given kind.</summary>
    public XdrException(XdrErrorKind kind, string message) : base(message) => Kind = kind;

    /// <summary>What went wrong.</summary>
    public XdrErrorKind Kind { get; }

    internal static XdrException Truncated(int needed, int remaining) =>
        new(XdrErrorKind.Truncated, $"XDR truncated: needed {needed} bytes, {remaining} remain");

    internal static XdrException TooLong(string what, long length, long max) =>
        new(XdrErrorKind.TooLong, $"XDR {what} length {length} exceeds limit {max}");
}
