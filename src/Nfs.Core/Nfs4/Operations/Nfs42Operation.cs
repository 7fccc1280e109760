namespace Nfs.Core.Nfs4.Operations;

/// <summary>
/// Base for operations that exist from NFSv4.2 on (RFC 7862, and RFC 8276 for extended
/// attributes). In a 4.0 or 4.1 COMPOUND the engine answers them OP_ILLEGAL.
/// </summary>
public abstract class Nfs42Operation : Nfs4Operation
{
    /// <inheritdoc/>
    public override uint MinMinorVersion => 2;
}
