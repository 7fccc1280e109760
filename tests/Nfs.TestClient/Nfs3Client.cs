using System.Net;
using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs3.Arguments;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Rpc;
using Nfs.Protocol.Xdr;

namespace Nfs.TestClient;

/// <summary>An NFSv3 client for tests: one method per procedure, results decoded, many calls in flight on one connection.</summary>
public sealed class Nfs3Client : IAsyncDisposable
{
    private Nfs3Client(RpcClient rpc) => Rpc = rpc;

    /// <summary>The RPC connection.</summary>
    public RpcClient Rpc { get; }

    /// <summary>The credential of calls (AUTH_SYS root when null).</summary>
    public OpaqueAuth? Credential { get; set; }

    /// <summary>Connects; <paramref name="completeRepliesInline"/> as in <see cref="RpcClient.ConnectAsync(IPEndPoint, bool, CancellationToken)"/>.</summary>
    public static async Task<Nfs3Client> ConnectAsync(IPEndPoint endPoint, bool completeRepliesInline = false) => new(await RpcClient.ConnectAsync(endPoint, completeRepliesInline).ConfigureAwait(false));

    /// <summary>Wraps an existing connection.</summary>
    public static Nfs3Client Over(RpcClient rpc) => new(rpc);

    /// <summary>Calls a procedure; throws unless the RPC was accepted with SUCCESS. Returns the reader at the status.</summary>
    public async Task<XdrReader> CallAsync(Nfs3Procedure procedure, Action<XdrWriter>? arguments, OpaqueAuth? credential = null)
    {
        var reply = await Rpc.CallAsync(Nfs3Constants.Program, Nfs3Constants.Version, (uint)procedure, arguments, credential ?? Credential).ConfigureAwait(false);
        if (!reply.Header.IsSuccess) throw new InvalidOperationException($"NFSv3 {procedure}: RPC failed: {reply.Header}");
        return reply.Reader;
    }

    private static NfsStat3 Status(XdrReader r) => (NfsStat3)r.ReadUInt32();

    /// <summary>GETATTR.</summary>
    public async Task<AttrResult3> GetAttrAsync(NfsFileHandle fh)
    {
        var r = await CallAsync(Nfs3Procedure.GetAttr, new HandleArgs3(fh).Encode).ConfigureAwait(false);
        var s = Status(r);
        return new AttrResult3(s, s == NfsStat3.Ok ? Fattr3.Decode(r) : null);
    }

    /// <summary>SETATTR.</summary>
    public async Task<WccResult3> SetAttrAsync(NfsFileHandle fh, Sattr3 attributes, NfsTime3? guard = null)
    {
        var r = await CallAsync(Nfs3Procedure.SetAttr, new SetAttrArgs3(fh, attributes, guard).Encode).ConfigureAwait(false);
        return new WccResult3(Status(r), WccData.Decode(r));
    }

    /// <summary>LOOKUP.</summary>
    public async Task<LookupResult3> LookupAsync(NfsFileHandle dir, string name)
    {
        var r = await CallAsync(Nfs3Procedure.Lookup, new DirOpArgs3(dir, name).Encode).ConfigureAwait(false);
        var s = Status(r);
        if (s != NfsStat3.Ok) return new LookupResult3(s, default, null, Fattr3.DecodePostOp(r));
        var fh = Nfs3FileHandle.Decode(r);
        return new LookupResult3(s, fh, Fattr3.DecodePostOp(r), Fattr3.DecodePostOp(r));
    }

    /// <summary>ACCESS.</summary>
    public async Task<AccessResult3> AccessAsync(NfsFileHandle fh, Access3 access)
    {
        var r = await CallAsync(Nfs3Procedure.Access, new AccessArgs3(fh, access).Encode).ConfigureAwait(false);
        var s = Status(r);
        var a = Fattr3.DecodePostOp(r);
        return new AccessResult3(s, a, s == NfsStat3.Ok ? (Access3)r.ReadUInt32() : Access3.None);
    }

    /// <summary>READLINK.</summary>
    public async Task<ReadLinkResult3> ReadLinkAsync(NfsFileHandle fh)
    {
        var r = await CallAsync(Nfs3Procedure.ReadLink, new HandleArgs3(fh).Encode).ConfigureAwait(false);
        var s = Status(r);
        var a = Fattr3.DecodePostOp(r);
        return new ReadLinkResult3(s, a, s == NfsStat3.Ok ? r.ReadString(Nfs3Constants.MaxPathLength) : "");
    }

    /// <summary>READ.</summary>
    public async Task<ReadResult3> ReadAsync(NfsFileHandle fh, ulong offset, uint count)
    {
        var r = await CallAsync(Nfs3Procedure.Read, new ReadArgs3(fh, offset, count).Encode).ConfigureAwait(false);
        var s = Status(r);
        var a = Fattr3.DecodePostOp(r);
        if (s != NfsStat3.Ok) return new ReadResult3(s, a, 0, false, []);
        uint n = r.ReadUInt32();
        bool eof = r.ReadBool();
        var data = r.ReadOpaque(int.MaxValue).ToArray();
        return new ReadResult3(s, a, n, eof, data);
    }

