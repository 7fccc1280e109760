using System.Text;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.Protocol.Rpc;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Infrastructure;

/// <summary>
/// A test's view of one NFSv4.0 client: a connection, its client id, and the usual multi-step
/// actions (make a directory, open or create a file, lock) done through COMPOUNDs. Setup steps
/// assert success; the step under test is sent with <see cref="CompoundAsync(Action{Compound}, OpaqueAuth?)"/>.
/// </summary>
public sealed class NfsSession(Nfs4Client client)
{
    /// <summary>The connection.</summary>
    public Nfs4Client Client { get; } = client;

    /// <summary>The confirmed client id (after <see cref="EstablishAsync"/>).</summary>
    public ulong ClientId { get; private set; }

    /// <summary>The credential sent with every call of this session (AUTH_SYS root when null).</summary>
    public OpaqueAuth? Credential { get; set; }

    /// <summary>Sends a COMPOUND.</summary>
    public Task<CompoundReply> CompoundAsync(Action<Compound> build, OpaqueAuth? credential = null) => Client.CompoundAsync(build, credential ?? Credential);

    /// <summary>Sends a COMPOUND.</summary>
    public Task<CompoundReply> CompoundAsync(Compound compound, OpaqueAuth? credential = null) => Client.CompoundAsync(compound, credential ?? Credential);

    /// <summary>Sends a COMPOUND and asserts its status.</summary>
    public async Task<CompoundReply> ExpectAsync(NfsStat4 status, Action<Compound> build, OpaqueAuth? credential = null)
    {
        var reply = await CompoundAsync(build, credential);
        Assert.That(reply.Status, Is.EqualTo(status), reply.Describe());
        return reply;
    }

    /// <summary>SETCLIENTID, returning (client id, confirm verifier).</summary>
    public async Task<(ulong ClientId, ulong Confirm)> SetClientIdAsync(string id, ulong verifier, OpaqueAuth? credential = null)
    {
        var r = await ExpectAsync(NfsStat4.Ok, c => c.SetClientId(verifier, Encoding.UTF8.GetBytes(id)), credential);
        var body = r.Results[0].Reader;
        return (body.ReadUInt64(), body.ReadUInt64());
    }

    /// <summary>SETCLIENTID and SETCLIENTID_CONFIRM; makes the result this session's client id.</summary>
    public async Task<ulong> EstablishAsync(string? id = null, ulong verifier = 1, OpaqueAuth? credential = null)
    {
        id ??= "client-" + Guid.NewGuid().ToString("N");
        var (clientId, confirm) = await SetClientIdAsync(id, verifier, credential);
        await ExpectAsync(NfsStat4.Ok, c => c.SetClientIdConfirm(clientId, confirm), credential);
        ClientId = clientId;
        return clientId;
    }

    /// <summary>A new open-owner or lock-owner of this client.</summary>
    public OwnerState NewOwner(string? name = null, uint firstSeqId = 0) => new(ClientId, name ?? "owner-" + Guid.NewGuid().ToString("N"), firstSeqId);

    /// <summary>Splits "a/b/c" into ("a/b", "c").</summary>
    public static (string Directory, string Name) SplitPath(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? ("", path) : (path[..slash], path[(slash + 1)..]);
    }

