using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nfs.Core.Exports;
using Nfs.Core.Identity;
using Nfs.Core.State;

namespace Nfs.Core.Nfs4;

/// <summary>
/// The services NFSv4 operation handlers share: exports, state, ID mapping, options and the
/// write verifier. One per server.
/// </summary>
public sealed class Nfs4Server
{
    /// <summary>Creates the server services.</summary>
    public Nfs4Server(ExportTable exports, StateManager state, IIdMapper idMapper, IOptions<Nfs4Options> options, ILogger<Nfs4Server> logger)
    {
        Exports = exports;
        State = state;
        IdMapper = idMapper;
        Options = options.Value;
        Logger = logger;
        Span<byte> v = stackalloc byte[8];
        RandomNumberGenerator.Fill(v);
        WriteVerifier = BitConverter.ToUInt64(v);
        state.OpensReleased += CloseReleased;
        Attributes = new Attributes.AttributeEncoder(this);
    }

    /// <summary>The fattr4 encoder.</summary>
    public Attributes.AttributeEncoder Attributes { get; }

    /// <summary>The export table.</summary>
    public ExportTable Exports { get; }

    /// <summary>Client and file state.</summary>
    public StateManager State { get; }

    /// <summary>Owner string mapping.</summary>
    public IIdMapper IdMapper { get; }

    /// <summary>Protocol options.</summary>
    public Nfs4Options Options { get; }

    /// <summary>Logger for handlers.</summary>
    public ILogger Logger { get; }

    /// <summary>
    /// The write verifier: random per server start, so a client that sent UNSTABLE writes
    /// notices a restart at COMMIT and sends them again.
    /// </summary>
    public ulong WriteVerifier { get; }

    private void CloseReleased(IReadOnlyList<OpenState> opens)
    {
        foreach (var open in opens)
        {
            var token = open.BackendToken;
            open.BackendToken = null;
            if (token is null) continue;
            _ = CloseQuietlyAsync(open, token);
        }
    }

    private async Task CloseQuietlyAsync(OpenState open, object token)
    {
        try
        {
            await open.File.Export.FileSystem.CloseAsync(open.File.Object, token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "Closing a released open failed");
        }
    }
}