    /// <summary>WRITE.</summary>
    public async Task<WriteResult3> WriteAsync(NfsFileHandle fh, ulong offset, ReadOnlyMemory<byte> data, StableHow3 stable = StableHow3.FileSync)
    {
        var r = await CallAsync(Nfs3Procedure.Write, new WriteArgs3(fh, offset, (uint)data.Length, stable, data).Encode).ConfigureAwait(false);
        var s = Status(r);
        var wcc = WccData.Decode(r);
        if (s != NfsStat3.Ok) return new WriteResult3(s, wcc, 0, 0, 0);
        return new WriteResult3(s, wcc, r.ReadUInt32(), (StableHow3)r.ReadUInt32(), r.ReadUInt64());
    }

    private static CreateResult3 DecodeCreate(XdrReader r)
    {
        var s = Status(r);
        if (s != NfsStat3.Ok) return new CreateResult3(s, default, null, WccData.Decode(r));
        var fh = Nfs3FileHandle.DecodePostOp(r);
        var a = Fattr3.DecodePostOp(r);
        return new CreateResult3(s, fh, a, WccData.Decode(r));
    }

    /// <summary>CREATE (UNCHECKED or GUARDED with attributes, EXCLUSIVE with a verifier).</summary>
    public async Task<CreateResult3> CreateAsync(NfsFileHandle dir, string name, CreateMode3 mode = CreateMode3.Guarded, Sattr3 attributes = default, ulong verifier = 0) =>
        DecodeCreate(await CallAsync(Nfs3Procedure.Create, new CreateArgs3(new DirOpArgs3(dir, name), mode, attributes, verifier).Encode).ConfigureAwait(false));

    /// <summary>MKDIR.</summary>
    public async Task<CreateResult3> MkdirAsync(NfsFileHandle dir, string name, Sattr3 attributes = default) =>
        DecodeCreate(await CallAsync(Nfs3Procedure.Mkdir, new MkdirArgs3(new DirOpArgs3(dir, name), attributes).Encode).ConfigureAwait(false));

    /// <summary>SYMLINK.</summary>
    public async Task<CreateResult3> SymlinkAsync(NfsFileHandle dir, string name, string target, Sattr3 attributes = default) =>
        DecodeCreate(await CallAsync(Nfs3Procedure.Symlink, new SymlinkArgs3(new DirOpArgs3(dir, name), attributes, System.Text.Encoding.UTF8.GetBytes(target)).Encode).ConfigureAwait(false));

    /// <summary>MKNOD.</summary>
    public async Task<CreateResult3> MknodAsync(NfsFileHandle dir, string name, FileType3 type, Sattr3 attributes = default, SpecData4 device = default) =>
        DecodeCreate(await CallAsync(Nfs3Procedure.Mknod, new MknodArgs3(new DirOpArgs3(dir, name), type, attributes, device).Encode).ConfigureAwait(false));

    /// <summary>REMOVE.</summary>
    public async Task<WccResult3> RemoveAsync(NfsFileHandle dir, string name)
    {
        var r = await CallAsync(Nfs3Procedure.Remove, new DirOpArgs3(dir, name).Encode).ConfigureAwait(false);
        return new WccResult3(Status(r), WccData.Decode(r));
    }

    /// <summary>RMDIR.</summary>
    public async Task<WccResult3> RmdirAsync(NfsFileHandle dir, string name)
    {
        var r = await CallAsync(Nfs3Procedure.Rmdir, new DirOpArgs3(dir, name).Encode).ConfigureAwait(false);
        return new WccResult3(Status(r), WccData.Decode(r));
    }

    /// <summary>RENAME.</summary>
    public async Task<RenameResult3> RenameAsync(NfsFileHandle fromDir, string fromName, NfsFileHandle toDir, string toName)
    {
        var r = await CallAsync(Nfs3Procedure.Rename, new RenameArgs3(new DirOpArgs3(fromDir, fromName), new DirOpArgs3(toDir, toName)).Encode).ConfigureAwait(false);
        return new RenameResult3(Status(r), WccData.Decode(r), WccData.Decode(r));
    }

    /// <summary>LINK.</summary>
    public async Task<LinkResult3> LinkAsync(NfsFileHandle file, NfsFileHandle dir, string name)
    {
        var r = await CallAsync(Nfs3Procedure.Link, new LinkArgs3(file, new DirOpArgs3(dir, name)).Encode).ConfigureAwait(false);
        return new LinkResult3(Status(r), Fattr3.DecodePostOp(r), WccData.Decode(r));
    }

    /// <summary>READDIR.</summary>
    public async Task<ReadDirResult3> ReadDirAsync(NfsFileHandle dir, ulong cookie = 0, ulong verifier = 0, uint count = 8192) =>
        DecodeReadDir(await CallAsync(Nfs3Procedure.ReadDir, new ReadDirArgs3(dir, cookie, verifier, count).Encode).ConfigureAwait(false), plus: false);

