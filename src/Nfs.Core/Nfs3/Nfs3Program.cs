using Microsoft.Extensions.Logging;
using Nfs.Core.Rpc;
using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Rpc;

namespace Nfs.Core.Nfs3;

/// <summary>
/// The NFSv3 RPC program (100003 version 3): a table of one handler per procedure. Shares the
/// program number with NFSv4; the dispatcher picks by version.
/// </summary>
public sealed class Nfs3Program : IRpcProgram
{
    private readonly Nfs3Server _server;
    private readonly Nfs3Handler?[] _table = new Nfs3Handler?[(int)Nfs3Procedure.Commit + 1];

    /// <summary>Creates the program with the given handlers.</summary>
    public Nfs3Program(Nfs3Server server, IEnumerable<Nfs3Handler> handlers)
    {
        _server = server;
        foreach (var h in handlers)
        {
            if (_table[(int)h.Procedure] is not null) throw new InvalidOperationException($"two handlers for {h.Procedure}");
            _table[(int)h.Procedure] = h;
        }
    }

    /// <inheritdoc/>
    public uint Program => Nfs3Constants.Program;

    /// <inheritdoc/>
    public uint MinVersion => Nfs3Constants.Version;

    /// <inheritdoc/>
    public uint MaxVersion => Nfs3Constants.Version;

    /// <inheritdoc/>
    public bool UsesReplyCache(RpcCall call) => Find(call.Header.Procedure)?.UsesReplyCache == true;

    private Nfs3Handler? Find(uint procedure) => procedure < (uint)_table.Length ? _table[procedure] : null;

    /// <inheritdoc/>
    public async ValueTask<RpcAcceptStatus> ExecuteAsync(RpcCall call)
    {
        uint procedure = call.Header.Procedure;
        if (procedure == (uint)Nfs3Procedure.Null) return RpcAcceptStatus.Success;
        var handler = Find(procedure);
        if (handler is null)
        {
            _server.Logger.LogDebug("NFSv3 procedure {Procedure} unavailable", procedure);
            return RpcAcceptStatus.ProcedureUnavailable;
        }
        await handler.ExecuteAsync(new Nfs3Request(_server, call)).ConfigureAwait(false);
        return RpcAcceptStatus.Success;
    }
}
