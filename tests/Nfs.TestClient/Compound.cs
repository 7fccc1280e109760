using System.Text;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.Protocol.Xdr;

namespace Nfs.TestClient;

/// <summary>Builds the operations of a COMPOUND request.</summary>
public sealed class Compound
{
    private readonly List<(NfsOp4 Op, Action<XdrWriter>? Args)> _ops = [];

    /// <summary>The minor version sent.</summary>
    public uint MinorVersion { get; set; }

    /// <summary>The tag sent.</summary>
    public byte[] Tag { get; set; } = [];

    /// <summary>Operations added so far.</summary>
    public int Count => _ops.Count;

    /// <summary>Adds any operation with hand-written arguments (including unknown opcodes).</summary>
    public Compound Raw(NfsOp4 op, Action<XdrWriter>? args = null)
    {
        _ops.Add((op, args));
        return this;
    }

    /// <summary>Encodes the COMPOUND4args (tag, minor version, operations).</summary>
    /// <summary>When false, a session client does not put SEQUENCE in front (for the operations that stand alone).</summary>
    public bool UseSession { get; set; } = true;

    /// <summary>Inserts an operation at the front (SEQUENCE).</summary>
    internal void Prepend(NfsOp4 op, Action<XdrWriter> args) => _ops.Insert(0, (op, args));

    /// <summary>Removes the first operation again.</summary>
    internal void RemoveFirst() => _ops.RemoveAt(0);

    /// <summary>Encodes the COMPOUND arguments.</summary>
    public void Encode(XdrWriter w)
    {
        w.WriteOpaque(Tag);
        w.WriteUInt32(MinorVersion);
        w.WriteUInt32((uint)_ops.Count);
        foreach (var (op, args) in _ops)
        {
            w.WriteUInt32((uint)op);
            args?.Invoke(w);
        }
    }

    private static void Name(XdrWriter w, string name) => w.WriteOpaque(Encoding.UTF8.GetBytes(name));

