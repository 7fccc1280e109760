namespace Nfs.Protocol.Rpc;

/// <summary>RPC message type (RFC 5531 section 9).</summary>
public enum RpcMessageType
{
    /// <summary>A call.</summary>
    Call = 0,
    /// <summary>A reply.</summary>
    Reply = 1,
}

/// <summary>Whether a reply was accepted or denied.</summary>
public enum RpcReplyStatus
{
    /// <summary>MSG_ACCEPTED.</summary>
    Accepted = 0,
    /// <summary>MSG_DENIED.</summary>
    Denied = 1,
}

/// <summary>accept_stat of an accepted reply.</summary>
public enum RpcAcceptStatus
{
    /// <summary>RPC executed successfully.</summary>
    Success = 0,
    /// <summary>Remote hasn't exported the program.</summary>
    ProgramUnavailable = 1,
    /// <summary>Remote can't support the version number.</summary>
    ProgramMismatch = 2,
    /// <summary>Program can't support the procedure.</summary>
    ProcedureUnavailable = 3,
    /// <summary>Procedure can't decode the parameters.</summary>
    GarbageArguments = 4,
    /// <summary>Memory allocation failure or similar.</summary>
    SystemError = 5,
}

/// <summary>reject_stat of a denied reply.</summary>
public enum RpcRejectStatus
{
    /// <summary>RPC version number is not 2.</summary>
    RpcMismatch = 0,
    /// <summary>Remote can't authenticate the caller.</summary>
    AuthError = 1,
}

/// <summary>auth_stat: why authentication failed.</summary>
public enum RpcAuthStatus
{
    /// <summary>Success.</summary>
    Ok = 0,
    /// <summary>Bad credential (seal broken).</summary>
    BadCredential = 1,
    /// <summary>Client must begin a new session.</summary>
    RejectedCredential = 2,
    /// <summary>Bad verifier (seal broken).</summary>
    BadVerifier = 3,
    /// <summary>Verifier expired or replayed.</summary>
    RejectedVerifier = 4,
    /// <summary>Rejected for security reasons.</summary>
    TooWeak = 5,
    /// <summary>Bogus response verifier.</summary>
    InvalidResponse = 6,
    /// <summary>Reason unknown.</summary>
    Failed = 7,
}

/// <summary>Authentication flavors.</summary>
public enum AuthFlavor
{
    /// <summary>AUTH_NONE.</summary>
    None = 0,
    /// <summary>AUTH_SYS (AUTH_UNIX).</summary>
    Sys = 1,
    /// <summary>AUTH_SHORT.</summary>
    Short = 2,
    /// <summary>AUTH_DH.</summary>
    Dh = 3,
    /// <summary>RPCSEC_GSS.</summary>
    RpcSecGss = 6,
}