    /// <summary>The handle of a path (PUTROOTFH, LOOKUP of each component, GETFH).</summary>
    public async Task<byte[]> HandleAsync(string path)
    {
        var r = await ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().LookupPath(path).GetFh());
        return r.FileHandle;
    }

    /// <summary>Creates an object with CREATE and returns its handle.</summary>
    public async Task<byte[]> CreateObjectAsync(string path, NfsFileType4 type, string linkTarget = "", Fattr4 attrs = default)
    {
        var (dir, name) = SplitPath(path);
        var args = new CreateArgs(type, linkTarget, new SpecData4(1, 2), Encoding.UTF8.GetBytes(name), attrs);
        var r = await ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().LookupPath(dir).Create(args).GetFh());
        return r.FileHandle;
    }

    /// <summary>Creates a directory.</summary>
    public Task<byte[]> MkdirAsync(string path) => CreateObjectAsync(path, NfsFileType4.Directory);

    /// <summary>Creates a symbolic link.</summary>
    public Task<byte[]> SymlinkAsync(string path, string target) => CreateObjectAsync(path, NfsFileType4.Symlink, target);

    /// <summary>The OPEN4args of an open by name.</summary>
    public static OpenArgs OpenArgsFor(OwnerState owner, string name, bool create = true, uint access = OpenShare4.AccessBoth,
        uint deny = OpenShare4.DenyNone, CreateMode4 mode = CreateMode4.Unchecked, Fattr4 attrs = default, ulong verifier = 0,
        OpenClaimType4 claim = OpenClaimType4.Null) =>
        new(owner.Next(), access, deny, owner.Owner, create ? OpenType4.Create : OpenType4.NoCreate, mode,
            attrs.Mask.IsEmpty && attrs.Values.IsEmpty ? new Fattr4(Bitmap4.Empty, Array.Empty<byte>()) : attrs,
            new Verifier4(verifier), claim, Encoding.UTF8.GetBytes(name), OpenDelegationType4.None, default);

    /// <summary>Sends PUTROOTFH, LOOKUPs of the directory, OPEN and GETFH, without checking the result.</summary>
    public Task<CompoundReply> OpenRawAsync(string path, OwnerState owner, bool create = true, uint access = OpenShare4.AccessBoth,
        uint deny = OpenShare4.DenyNone, CreateMode4 mode = CreateMode4.Unchecked, Fattr4 attrs = default, ulong verifier = 0, OpaqueAuth? credential = null)
    {
        var (dir, name) = SplitPath(path);
        var args = OpenArgsFor(owner, name, create, access, deny, mode, attrs, verifier);
        return CompoundAsync(c => c.PutRootFh().LookupPath(dir).Open(args).GetFh(), credential);
    }

    /// <summary>Opens (creating by default) and confirms the open-owner when the server asks.</summary>
    public async Task<OpenedFile> OpenAsync(string path, OwnerState? owner = null, bool create = true, uint access = OpenShare4.AccessBoth,
        uint deny = OpenShare4.DenyNone, CreateMode4 mode = CreateMode4.Unchecked, Fattr4 attrs = default, ulong verifier = 0, OpaqueAuth? credential = null)
    {
        owner ??= NewOwner();
        var r = await OpenRawAsync(path, owner, create, access, deny, mode, attrs, verifier, credential);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), $"OPEN {path}: {r.Describe()}");
        var open = OpenResult.Decode(r.Last(NfsOp4.Open).Reader);
        var file = new OpenedFile(r.FileHandle, open.StateId, owner);
        if ((open.Flags & OpenResultFlags4.Confirm) != 0) await ConfirmAsync(file, credential);
        return file;
    }

    /// <summary>OPEN_CONFIRM of a file's open.</summary>
    public async Task ConfirmAsync(OpenedFile file, OpaqueAuth? credential = null)
    {
        var r = await ExpectAsync(NfsStat4.Ok, c => c.PutFh(file.Handle).OpenConfirm(file.StateId, file.Owner.Next()), credential);
        file.StateId = StateId4.Decode(r.Last(NfsOp4.OpenConfirm).Reader);
    }

    /// <summary>CLOSE, asserting success.</summary>
    public async Task CloseAsync(OpenedFile file)
    {
        var r = await ExpectAsync(NfsStat4.Ok, c => c.PutFh(file.Handle).Close(file.Owner.Next(), file.StateId));
        file.StateId = StateId4.Decode(r.Last(NfsOp4.Close).Reader);
    }

    /// <summary>Creates a regular file (OPEN, optional WRITE, CLOSE) and returns its handle.</summary>
    public async Task<byte[]> CreateFileAsync(string path, byte[]? content = null)
    {
        var file = await OpenAsync(path);
        if (content is not null) await WriteAsync(file.Handle, file.StateId, 0, content);
        await CloseAsync(file);
        return file.Handle;
    }

    /// <summary>WRITE, asserting success.</summary>
    public async Task<WriteResult> WriteAsync(byte[] handle, StateId4 stateId, ulong offset, byte[] data)
    {
        var r = await ExpectAsync(NfsStat4.Ok, c => c.PutFh(handle).Write(stateId, offset, data));
        return WriteResult.Decode(r.Last(NfsOp4.Write).Reader);
    }

    /// <summary>READ, asserting success.</summary>
    public async Task<ReadResult> ReadAsync(byte[] handle, StateId4 stateId, ulong offset, uint count)
    {
        var r = await ExpectAsync(NfsStat4.Ok, c => c.PutFh(handle).Read(stateId, offset, count));
        return ReadResult.Decode(r.Last(NfsOp4.Read).Reader);
    }

    /// <summary>GETATTR of a handle, decoded.</summary>
    public async Task<IReadOnlyDictionary<int, object>> GetAttrsAsync(byte[] handle, params int[] attrs)
    {
        var r = await ExpectAsync(NfsStat4.Ok, c => c.PutFh(handle).GetAttr(attrs));
        return r.Attributes();
    }

    /// <summary>
    /// LOCK for <paramref name="lockOwner"/>: the open-to-lock-owner arm while it has no lock
    /// stateid, the existing-lock-owner arm afterwards. Stores the lock stateid on success.
    /// </summary>
    public async Task<CompoundReply> LockAsync(OpenedFile file, OwnerState lockOwner, NfsLockType4 type, ulong offset, ulong length)
    {
        LockArgs args = lockOwner.LockStateId == default
            ? new LockArgs(type, false, offset, length, true, file.Owner.Next(), file.StateId, lockOwner.Next(), lockOwner.Owner, default)
            : new LockArgs(type, false, offset, length, false, 0, default, lockOwner.Next(), default, lockOwner.LockStateId);
        var r = await CompoundAsync(c => c.PutFh(file.Handle).Lock(args));
        if (r.Status == NfsStat4.Ok) lockOwner.LockStateId = StateId4.Decode(r.Last(NfsOp4.Lock).Reader);
        return r;
    }

    /// <summary>LOCKU with the lock-owner's stateid; stores the new stateid on success.</summary>
    public async Task<CompoundReply> UnlockAsync(OpenedFile file, OwnerState lockOwner, ulong offset, ulong length, NfsLockType4 type = NfsLockType4.Write)
    {
        var args = new LockUArgs(type, lockOwner.Next(), lockOwner.LockStateId, offset, length);
        var r = await CompoundAsync(c => c.PutFh(file.Handle).LockU(args));
        if (r.Status == NfsStat4.Ok) lockOwner.LockStateId = StateId4.Decode(r.Last(NfsOp4.Locku).Reader);
        return r;
    }

    /// <summary>LOCKT.</summary>
    public Task<CompoundReply> TestLockAsync(byte[] handle, StateOwner4 owner, NfsLockType4 type, ulong offset, ulong length) =>
        CompoundAsync(c => c.PutFh(handle).LockT(new LockTArgs(type, offset, length, owner)));
}
