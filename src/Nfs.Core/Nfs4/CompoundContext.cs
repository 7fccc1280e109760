using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Core.Rpc;
using Nfs.Core.State;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Xdr;

namespace Nfs.Core.Nfs4;

/// <summary>A filehandle held by a COMPOUND (current or saved) with what it resolves to.</summary>
public struct HandleSlot
{
    /// <summary>The wire handle.</summary>
    public NfsFileHandle Handle;
    /// <summary>Its export.</summary>
    public Export? Export;
    /// <summary>The backend object.</summary>
    public FsalObject? Object;

    /// <summary>True when set.</summary>
    public readonly bool IsSet => Object is not null;
}

/// <summary>
/// The state one COMPOUND carries from operation to operation: current and saved filehandles,
/// the argument reader and reply writer. Pooled by <see cref="Nfs4Program"/>; handlers must not
/// keep it.
/// </summary>
public sealed class CompoundContext
{
    internal CompoundContext(Nfs4Server server) => Server = server;

    /// <summary>The server's shared services.</summary>
    public Nfs4Server Server { get; }

    /// <summary>The RPC call.</summary>
    public RpcCall Call { get; private set; } = null!;

    /// <summary>Reads the current operation's arguments.</summary>
    public XdrReader Args => Call.Arguments;

    /// <summary>Receives the current operation's result body.</summary>
    public XdrWriter Reply => Call.Reply;

    /// <summary>The COMPOUND's minor version.</summary>
    public uint MinorVersion { get; internal set; }

    /// <summary>The 4.1 session of this COMPOUND (after its SEQUENCE).</summary>
    public Session? Session { get; internal set; }

    /// <summary>The 4.1 current stateid (RFC 8881 section 16.2.3.1.2), set by operations that return a stateid.</summary>
    public StateId4? CurrentStateId { get; set; }

    /// <summary>The current filehandle.</summary>
    public HandleSlot Current;

    /// <summary>The saved filehandle.</summary>
    public HandleSlot Saved;

    /// <summary>The current stateid saved with the filehandle by SAVEFH.</summary>
    public StateId4? SavedStateId { get; set; }

    /// <summary>
    /// Set by a handler whose error result has a body (LOCK's denied, SETCLIENTID's in-use), so
    /// the engine keeps what was written after the status.
    /// </summary>
    public bool KeepErrorBody { get; set; }

    private StateOwner? _seqOwner1, _seqOwner2;
    private uint _seqId1, _seqId2;

    /// <summary>
    /// Starts a seqid-bearing step for <paramref name="owner"/>: waits for the owner's other
    /// requests, then classifies <paramref name="seqId"/>. Whatever the outcome, the engine
    /// records the result in the owner's replay cache (when the seqid advances) and releases it
    /// after the operation.
    /// </summary>
    internal async ValueTask<SeqIdCheck> BeginSeqIdAsync(StateOwner owner, uint seqId)
    {
        await owner.Gate.WaitAsync(Call.Cancellation).ConfigureAwait(false);
        if (_seqOwner1 is null) { _seqOwner1 = owner; _seqId1 = seqId; }
        else { _seqOwner2 = owner; _seqId2 = seqId; }
        return owner.Check(seqId, Operation);
    }

    /// <summary>Replays an owner's cached result; returns its status.</summary>
    internal NfsStat4 Replay(StateOwner owner)
    {
        var cached = owner.LastResult!;
        ReplayResult(cached);
        // The replay itself is not cached again: the owner's state is what it was.
        _replayed = true;
        return (NfsStat4)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(cached.AsSpan(4));
    }

    private bool _replayed;

    /// <summary>Called by the engine after each operation.</summary>
    internal void CompleteSeqIds(NfsStat4 status)
    {
        if (_seqOwner1 is null) return;
        var result = CurrentResult;
        Finish(_seqOwner1, _seqId1, status, result);
        if (_seqOwner2 is not null) Finish(_seqOwner2, _seqId2, status, result);
        _seqOwner1 = _seqOwner2 = null;
        _replayed = false;
    }

    private void Finish(StateOwner owner, uint seqId, NfsStat4 status, ReadOnlySpan<byte> result)
    {
        try
        {
            if (!_replayed) owner.Complete(seqId, Operation, status, result);
        }
        finally
        {
            owner.Gate.Release();
        }
    }

