using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Xdr;

namespace Nfs.Bench;

/// <summary>
/// Walks a READDIR4resok without building objects: counts the entries and keeps the last
/// cookie, checking each entry's shape (cookie, a name, an attribute bitmap and its values).
/// Decoding every entry into strings and attribute objects cost the load generator about as
/// much per entry as the servers spent producing it, so the walk measured the client.
/// </summary>
public static class ReadDirPage
{
    /// <summary>What a page holds: its entries, the last one's cookie, the cookie verifier and whether it ends the directory.</summary>
    public readonly record struct Summary(int Count, ulong LastCookie, ulong Verifier, bool Eof);

    /// <summary>Scans one READDIR result positioned after its status.</summary>
    public static Summary Scan(XdrReader r)
    {
        ulong verifier = Verifier4.Decode(r).Value;
        int count = 0;
        ulong cookie = 0;
        while (r.ReadBool())
        {
            cookie = r.ReadUInt64();
            if (r.ReadOpaque(Nfs4Constants.OpaqueLimit).Length == 0) throw new InvalidDataException("READDIR entry without a name");
            int words = r.ReadArrayLength(16);
            r.Skip(words * 4);
            r.ReadOpaque(64 * 1024);
            count++;
        }
        return new Summary(count, cookie, verifier, r.ReadBool());
    }
}
