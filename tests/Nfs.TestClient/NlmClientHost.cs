using Nfs.Protocol.Nlm;
using Nfs.Protocol.Nsm;
using Nfs.Protocol.Portmap;
using Nfs.Protocol.Rpc;
using Nfs.Protocol.Xdr;

namespace Nfs.TestClient;

/// <summary>A call a lock server made to a client host: the procedure and its decoded argument.</summary>
public sealed record NlmHostCall(uint Program, uint Procedure, object Argument);

/// <summary>
/// The services an NFSv3 client host runs for a lock server to call, on one loopback port: a
/// port mapper (GETPORT answers this same port for every program), the lock manager's callback
/// side (GRANTED, GRANTED_MSG and the *_RES results of _MSG requests) and the status monitor
/// (SM_NOTIFY). Records every call; point the server's port mapper port at <see cref="Port"/>.
/// </summary>
public sealed class NlmClientHost : IAsyncDisposable
{
    private readonly object _lock = new();
    private readonly List<NlmHostCall> _calls = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly RpcListener _listener;

    private NlmClientHost() => _listener = RpcListener.Start(HandleAsync);

    /// <summary>Starts listening on 127.0.0.1, on a port the system chooses.</summary>
    public static NlmClientHost Start() => new();

    /// <summary>The port of all its services.</summary>
    public int Port => _listener.EndPoint.Port;

    /// <summary>What the lock manager answers to GRANTED (GRANTED: the lock is taken).</summary>
    public Nlm4Stats GrantedAnswer { get; set; } = Nlm4Stats.Granted;

    /// <summary>The calls received so far.</summary>
    public IReadOnlyList<NlmHostCall> Calls
    {
        get { lock (_lock) return [.. _calls]; }
    }

    /// <summary>The arguments of every NLM call of <paramref name="procedure"/> received so far.</summary>
    public IReadOnlyList<T> Received<T>(NlmProcedure procedure) => Calls.Where(c => c.Program == NlmConstants.Program && c.Procedure == (uint)procedure).Select(c => (T)c.Argument).ToList();

    /// <summary>Waits for an NLM call of <paramref name="procedure"/> whose argument matches; throws TimeoutException after <paramref name="timeout"/>.</summary>
    public Task<T> WaitForAsync<T>(NlmProcedure procedure, Func<T, bool>? match, TimeSpan timeout) =>
        WaitForAsync(NlmConstants.Program, (uint)procedure, match, timeout);

    /// <summary>Waits for a call of <paramref name="program"/> and <paramref name="procedure"/> whose argument matches.</summary>
    public async Task<T> WaitForAsync<T>(uint program, uint procedure, Func<T, bool>? match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                foreach (var c in _calls)
                {
                    if (c.Program == program && c.Procedure == procedure && c.Argument is T t && (match is null || match(t))) return t;
                }
                changed = _changed.Task;
            }
            try
            {
                await changed.WaitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no call of program {program} procedure {procedure} within {timeout}");
            }
        }
    }

    private void Record(uint program, uint procedure, object argument)
    {
        lock (_lock)
        {
            _calls.Add(new NlmHostCall(program, procedure, argument));
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private ValueTask<RpcAcceptStatus> HandleAsync(RpcIncomingCall call, XdrWriter results)
    {
        var h = call.Header;
        var r = call.Arguments;
        switch (h.Program)
        {
            case PortmapConstants.Program when h.Procedure == PortmapConstants.ProcGetPort:
                var mapping = PortmapMapping.Decode(r);
                Record(h.Program, h.Procedure, mapping);
                results.WriteUInt32((uint)Port);
                return new(RpcAcceptStatus.Success);
            case NsmConstants.Program when h.Procedure == (uint)NsmProcedure.Notify:
                Record(h.Program, h.Procedure, NsmStatusChange.Decode(r));
                return new(RpcAcceptStatus.Success);
            case NlmConstants.Program:
                switch ((NlmProcedure)h.Procedure)
                {
                    case NlmProcedure.Granted:
                        var granted = Copy(Nlm4TestArgs.Decode(r));
                        Record(h.Program, h.Procedure, granted);
                        new Nlm4Result(granted.Cookie, GrantedAnswer).Encode(results);
                        return new(RpcAcceptStatus.Success);
                    case NlmProcedure.GrantedMsg:
                        Record(h.Program, h.Procedure, Copy(Nlm4TestArgs.Decode(r)));
                        return new(RpcAcceptStatus.Success);
                    case NlmProcedure.TestRes:
                        var test = Nlm4TestResult.Decode(r);
                        Record(h.Program, h.Procedure, test with { Cookie = test.Cookie.ToArray(), Holder = test.Holder with { OwnerHandle = test.Holder.OwnerHandle.ToArray() } });
                        return new(RpcAcceptStatus.Success);
                    case NlmProcedure.LockRes or NlmProcedure.CancelRes or NlmProcedure.UnlockRes or NlmProcedure.GrantedRes:
                        var res = Nlm4Result.Decode(r);
                        Record(h.Program, h.Procedure, res with { Cookie = res.Cookie.ToArray() });
                        return new(RpcAcceptStatus.Success);
                }
                return new(RpcAcceptStatus.ProcedureUnavailable);
            default:
                return new(RpcAcceptStatus.ProgramUnavailable);
        }
    }

    private static Nlm4TestArgs Copy(Nlm4TestArgs a) => a with
    {
        Cookie = a.Cookie.ToArray(),
        Lock = a.Lock with { FileHandle = a.Lock.FileHandle.ToArray(), OwnerHandle = a.Lock.OwnerHandle.ToArray() },
    };

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