    /// <summary>True after <see cref="ReplayResult"/> replaced the current operation's result.</summary>
    public bool ResultReplayed { get; internal set; }

    /// <summary>
    /// Replaces the current operation's result (opcode, status and body) with one cached for a
    /// retransmitted seqid-bearing request, as RFC 7530 section 9.1.9 requires.
    /// </summary>
    public void ReplayResult(ReadOnlySpan<byte> cachedResult)
    {
        Reply.Truncate(OperationStart);
        cachedResult.CopyTo(Reply.GetSpan(cachedResult.Length));
        Reply.Advance(cachedResult.Length);
        ResultReplayed = true;
    }

    /// <summary>The current operation's complete encoded result (opcode, status, body) so far.</summary>
    public ReadOnlySpan<byte> CurrentResult => Reply.WrittenSpan[OperationStart..];

    /// <summary>Offset in <see cref="Reply"/> where the current operation's result begins (its opcode).</summary>
    public int OperationStart { get; internal set; }

    /// <summary>The current operation.</summary>
    public NfsOp4 Operation { get; internal set; }

    internal void Begin(RpcCall call)
    {
        Call = call;
        Current = default;
        Saved = default;
        KeepErrorBody = false;
        Session = null;
        CurrentStateId = null;
        SavedStateId = null;
    }

    internal void End()
    {
        CompleteSeqIds(NfsStat4.Serverfault);
        Call = null!;
        Current = default;
        Saved = default;
        Session = null;
    }

    /// <summary>NOFILEHANDLE when there is no current filehandle.</summary>
    public NfsStat4 RequireCurrent() => Current.IsSet ? NfsStat4.Ok : NfsStat4.Nofilehandle;

    /// <summary>The current export (only valid after <see cref="RequireCurrent"/> succeeded).</summary>
    public Export CurrentExport => Current.Export!;

    /// <summary>The current object (only valid after <see cref="RequireCurrent"/> succeeded).</summary>
    public FsalObject CurrentObject => Current.Object!;

    /// <summary>The backend call context for <paramref name="export"/>: the caller after that export's squashing.</summary>
    public FsalContext FsalContextFor(Export export) => new(export.MapCredential(Call.Caller), Call.Cancellation);

    /// <summary>The backend call context for the current export.</summary>
    public FsalContext CurrentFsalContext => FsalContextFor(CurrentExport);

    /// <summary>Makes <paramref name="obj"/> of <paramref name="export"/> the current filehandle.</summary>
    public void SetCurrent(Export export, FsalObject obj)
    {
        FileHandleCodec.Encode(export, obj, ref Current.Handle);
        Current.Export = export;
        Current.Object = obj;
        CurrentStateId = null;
    }

    /// <summary>
    /// Replaces the 4.1 "current stateid" special value (seqid 1, other zero) with the stateid
    /// an earlier operation of this COMPOUND set; without one it stays as given, which
    /// validation then refuses.
    /// </summary>
    public StateId4 ResolveStateId(in StateId4 stateId)
    {
        if (MinorVersion > 0 && stateId.SeqId == 1 && stateId.IsOtherZero)
        {
            return CurrentStateId ?? StateId4.Invalid;
        }
        return stateId;
    }

    /// <summary>
    /// For operations on a name in the current directory: the directory check of
    /// <see cref="RequireCurrentDirectory"/>, then <see cref="ComponentName.Validate"/> against
    /// the export's name limit.
    /// </summary>
    public NfsStat4 RequireDirectoryAndName(ReadOnlySpan<byte> raw, out string name, bool symlinkError = false)
    {
        name = "";
        var s = RequireCurrentDirectory(symlinkError);
        return s != NfsStat4.Ok ? s : ComponentName.Validate(raw, CurrentExport.FileSystem.Capabilities.MaxNameLength, out name);
    }

    /// <summary>
    /// The current object if it is a directory: NOFILEHANDLE, or NOTDIR (SYMLINK for a symlink
    /// when <paramref name="symlinkError"/> is set) otherwise.
    /// </summary>
    public NfsStat4 RequireCurrentDirectory(bool symlinkError = false)
    {
        if (!Current.IsSet) return NfsStat4.Nofilehandle;
        var type = Current.Object!.Type;
        if (type == FsalFileType.Directory) return NfsStat4.Ok;
        return symlinkError && type == FsalFileType.Symlink ? NfsStat4.Symlink : NfsStat4.Notdir;
    }
}
