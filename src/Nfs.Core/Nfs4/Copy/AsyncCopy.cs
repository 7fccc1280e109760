using Nfs.Core.Fsal;
using Nfs.Core.State;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Nfs4.Copy;

/// <summary>
/// One asynchronous COPY (RFC 7862 section 15.2.3): the stateid that names it to OFFLOAD_STATUS,
/// OFFLOAD_CANCEL and CB_OFFLOAD, whose it is, how far it got and how it ended.
/// </summary>
public sealed class AsyncCopy
{
    private long _copied;
    private volatile bool _finished;
    private NfsStat4 _status;
    private FsalStability _committed;

    internal AsyncCopy(StateId4 stateId, NfsClient client, Session? session, NfsFileHandle destination)
    {
        StateId = stateId;
        Client = client;
        Session = session;
        Destination = destination;
    }

    /// <summary>The callback stateid (wr_callback_id) of the copy.</summary>
    public StateId4 StateId { get; }

    /// <summary>The client that started it.</summary>
    public NfsClient Client { get; }

    /// <summary>The session it was started on (CB_OFFLOAD prefers its back channel).</summary>
    public Session? Session { get; }

    /// <summary>The destination file's handle (sent in CB_OFFLOAD).</summary>
    public NfsFileHandle Destination { get; }

    /// <summary>Bytes copied so far.</summary>
    public ulong BytesCopied => (ulong)Volatile.Read(ref _copied);

    /// <summary>True once the copy ended (successfully or not).</summary>
    public bool IsFinished => _finished;

    /// <summary>How the copy ended (OFFLOAD_STATUS's osr_complete), or null while it runs.</summary>
    public NfsStat4? Completion => _finished ? _status : null;

    /// <summary>The weakest stability of the copy's writes, once finished.</summary>
    public FsalStability Committed => _committed;

    /// <summary>True when the copy should stop: it was cancelled, the server is stopping or its client went away.</summary>
    public bool ShouldStop => Cancellation.IsCancellationRequested || Client.Expired;

    /// <summary>Environment.TickCount64 when the copy finished.</summary>
    internal long FinishedAt { get; private set; }

    /// <summary>Fires on OFFLOAD_CANCEL, at server stop and when the client goes away.</summary>
    internal CancellationTokenSource Cancellation { get; } = new();

    /// <summary>The task running the copy.</summary>
    internal Task Task { get; set; } = Task.CompletedTask;

    /// <summary>Records progress.</summary>
    internal void Report(ulong copied) => Volatile.Write(ref _copied, (long)copied);

    /// <summary>Records the end of the copy.</summary>
    internal void Finish(NfsStat4 status, ulong copied, FsalStability committed)
    {
        Report(copied);
        _status = status;
        _committed = committed;
        FinishedAt = Environment.TickCount64;
        _finished = true;
    }

    /// <inheritdoc/>
    public override string ToString() => $"copy {StateId.OtherHigh:x16}{StateId.OtherLow:x8} of {Client}";
}
