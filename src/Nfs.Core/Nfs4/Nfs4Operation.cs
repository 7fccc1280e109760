using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Nfs4;

/// <summary>
/// One NFSv4 operation. Handlers are stateless singletons kept in a table indexed by opcode:
/// they read their arguments from <see cref="CompoundContext.Args"/>, write their result body
/// (without opcode and status) to <see cref="CompoundContext.Reply"/> and return the status.
/// Malformed arguments throw <see cref="Nfs.Protocol.Xdr.XdrException"/>, which the engine turns
/// into NFS4ERR_BADXDR.
/// </summary>
public abstract class Nfs4Operation
{
    /// <summary>The opcode handled.</summary>
    public abstract NfsOp4 Op { get; }

    /// <summary>Lowest minor version in which the operation exists.</summary>
    public virtual uint MinMinorVersion => 0;

    /// <summary>Highest minor version in which the operation exists.</summary>
    public virtual uint MaxMinorVersion => uint.MaxValue;

    /// <summary>Runs the operation.</summary>
    public abstract ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx);
}
