using Nfs.Core.Rpc;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;

namespace Nfs.Core.State;

/// <summary>One slot of a session's fore channel: the last sequence id and its cached reply.</summary>
public sealed class SessionSlot
{
    /// <summary>Sequence id of the last request on this slot (0 before the first).</summary>
    public uint SequenceId { get; internal set; }

    /// <summary>The COMPOUND reply (from its status on) of that request, when it was cached.</summary>
    public byte[]? CachedReply { get; internal set; }

    /// <summary>True while a request on this slot runs.</summary>
    public bool InUse { get; internal set; }
}

/// <summary>
/// An NFSv4.1 session (RFC 8881 section 2.10): its negotiated channels, the fore channel's
/// slot table (exactly-once semantics), and the connections bound to it, one of which may
/// carry the back channel.
/// </summary>
public sealed class Session
{
    private readonly List<IRpcConnection> _connections = [];

    internal Session(SessionId4 id, NfsClient client, ChannelAttrs4 fore, ChannelAttrs4 back, uint flags, uint callbackProgram, CallbackSecurity4[] callbackSecurity)
    {
        Id = id;
        Client = client;
        Fore = fore;
        Back = back;
        Flags = flags;
        CallbackProgram = callbackProgram;
        CallbackSecurity = callbackSecurity;
        Slots = new SessionSlot[fore.MaxRequests];
        for (int i = 0; i < Slots.Length; i++) Slots[i] = new SessionSlot();
    }

    /// <summary>The session id.</summary>
    public SessionId4 Id { get; }

    /// <summary>The client.</summary>
    public NfsClient Client { get; }

    /// <summary>Negotiated fore channel attributes.</summary>
    public ChannelAttrs4 Fore { get; }

    /// <summary>Negotiated back channel attributes.</summary>
    public ChannelAttrs4 Back { get; }

    /// <summary>CREATE_SESSION4_FLAG_* granted.</summary>
    public uint Flags { get; }

    /// <summary>The client's callback program number.</summary>
    public uint CallbackProgram { get; internal set; }

    /// <summary>Security for callbacks.</summary>
    public CallbackSecurity4[] CallbackSecurity { get; internal set; }

    /// <summary>The fore channel slot table.</summary>
    public SessionSlot[] Slots { get; }

    /// <summary>True once destroyed.</summary>
    public bool Destroyed { get; internal set; }

    /// <summary>Sequence id of the back channel's single slot.</summary>
    internal uint CallbackSequenceId { get; set; }

    /// <summary>Serializes use of the back channel slot.</summary>
    internal SemaphoreSlim CallbackSlot { get; } = new(1, 1);

    /// <summary>The connection callbacks go over, when the client bound one.</summary>
    public IRpcConnection? BackChannel { get; private set; }

    /// <summary>Binds a connection (fore, back or both).</summary>
    internal void Bind(IRpcConnection connection, bool fore, bool back)
    {
        bool first;
        lock (_connections)
        {
            first = !_connections.Contains(connection) && BackChannel != connection;
            if (fore && !_connections.Contains(connection)) _connections.Add(connection);
            if (back) BackChannel = connection;
        }
        if (first) connection.Closed += Unbind;
    }

    /// <summary>True when <paramref name="connection"/> is bound to the fore channel.</summary>
    internal bool IsBound(IRpcConnection connection)
    {
        lock (_connections) return _connections.Contains(connection);
    }

    /// <summary>Forgets a closed connection.</summary>
    internal void Unbind(IRpcConnection connection)
    {
        lock (_connections)
        {
            _connections.Remove(connection);
            if (BackChannel == connection) BackChannel = null;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"session {Id}";
}