    /// <summary>READDIRPLUS.</summary>
    public async Task<ReadDirResult3> ReadDirPlusAsync(NfsFileHandle dir, ulong cookie = 0, ulong verifier = 0, uint dirCount = 8192, uint maxCount = 32768) =>
        DecodeReadDir(await CallAsync(Nfs3Procedure.ReadDirPlus, new ReadDirPlusArgs3(dir, cookie, verifier, dirCount, maxCount).Encode).ConfigureAwait(false), plus: true);

    private static ReadDirResult3 DecodeReadDir(XdrReader r, bool plus)
    {
        var s = Status(r);
        var dirAttributes = Fattr3.DecodePostOp(r);
        if (s != NfsStat3.Ok) return new ReadDirResult3(s, dirAttributes, 0, [], false);
        ulong verifier = r.ReadUInt64();
        var entries = new List<DirEntry3>();
        while (r.ReadBool())
        {
            ulong fileId = r.ReadUInt64();
            string name = r.ReadString(Nfs3Constants.MaxDecodedNameLength);
            ulong cookie = r.ReadUInt64();
            Fattr3? a = null;
            NfsFileHandle fh = default;
            if (plus)
            {
                a = Fattr3.DecodePostOp(r);
                fh = Nfs3FileHandle.DecodePostOp(r);
            }
            entries.Add(new DirEntry3(fileId, name, cookie, a, fh));
        }
        return new ReadDirResult3(s, dirAttributes, verifier, entries, r.ReadBool());
    }

    /// <summary>Every entry of a directory, following cookies until eof (READDIRPLUS when <paramref name="plus"/>).</summary>
    public async Task<List<DirEntry3>> ListAllAsync(NfsFileHandle dir, bool plus = true, uint count = 8192)
    {
        var all = new List<DirEntry3>();
        ulong cookie = 0, verifier = 0;
        while (true)
        {
            var page = plus ? await ReadDirPlusAsync(dir, cookie, verifier, count / 2, count).ConfigureAwait(false) : await ReadDirAsync(dir, cookie, verifier, count).ConfigureAwait(false);
            if (page.Status != NfsStat3.Ok) throw new InvalidOperationException($"READDIR: {page.Status}");
            all.AddRange(page.Entries);
            if (page.Eof) return all;
            if (page.Entries.Count == 0) throw new InvalidOperationException("READDIR returned no entries before eof");
            cookie = page.Entries[^1].Cookie;
            verifier = page.CookieVerifier;
        }
    }

    /// <summary>FSSTAT.</summary>
    public async Task<FsStatResult3> FsStatAsync(NfsFileHandle fh)
    {
        var r = await CallAsync(Nfs3Procedure.FsStat, new HandleArgs3(fh).Encode).ConfigureAwait(false);
        var s = Status(r);
        var a = Fattr3.DecodePostOp(r);
        if (s != NfsStat3.Ok) return new FsStatResult3(s, a, 0, 0, 0, 0, 0, 0, 0);
        return new FsStatResult3(s, a, r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt32());
    }

    /// <summary>FSINFO.</summary>
    public async Task<FsInfoResult3> FsInfoAsync(NfsFileHandle fh)
    {
        var r = await CallAsync(Nfs3Procedure.FsInfo, new HandleArgs3(fh).Encode).ConfigureAwait(false);
        var s = Status(r);
        var a = Fattr3.DecodePostOp(r);
        if (s != NfsStat3.Ok) return new FsInfoResult3(s, a, 0, 0, 0, 0, 0, 0, 0, 0, default, 0);
        return new FsInfoResult3(s, a, r.ReadUInt32(), r.ReadUInt32(), r.ReadUInt32(), r.ReadUInt32(), r.ReadUInt32(), r.ReadUInt32(), r.ReadUInt32(),
            r.ReadUInt64(), NfsTime3.Decode(r), (FsInfoProperties3)r.ReadUInt32());
    }

    /// <summary>PATHCONF.</summary>
    public async Task<PathConfResult3> PathConfAsync(NfsFileHandle fh)
    {
        var r = await CallAsync(Nfs3Procedure.PathConf, new HandleArgs3(fh).Encode).ConfigureAwait(false);
        var s = Status(r);
        var a = Fattr3.DecodePostOp(r);
        if (s != NfsStat3.Ok) return new PathConfResult3(s, a, 0, 0, false, false, false, false);
        return new PathConfResult3(s, a, r.ReadUInt32(), r.ReadUInt32(), r.ReadBool(), r.ReadBool(), r.ReadBool(), r.ReadBool());
    }

    /// <summary>COMMIT.</summary>
    public async Task<CommitResult3> CommitAsync(NfsFileHandle fh, ulong offset = 0, uint count = 0)
    {
        var r = await CallAsync(Nfs3Procedure.Commit, new CommitArgs3(fh, offset, count).Encode).ConfigureAwait(false);
        var s = Status(r);
        var wcc = WccData.Decode(r);
        return new CommitResult3(s, wcc, s == NfsStat3.Ok ? r.ReadUInt64() : 0);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Rpc.DisposeAsync();
}