    /// <summary>PUTROOTFH.</summary>
    public Compound PutRootFh() => Raw(NfsOp4.Putrootfh);
    /// <summary>PUTPUBFH.</summary>
    public Compound PutPubFh() => Raw(NfsOp4.Putpubfh);
    /// <summary>PUTFH.</summary>
    public Compound PutFh(ReadOnlyMemory<byte> fh) => Raw(NfsOp4.Putfh, w => w.WriteOpaque(fh.Span));
    /// <summary>GETFH.</summary>
    public Compound GetFh() => Raw(NfsOp4.Getfh);
    /// <summary>SAVEFH.</summary>
    public Compound SaveFh() => Raw(NfsOp4.Savefh);
    /// <summary>RESTOREFH.</summary>
    public Compound RestoreFh() => Raw(NfsOp4.Restorefh);
    /// <summary>LOOKUP.</summary>
    public Compound Lookup(string name) => Raw(NfsOp4.Lookup, w => Name(w, name));
    /// <summary>LOOKUP with raw name bytes.</summary>
    public Compound Lookup(byte[] name) => Raw(NfsOp4.Lookup, w => w.WriteOpaque(name));
    /// <summary>LOOKUPs of each component of a path.</summary>
    public Compound LookupPath(string path)
    {
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries)) Lookup(part);
        return this;
    }
    /// <summary>LOOKUPP.</summary>
    public Compound LookupP() => Raw(NfsOp4.Lookupp);
    /// <summary>GETATTR.</summary>
    public Compound GetAttr(params int[] attrs) => Raw(NfsOp4.Getattr, w => Bitmap4.Of(attrs).Encode(w));
    /// <summary>GETATTR of a bitmap.</summary>
    public Compound GetAttr(Bitmap4 mask) => Raw(NfsOp4.Getattr, w => mask.Encode(w));
    /// <summary>SETATTR.</summary>
    public Compound SetAttr(StateId4 stateId, Fattr4 attrs) => Raw(NfsOp4.Setattr, w => new SetAttrArgs(stateId, attrs).Encode(w));
    /// <summary>VERIFY.</summary>
    public Compound Verify(Fattr4 attrs) => Raw(NfsOp4.Verify, w => attrs.Encode(w));
    /// <summary>NVERIFY.</summary>
    public Compound NVerify(Fattr4 attrs) => Raw(NfsOp4.Nverify, w => attrs.Encode(w));
    /// <summary>ACCESS.</summary>
    public Compound Access(Access4 access) => Raw(NfsOp4.Access, w => w.WriteUInt32((uint)access));
    /// <summary>CREATE of a directory.</summary>
    public Compound Mkdir(string name, Fattr4 attrs = default) => Raw(NfsOp4.Create, w => new CreateArgs(NfsFileType4.Directory, "", default, Encoding.UTF8.GetBytes(name), attrs).Encode(w));
    /// <summary>CREATE of any type.</summary>
    public Compound Create(CreateArgs args) => Raw(NfsOp4.Create, args.Encode);
    /// <summary>REMOVE.</summary>
    public Compound Remove(string name) => Raw(NfsOp4.Remove, w => Name(w, name));
    /// <summary>RENAME from the saved to the current directory.</summary>
    public Compound Rename(string from, string to) => Raw(NfsOp4.Rename, w => { Name(w, from); Name(w, to); });
    /// <summary>LINK of the saved object into the current directory.</summary>
    public Compound Link(string name) => Raw(NfsOp4.Link, w => Name(w, name));
    /// <summary>READLINK.</summary>
    public Compound ReadLink() => Raw(NfsOp4.Readlink);
    /// <summary>READDIR.</summary>
    public Compound ReadDir(ulong cookie, uint maxCount, Bitmap4 attrs, ulong verifier = 0, uint dirCount = 0) =>
        Raw(NfsOp4.Readdir, w => new ReadDirArgs(cookie, new Verifier4(verifier), dirCount == 0 ? maxCount : dirCount, maxCount, attrs).Encode(w));
    /// <summary>READ.</summary>
    public Compound Read(StateId4 stateId, ulong offset, uint count) => Raw(NfsOp4.Read, w => new ReadArgs(stateId, offset, count).Encode(w));
    /// <summary>WRITE.</summary>
    public Compound Write(StateId4 stateId, ulong offset, ReadOnlyMemory<byte> data, StableHow4 stable = StableHow4.FileSync) =>
        Raw(NfsOp4.Write, w => new WriteArgs(stateId, offset, stable, data).Encode(w));
    /// <summary>COMMIT.</summary>
    public Compound Commit(ulong offset = 0, uint count = 0) => Raw(NfsOp4.Commit, w => new CommitArgs(offset, count).Encode(w));
    /// <summary>SECINFO.</summary>
    public Compound SecInfo(string name) => Raw(NfsOp4.Secinfo, w => Name(w, name));
    /// <summary>SETCLIENTID.</summary>
    public Compound SetClientId(ulong verifier, byte[] id) =>
        Raw(NfsOp4.Setclientid, w => new SetClientIdArgs(new Verifier4(verifier), id, 0x40000000, new NetAddr4("tcp", "127.0.0.1.0.0"), 1).Encode(w));
    /// <summary>SETCLIENTID with a callback program, address (netid "tcp" and a universal address such as "127.0.0.1.p1.p2") and callback_ident.</summary>
    public Compound SetClientId(ulong verifier, byte[] id, uint callbackProgram, NetAddr4 callbackAddress, uint callbackIdent) =>
        Raw(NfsOp4.Setclientid, w => new SetClientIdArgs(new Verifier4(verifier), id, callbackProgram, callbackAddress, callbackIdent).Encode(w));
    /// <summary>BACKCHANNEL_CTL.</summary>
    public Compound BackchannelCtl(uint callbackProgram, params CallbackSecurity4[] security) => Raw(NfsOp4.BackchannelCtl, w =>
    {
        w.WriteUInt32(callbackProgram);
        w.WriteUInt32((uint)security.Length);
        foreach (var s in security) s.Encode(w);
    });
    /// <summary>SETCLIENTID_CONFIRM.</summary>
    public Compound SetClientIdConfirm(ulong clientId, ulong confirm) => Raw(NfsOp4.SetclientidConfirm, w => new SetClientIdConfirmArgs(clientId, new Verifier4(confirm)).Encode(w));
    /// <summary>RENEW.</summary>
    public Compound Renew(ulong clientId) => Raw(NfsOp4.Renew, w => w.WriteUInt64(clientId));
    /// <summary>OPEN.</summary>
    public Compound Open(OpenArgs args) => Raw(NfsOp4.Open, args.Encode);
    /// <summary>OPEN_CONFIRM.</summary>
    public Compound OpenConfirm(StateId4 stateId, uint seqId) => Raw(NfsOp4.OpenConfirm, w => new OpenConfirmArgs(stateId, seqId).Encode(w));
    /// <summary>OPEN_DOWNGRADE.</summary>
    public Compound OpenDowngrade(StateId4 stateId, uint seqId, uint access, uint deny) => Raw(NfsOp4.OpenDowngrade, w => new OpenDowngradeArgs(stateId, seqId, access, deny).Encode(w));
    /// <summary>CLOSE.</summary>
    public Compound Close(uint seqId, StateId4 stateId) => Raw(NfsOp4.Close, w => new CloseArgs(seqId, stateId).Encode(w));
    /// <summary>LOCK.</summary>
    public Compound Lock(LockArgs args) => Raw(NfsOp4.Lock, args.Encode);
    /// <summary>LOCKT.</summary>
    public Compound LockT(LockTArgs args) => Raw(NfsOp4.Lockt, args.Encode);
    /// <summary>LOCKU.</summary>
    public Compound LockU(LockUArgs args) => Raw(NfsOp4.Locku, args.Encode);
    /// <summary>EXCHANGE_ID.</summary>
    public Compound ExchangeId(ExchangeIdArgs args) => Raw(NfsOp4.ExchangeId, args.Encode);
    /// <summary>CREATE_SESSION.</summary>
    public Compound CreateSession(CreateSessionArgs args) => Raw(NfsOp4.CreateSession, args.Encode);
    /// <summary>SEQUENCE (explicit, for tests of the slot table).</summary>
    public Compound Sequence(SequenceArgs args) => Raw(NfsOp4.Sequence, args.Encode);
    /// <summary>DESTROY_SESSION.</summary>
    public Compound DestroySession(SessionId4 id) => Raw(NfsOp4.DestroySession, id.Encode);
    /// <summary>DESTROY_CLIENTID.</summary>
    public Compound DestroyClientId(ulong clientId) => Raw(NfsOp4.DestroyClientid, w => w.WriteUInt64(clientId));
    /// <summary>RECLAIM_COMPLETE.</summary>
    public Compound ReclaimComplete(bool oneFs = false) => Raw(NfsOp4.ReclaimComplete, w => w.WriteBool(oneFs));
    /// <summary>BIND_CONN_TO_SESSION.</summary>
    public Compound BindConnToSession(BindConnToSessionArgs args) => Raw(NfsOp4.BindConnToSession, args.Encode);
    /// <summary>TEST_STATEID.</summary>
    public Compound TestStateId(params StateId4[] ids) => Raw(NfsOp4.TestStateid, w => { w.WriteUInt32((uint)ids.Length); foreach (var i in ids) i.Encode(w); });
    /// <summary>FREE_STATEID.</summary>
    public Compound FreeStateId(StateId4 id) => Raw(NfsOp4.FreeStateid, id.Encode);
    /// <summary>SECINFO_NO_NAME.</summary>
    public Compound SecInfoNoName(int style) => Raw(NfsOp4.SecinfoNoName, w => w.WriteInt32(style));
    /// <summary>SEEK.</summary>
    public Compound Seek(SeekArgs args) => Raw(NfsOp4.Seek, args.Encode);
    /// <summary>ALLOCATE.</summary>
    public Compound Allocate(RangeArgs args) => Raw(NfsOp4.Allocate, args.Encode);
    /// <summary>DEALLOCATE.</summary>
    public Compound Deallocate(RangeArgs args) => Raw(NfsOp4.Deallocate, args.Encode);
    /// <summary>READ_PLUS.</summary>
    public Compound ReadPlus(StateId4 stateId, ulong offset, uint count) => Raw(NfsOp4.ReadPlus, w => new ReadArgs(stateId, offset, count).Encode(w));
    /// <summary>COPY.</summary>
    public Compound Copy(CopyArgs args) => Raw(NfsOp4.Copy, args.Encode);
    /// <summary>OFFLOAD_STATUS.</summary>
    public Compound OffloadStatus(StateId4 id) => Raw(NfsOp4.OffloadStatus, id.Encode);
    /// <summary>OFFLOAD_CANCEL.</summary>
    public Compound OffloadCancel(StateId4 id) => Raw(NfsOp4.OffloadCancel, id.Encode);
    /// <summary>CLONE.</summary>
    public Compound Clone(CloneArgs args) => Raw(NfsOp4.Clone, args.Encode);
    /// <summary>GETXATTR.</summary>
    public Compound GetXattr(string name) => Raw(NfsOp4.Getxattr, w => Name(w, name));
    /// <summary>SETXATTR.</summary>
    public Compound SetXattr(SetXattrOption4 option, string name, ReadOnlyMemory<byte> value) => Raw(NfsOp4.Setxattr, w => new SetXattrArgs(option, Encoding.UTF8.GetBytes(name), value).Encode(w));
    /// <summary>LISTXATTRS.</summary>
    public Compound ListXattrs(ulong cookie, uint maxCount) => Raw(NfsOp4.Listxattrs, w => new ListXattrsArgs(cookie, maxCount).Encode(w));
    /// <summary>REMOVEXATTR.</summary>
    public Compound RemoveXattr(string name) => Raw(NfsOp4.Removexattr, w => Name(w, name));
    /// <summary>RELEASE_LOCKOWNER.</summary>
    public Compound ReleaseLockOwner(StateOwner4 owner) => Raw(NfsOp4.ReleaseLockowner, owner.Encode);
    /// <summary>DELEGPURGE.</summary>
    public Compound DelegPurge(ulong clientId) => Raw(NfsOp4.Delegpurge, w => w.WriteUInt64(clientId));
    /// <summary>DELEGRETURN.</summary>
    public Compound DelegReturn(StateId4 stateId) => Raw(NfsOp4.Delegreturn, stateId.Encode);
    /// <summary>OPENATTR.</summary>
    public Compound OpenAttr(bool createDirectory) => Raw(NfsOp4.Openattr, w => w.WriteBool(createDirectory));
}
