using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Nfs.Core.Rpc;
using Nfs.Core.State;
using Nfs.Core.Transport;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Callback;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.Protocol.Rpc;
using Nfs.Protocol.Xdr;

namespace Nfs.Core.Nfs4.Callbacks;

/// <summary>
/// Sends callbacks to clients: CB_COMPOUND over a 4.1 session's back channel (preceded by
/// CB_SEQUENCE on the back channel's single slot) or over a TCP connection the server opens to
/// the address a 4.0 client gave in SETCLIENTID. Used for delegation recalls (CB_RECALL) and
/// for the end of asynchronous copies (CB_OFFLOAD).
/// </summary>
public sealed class CallbackService : IAsyncDisposable
{
    private static readonly OpaqueAuth ServerCredential = new AuthSysParameters { MachineName = "fsal", Uid = 0, Gid = 0 }.ToOpaqueAuth();
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<ulong, OutboundRpcConnection> _v40Connections = new();
    private readonly SemaphoreSlim _connectLock = new(1, 1);

    /// <summary>Creates the service.</summary>
    public CallbackService(ILogger logger) => _logger = logger;

    /// <summary>How long a callback may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// True when the client can be called back: a 4.1 client with a session whose back channel
    /// connection is open, or a 4.0 client that gave a callback address.
    /// </summary>
    public static bool HasCallbackPath(NfsClient client)
    {
        if (client.MinorVersion == 0)
        {
            return client.Callback is { } cb && OutboundRpcConnection.TryParseUniversalAddress(cb.Address.Address, out _);
        }
        return FindBackChannel(client) is not null;
    }

    private static Session? FindBackChannel(NfsClient client, Session? preferred = null)
    {
        if (preferred is { Destroyed: false, BackChannel.IsOpen: true }) return preferred;
        lock (client.Sessions)
        {
            foreach (var s in client.Sessions)
            {
                if (!s.Destroyed && s.BackChannel is { IsOpen: true }) return s;
            }
        }
        return null;
    }

    /// <summary>CB_NULL to a 4.0 client: whether its callback path works.</summary>
    public async Task<bool> ProbeAsync(NfsClient client)
    {
        try
        {
            if (client.MinorVersion == 0)
            {
                var conn = await GetV40ConnectionAsync(client).ConfigureAwait(false);
                if (conn is null) return false;
                var r = await conn.CallAsync(client.Callback!.Program, CallbackConstants.Version, CallbackConstants.ProcNull, ServerCredential, _ => { }, Timeout).ConfigureAwait(false);
                return r.Header.IsSuccess;
            }
            var session = FindBackChannel(client);
            if (session is null) return false;
            var reply = await session.BackChannel!.CallAsync(session.CallbackProgram, CallbackConstants.Version, CallbackConstants.ProcNull, CredentialFor(session), _ => { }, Timeout).ConfigureAwait(false);
            return reply.Header.IsSuccess;
        }
        catch (Exception ex) when (ex is IOException or TimeoutException or System.Net.Sockets.SocketException or XdrException)
        {
            _logger.LogInformation("Callback path to {Client} is down: {Reason}", client, ex.Message);
            return false;
        }
    }

    /// <summary>CB_RECALL of a delegation; the status of the callback (NFS4_OK when the client accepted it).</summary>
    public Task<NfsStat4> RecallAsync(NfsClient client, StateId4 delegation, NfsFileHandle handle, bool truncate) =>
        CompoundAsync(client, null, 1, w =>
        {
            w.WriteUInt32((uint)CallbackOp.Recall);
            new CallbackRecallArgs(delegation, truncate, handle).Encode(w);
        });

    /// <summary>
    /// CB_GETATTR of change and size from the holder of a write delegation (RFC 8881 section
    /// 10.4.3); null when the client cannot be reached or refuses.
    /// </summary>
    public async Task<(ulong Change, ulong Size)?> GetChangeAndSizeAsync(NfsClient client, NfsFileHandle handle)
    {
        (ulong, ulong)? values = null;
        var status = await CompoundAsync(client, null, 1, w =>
        {
            w.WriteUInt32((uint)CallbackOp.GetAttr);
            handle.Encode(w);
            Bitmap4.Of(Nfs4Attribute.Change, Nfs4Attribute.Size).Encode(w);
        }, r =>
        {
            if ((CallbackOp)r.ReadUInt32() != CallbackOp.GetAttr || (NfsStat4)r.ReadUInt32() != NfsStat4.Ok) return;
            var fattr = Fattr4.Decode(r);
            if (!fattr.Mask[Nfs4Attribute.Change] || !fattr.Mask[Nfs4Attribute.Size]) return;
            var values4 = new XdrReader(fattr.Values);
            values = (values4.ReadUInt64(), values4.ReadUInt64());
        }).ConfigureAwait(false);
        return status == NfsStat4.Ok ? values : null;
    }

    /// <summary>CB_OFFLOAD: an asynchronous COPY ended.</summary>
    public Task<NfsStat4> NotifyOffloadAsync(NfsClient client, Session? session, NfsFileHandle handle, StateId4 copy, NfsStat4 status, WriteResponse4 response, ulong bytesCopied) =>
        CompoundAsync(client, session, 1, w =>
        {
            w.WriteUInt32((uint)CallbackOp.Offload);
            new CallbackOffloadArgs(handle, copy, status, response, bytesCopied).Encode(w);
        });

