namespace Nfs.Protocol.Nfs3;

/// <summary>Program, version and sizes of NFS version 3 (RFC 1813).</summary>
public static class Nfs3Constants
{
    /// <summary>The NFS program number (shared with NFSv4; the version tells them apart).</summary>
    public const uint Program = 100003;

    /// <summary>The protocol version.</summary>
    public const uint Version = 3;

    /// <summary>Largest filehandle (NFS3_FHSIZE).</summary>
    public const int MaxFileHandleSize = 64;

    /// <summary>Size of the cookie, create and write verifiers (NFS3_COOKIEVERFSIZE and friends).</summary>
    public const int VerifierSize = 8;

    /// <summary>
    /// Longest name or path accepted while decoding. RFC 1813 sets no limit; this one only
    /// bounds allocation. Names longer than the export allows are answered NAMETOOLONG by the
    /// server, which can only happen if decoding lets them through.
    /// </summary>
    public const int MaxDecodedNameLength = 8192;

    /// <summary>Longest symlink target accepted (longer ones are NAMETOOLONG).</summary>
    public const int MaxPathLength = 4096;
}
