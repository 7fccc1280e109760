using System.Text;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;

namespace Interop;

/// <summary>Puts content on a server through the project's own NFSv4 client, for foreign clients to read back.</summary>
public static class NfsFiles
{
    /// <summary>Creates a directory path (mkdir -p).</summary>
    public static async Task MkdirAsync(Nfs4Client client, string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < parts.Length; i++)
        {
            string parent = string.Join('/', parts[..i]);
            var r = await client.CompoundAsync(c => c.PutRootFh().LookupPath(parent).Mkdir(parts[i], ModeAttributes(0x1ED)));
            if (r.Status is not (NfsStat4.Ok or NfsStat4.Exist)) throw new InvalidOperationException($"mkdir {path}: {r.Status}");
        }
    }

    /// <summary>Writes a whole file in 1 MiB WRITEs.</summary>
    public static async Task WriteFileAsync(Nfs4Client client, string directory, string name, byte[] data)
    {
        var (fh, stateId) = await client.OpenAsync(directory, name, create: true);
        const int chunk = 1 << 20;
        for (int off = 0; off < data.Length || off == 0; off += chunk)
        {
            var part = data.AsMemory(off, Math.Min(chunk, data.Length - off));
            var r = await client.CompoundAsync(c => c.PutFh(fh).Write(stateId, (ulong)off, part));
            Nfs4Client.Expect(r, NfsStat4.Ok);
            if (data.Length == 0) break;
        }
        var close = await client.CompoundAsync(c => c.PutFh(fh).Close(client.NextOpenSeqId(), stateId));
        Nfs4Client.Expect(close, NfsStat4.Ok);
    }

    /// <summary>An fattr4 setting only the mode.</summary>
    public static Fattr4 ModeAttributes(uint mode)
    {
        var bytes = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, mode);
        return new Fattr4(Bitmap4.Of(Nfs4Attribute.Mode), bytes);
    }

    /// <summary>Deterministic pseudo-random content.</summary>
    public static byte[] Content(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    /// <summary>An nfs:// URL for libnfs against the server.</summary>
    public static string Url(ServerProcess server, string path, int version = 4) =>
        $"nfs://127.0.0.1/{path.TrimStart('/')}?version={version}&nfsport={server.Port}";

    /// <summary>
    /// A libnfs URL for NFSv3 with both ports given, so libnfs asks no portmapper. libnfs mounts
    /// the directory part of a file's path and then opens the last component in it.
    /// </summary>
    public static string Url3(ServerProcess server, string path) =>
        $"nfs://127.0.0.1/{path.TrimStart('/')}?version=3&nfsport={server.Port}&mountport={server.MountPort}";

    /// <summary>Bytes as UTF-8 text (for short names).</summary>
    public static string Text(byte[] b) => Encoding.UTF8.GetString(b);
}