    /// <summary>
    /// Sends a CB_COMPOUND holding <paramref name="opCount"/> operations that
    /// <paramref name="writeOperations"/> encodes (opcode and arguments each). Returns the
    /// COMPOUND status, or CB_PATH_DOWN when the client cannot be reached.
    /// </summary>
    public async Task<NfsStat4> CompoundAsync(NfsClient client, Session? session, int opCount, Action<XdrWriter> writeOperations, Action<XdrReader>? readResults = null)
    {
        try
        {
            if (client.MinorVersion == 0)
            {
                var conn = await GetV40ConnectionAsync(client).ConfigureAwait(false);
                if (conn is null) return NfsStat4.CbPathDown;
                var cb = client.Callback!;
                var r = await conn.CallAsync(cb.Program, CallbackConstants.Version, CallbackConstants.ProcCompound, ServerCredential, w =>
                {
                    w.WriteUInt32(0); // empty tag
                    w.WriteUInt32(0); // minor version
                    w.WriteUInt32(cb.Ident);
                    w.WriteUInt32((uint)opCount);
                    writeOperations(w);
                }, Timeout).ConfigureAwait(false);
                return ReadResults(r, sequenced: false, readResults);
            }

            var s = FindBackChannel(client, session);
            if (s is null) return NfsStat4.CbPathDown;
            await s.CallbackSlot.WaitAsync().ConfigureAwait(false);
            try
            {
                uint sequence = ++s.CallbackSequenceId;
                var reply = await s.BackChannel!.CallAsync(s.CallbackProgram, CallbackConstants.Version, CallbackConstants.ProcCompound, CredentialFor(s), w =>
                {
                    w.WriteUInt32(0);
                    w.WriteUInt32(client.MinorVersion);
                    w.WriteUInt32(0);
                    w.WriteUInt32((uint)opCount + 1);
                    w.WriteUInt32((uint)CallbackOp.Sequence);
                    new CallbackSequenceArgs(s.Id, sequence, 0, 0, false).Encode(w);
                    writeOperations(w);
                }, Timeout).ConfigureAwait(false);
                var status = ReadResults(reply, sequenced: true, readResults);
                if (status is NfsStat4.SeqMisordered or NfsStat4.Badsession) s.CallbackSequenceId = 0;
                return status;
            }
            finally
            {
                s.CallbackSlot.Release();
            }
        }
        catch (Exception ex) when (ex is IOException or TimeoutException or System.Net.Sockets.SocketException or XdrException or ObjectDisposedException)
        {
            _logger.LogInformation("Callback to {Client} failed: {Reason}", client, ex.Message);
            return NfsStat4.CbPathDown;
        }
    }

    /// <summary>The CB_COMPOUND status; the operations' results (after CB_SEQUENCE's) go to <paramref name="readResults"/>.</summary>
    private static NfsStat4 ReadResults(OutboundReply reply, bool sequenced, Action<XdrReader>? readResults)
    {
        if (!reply.Header.IsSuccess) return NfsStat4.CbPathDown;
        var r = reply.Results;
        var status = (NfsStat4)r.ReadUInt32();
        if (readResults is null) return status;
        r.ReadOpaque(Nfs4Constants.OpaqueLimit); // tag
        int count = r.ReadArrayLength(64);
        if (sequenced)
        {
            if (count == 0) return status;
            count--;
            r.ReadUInt32();
            if ((NfsStat4)r.ReadUInt32() != NfsStat4.Ok) return status;
            CallbackSequenceResult.Decode(r);
        }
        if (count > 0) readResults(r);
        return status;
    }

    private static OpaqueAuth CredentialFor(Session session)
    {
        foreach (var sec in session.CallbackSecurity)
        {
            if (sec.Flavor == AuthFlavor.Sys) return new OpaqueAuth(AuthFlavor.Sys, sec.SysCredential);
            if (sec.Flavor == AuthFlavor.None) return OpaqueAuth.None;
        }
        return OpaqueAuth.None;
    }

    private async Task<OutboundRpcConnection?> GetV40ConnectionAsync(NfsClient client)
    {
        if (_v40Connections.TryGetValue(client.ClientId, out var existing) && existing.IsOpen) return existing;
        if (client.Callback is not { } cb || !OutboundRpcConnection.TryParseUniversalAddress(cb.Address.Address, out var endPoint)) return null;
        await _connectLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_v40Connections.TryGetValue(client.ClientId, out existing))
            {
                if (existing.IsOpen) return existing;
                await existing.DisposeAsync().ConfigureAwait(false);
            }
            var conn = await OutboundRpcConnection.ConnectAsync(endPoint, Timeout).ConfigureAwait(false);
            _v40Connections[client.ClientId] = conn;
            return conn;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    /// <summary>Forgets the 4.0 callback connection of a client that went away.</summary>
    public async Task ForgetAsync(ulong clientId)
    {
        if (_v40Connections.TryRemove(clientId, out var conn)) await conn.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Closes every callback connection.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var (id, _) in _v40Connections) await ForgetAsync(id).ConfigureAwait(false);
        _connectLock.Dispose();
    }
}
