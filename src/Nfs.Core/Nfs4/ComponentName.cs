using System.Text;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Nfs4;

/// <summary>Validation of component4 names as RFC 7530 section 12.7 asks.</summary>
public static class ComponentName
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>
    /// Checks a name and decodes it. Empty or not UTF-8: INVAL; longer than
    /// <paramref name="maxLength"/> bytes: NAMETOOLONG; ".", ".." or containing '/' or NUL: BADNAME.
    /// </summary>
    public static NfsStat4 Validate(ReadOnlySpan<byte> raw, uint maxLength, out string name)
    {
        name = "";
        if (raw.IsEmpty) return NfsStat4.Inval;
        if (raw.Length > maxLength) return NfsStat4.Nametoolong;
        try
        {
            name = StrictUtf8.GetString(raw);
        }
        catch (DecoderFallbackException)
        {
            return NfsStat4.Inval;
        }
        if (name is "." or "..") return NfsStat4.Badname;
        if (raw.IndexOfAny((byte)'/', (byte)0) >= 0) return NfsStat4.Badname;
        return NfsStat4.Ok;
    }
}
