using System.Net;
using System.Text;
using Nfs.Protocol.Nlm;
using Nfs.Protocol.Rpc;
using Nfs.Protocol.Xdr;

namespace Nfs.TestClient;

/// <summary>
/// An NLM version 4 client, as an NFSv3 client's lock manager talks to a server: one host
/// (<see cref="CallerName"/>) whose processes (svid) take locks and shares. Every call checks
/// that the RPC was accepted and returns the decoded result; <see cref="CallAsync"/> gives the
/// raw reply for anything else.
/// </summary>
public sealed class Nlm4Client : IAsyncDisposable
{
    private int _cookie;

    private Nlm4Client(RpcClient rpc, string callerName)
    {
        Rpc = rpc;
        CallerName = callerName;
    }

    /// <summary>The connection.</summary>
    public RpcClient Rpc { get; }

    /// <summary>The host name sent as caller_name.</summary>
    public string CallerName { get; }

    /// <summary>The NSM state number sent with LOCK.</summary>
    public int NsmState { get; set; } = 1;

    /// <summary>Connects as host <paramref name="callerName"/>.</summary>
    public static async Task<Nlm4Client> ConnectAsync(IPEndPoint server, string callerName) => new(await RpcClient.ConnectAsync(server).ConfigureAwait(false), callerName);

    /// <summary>Wraps an existing connection.</summary>
    public static Nlm4Client On(RpcClient rpc, string callerName) => new(rpc, callerName);

    /// <summary>The owner handle this client sends for process <paramref name="svid"/> ("svid@host", as the Linux client does).</summary>
    public byte[] OwnerHandle(int svid) => Encoding.ASCII.GetBytes($"{svid}@{CallerName}");

    /// <summary>A lock of process <paramref name="svid"/> on <paramref name="fileHandle"/>; a length of 0 runs to the end of the file.</summary>
    public Nlm4Lock Lock(byte[] fileHandle, int svid, ulong offset, ulong length) => new(CallerName, fileHandle, OwnerHandle(svid), svid, offset, length);

    /// <summary>A fresh cookie.</summary>
    public byte[] NextCookie() => BitConverter.GetBytes(Interlocked.Increment(ref _cookie));

    /// <summary>Calls an NLM version 4 procedure and returns the raw reply.</summary>
    public Task<RpcReplyMessage> CallAsync(NlmProcedure procedure, Action<XdrWriter>? writeArguments, uint version = NlmConstants.Version4) =>
        Rpc.CallAsync(NlmConstants.Program, version, (uint)procedure, writeArguments);

    private async Task<XdrReader> AcceptedAsync(NlmProcedure procedure, Action<XdrWriter> writeArguments)
    {
        var reply = await CallAsync(procedure, writeArguments).ConfigureAwait(false);
        if (!reply.Header.IsSuccess) throw new InvalidOperationException($"NLM {procedure} was not accepted: {reply.Header}");
        return reply.Reader;
    }

    /// <summary>NULL.</summary>
    public async Task NullAsync() => await AcceptedAsync(NlmProcedure.Null, _ => { }).ConfigureAwait(false);

    /// <summary>TEST.</summary>
    public async Task<Nlm4TestResult> TestAsync(Nlm4Lock @lock, bool exclusive) =>
        Nlm4TestResult.Decode(await AcceptedAsync(NlmProcedure.Test, new Nlm4TestArgs(NextCookie(), exclusive, @lock).Encode).ConfigureAwait(false));

    /// <summary>LOCK (or NM_LOCK, or LOCK_MSG with <paramref name="procedure"/>; the latter's reply is empty and <see cref="Nlm4Stats.Granted"/> is returned).</summary>
    public async Task<Nlm4Stats> LockAsync(Nlm4Lock @lock, bool exclusive, bool block = false, bool reclaim = false, NlmProcedure procedure = NlmProcedure.Lock, byte[]? cookie = null)
    {
        var r = await AcceptedAsync(procedure, new Nlm4LockArgs(cookie ?? NextCookie(), block, exclusive, @lock, reclaim, NsmState).Encode).ConfigureAwait(false);
        return procedure == NlmProcedure.LockMsg ? Nlm4Stats.Granted : Nlm4Result.Decode(r).Stat;
    }

    /// <summary>CANCEL of a blocked LOCK.</summary>
    public async Task<Nlm4Stats> CancelAsync(Nlm4Lock @lock, bool exclusive, bool block = true) =>
        Nlm4Result.Decode(await AcceptedAsync(NlmProcedure.Cancel, new Nlm4CancelArgs(NextCookie(), block, exclusive, @lock).Encode).ConfigureAwait(false)).Stat;

    /// <summary>UNLOCK.</summary>
    public async Task<Nlm4Stats> UnlockAsync(Nlm4Lock @lock) =>
        Nlm4Result.Decode(await AcceptedAsync(NlmProcedure.Unlock, new Nlm4UnlockArgs(NextCookie(), @lock).Encode).ConfigureAwait(false)).Stat;

    /// <summary>SHARE by owner handle <paramref name="ownerHandle"/>.</summary>
    public async Task<Nlm4Stats> ShareAsync(byte[] fileHandle, byte[] ownerHandle, Nlm4ShareAccess access, Nlm4ShareMode deny, bool reclaim = false)
    {
        var share = new Nlm4Share(CallerName, fileHandle, ownerHandle, deny, access);
        return Nlm4ShareResult.Decode(await AcceptedAsync(NlmProcedure.Share, new Nlm4ShareArgs(NextCookie(), share, reclaim).Encode).ConfigureAwait(false)).Stat;
    }

    /// <summary>UNSHARE.</summary>
    public async Task<Nlm4Stats> UnshareAsync(byte[] fileHandle, byte[] ownerHandle)
    {
        var share = new Nlm4Share(CallerName, fileHandle, ownerHandle, Nlm4ShareMode.DenyNone, Nlm4ShareAccess.None);
        return Nlm4ShareResult.Decode(await AcceptedAsync(NlmProcedure.Unshare, new Nlm4ShareArgs(NextCookie(), share, false).Encode).ConfigureAwait(false)).Stat;
    }

    /// <summary>FREE_ALL for host <paramref name="name"/> (this client's by default).</summary>
    public async Task FreeAllAsync(string? name = null, int state = 3) =>
        await AcceptedAsync(NlmProcedure.FreeAll, new Nlm4NotifyArgs(name ?? CallerName, state).Encode).ConfigureAwait(false);

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Rpc.DisposeAsync();
}
