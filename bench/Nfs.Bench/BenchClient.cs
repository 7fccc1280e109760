using System.Text;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;

namespace Nfs.Bench;

/// <summary>What every workload starts with: a session sized for the run, new directories, OPENs that create.</summary>
public static class BenchClient
{
    /// <summary>
    /// A connection with an NFSv4.1 session of <c>Depth</c> slots. Workers resume on the receive
    /// loop as their replies arrive (no thread hop per call), so the client's own overhead stays
    /// small against the server's; they must never block.
    /// </summary>
    public static async Task<Nfs4Client> ConnectAsync(BenchOptions o)
    {
        var client = await Nfs4Client.ConnectAsync(o.Server, completeRepliesInline: true);
        await client.EstablishSessionAsync(1, slots: (uint)Math.Max(o.Depth, 1));
        return client;
    }

    /// <summary>Makes the directory <paramref name="path"/> and returns its filehandle; fails when it exists, so a run never reuses another's files.</summary>
    public static async Task<byte[]> MakeDirectoryAsync(Nfs4Client client, string path)
    {
        var parent = Path.GetDirectoryName(path) ?? "";
        var mkdir = await client.CompoundAsync(c => c.PutRootFh().LookupPath(parent).Mkdir(Path.GetFileName(path)).GetFh());
        Nfs4Client.Expect(mkdir, NfsStat4.Ok);
        return mkdir.FileHandle;
    }

    /// <summary>OPEN4args creating (unchecked) <paramref name="name"/> for writing, by <paramref name="owner"/>.</summary>
    public static OpenArgs CreateOpen(StateOwner4 owner, string name) =>
        new(0, OpenShare4.AccessWrite, OpenShare4.DenyNone, owner, OpenType4.Create, CreateMode4.Unchecked,
            new Fattr4(Bitmap4.Empty, Array.Empty<byte>()), default, OpenClaimType4.Null, Encoding.UTF8.GetBytes(name), default, default);
}
