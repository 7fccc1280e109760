using System.Net;
using System.Text;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.Protocol.Rpc;

namespace Nfs.TestClient;

/// <summary>An NFSv4.0 client for tests: COMPOUNDs plus the usual setup steps.</summary>
public sealed class Nfs4Client : IAsyncDisposable
{
    private uint _openSeq;

    private Nfs4Client(RpcClient rpc) => Rpc = rpc;

    /// <summary>The RPC connection.</summary>
    public RpcClient Rpc { get; }

    /// <summary>The confirmed client id, after <see cref="EstablishClientAsync"/>.</summary>
    public ulong ClientId { get; private set; }

    /// <summary>Connects.</summary>
    public static async Task<Nfs4Client> ConnectAsync(IPEndPoint endPoint) => new(await RpcClient.ConnectAsync(endPoint).ConfigureAwait(false));

    /// <summary>Sends a COMPOUND and decodes the reply; throws if the RPC itself failed.</summary>
    public async Task<CompoundReply> CompoundAsync(Compound compound, OpaqueAuth? credential = null)
    {
        var reply = await Rpc.CallAsync(Nfs4Constants.Program, Nfs4Constants.Version, Nfs4Constants.ProcCompound, compound.Encode, credential).ConfigureAwait(false);
        if (!reply.Header.IsSuccess) throw new InvalidOperationException($"RPC failed: {reply.Header}");
        return CompoundReply.Decode(reply.Reader);
    }

    /// <summary>Builds and sends a COMPOUND.</summary>
    public Task<CompoundReply> CompoundAsync(Action<Compound> build, OpaqueAuth? credential = null)
    {
        var c = new Compound();
        build(c);
        return CompoundAsync(c, credential);
    }

    /// <summary>SETCLIENTID and SETCLIENTID_CONFIRM.</summary>
    public async Task<ulong> EstablishClientAsync(string? id = null, ulong verifier = 1)
    {
        id ??= "testclient-" + Guid.NewGuid();
        var r = await CompoundAsync(c => c.SetClientId(verifier, Encoding.UTF8.GetBytes(id))).ConfigureAwait(false);
        Expect(r, NfsStat4.Ok);
        var body = r.Results[0].Reader;
        ulong clientId = body.ReadUInt64();
        ulong confirm = body.ReadUInt64();
        Expect(await CompoundAsync(c => c.SetClientIdConfirm(clientId, confirm)).ConfigureAwait(false), NfsStat4.Ok);
        ClientId = clientId;
        return clientId;
    }

    /// <summary>Opens (creating if asked) a file under a directory path, confirming the open-owner if needed.</summary>
    public async Task<(byte[] Handle, StateId4 StateId)> OpenAsync(string directory, string name, bool create, uint access = OpenShare4.AccessBoth, uint deny = OpenShare4.DenyNone, string owner = "owner")
    {
        uint seq = _openSeq++;
        var args = new OpenArgs(seq, access, deny, new StateOwner4(ClientId, Encoding.UTF8.GetBytes(owner)),
            create ? OpenType4.Create : OpenType4.NoCreate, CreateMode4.Unchecked, new Fattr4(Bitmap4.Empty, Array.Empty<byte>()),
            default, OpenClaimType4.Null, Encoding.UTF8.GetBytes(name), default, default);
        var r = await CompoundAsync(c => c.PutRootFh().LookupPath(directory).Open(args).GetFh()).ConfigureAwait(false);
        Expect(r, NfsStat4.Ok);
        var open = OpenResult.Decode(r.Last(NfsOp4.Open).Reader);
        var fh = r.FileHandle;
        var stateId = open.StateId;
        if ((open.Flags & OpenResultFlags4.Confirm) != 0)
        {
            uint cseq = _openSeq++;
            var cr = await CompoundAsync(c => c.PutFh(fh).OpenConfirm(stateId, cseq)).ConfigureAwait(false);
            Expect(cr, NfsStat4.Ok);
            stateId = StateId4.Decode(cr.Last(NfsOp4.OpenConfirm).Reader);
        }
        return (fh, stateId);
    }

    /// <summary>The next seqid of the default open-owner.</summary>
    public uint NextOpenSeqId() => _openSeq++;

    /// <summary>Throws unless the COMPOUND status is <paramref name="status"/>.</summary>
    public static void Expect(CompoundReply reply, NfsStat4 status)
    {
        if (reply.Status != status) throw new InvalidOperationException($"expected {status}, got {reply.Status} after {string.Join(",", reply.Results.Select(x => $"{x.Op}:{x.Status}"))}");
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Rpc.DisposeAsync();
}
