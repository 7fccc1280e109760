namespace Nfs.Core.Nfs3;

/// <summary>
/// One NFSv3 procedure. Handlers are stateless singletons in a table indexed by procedure
/// number; each decodes its arguments (an <see cref="Nfs.Protocol.Xdr.XdrException"/> becomes
/// GARBAGE_ARGS) and writes its whole result, status first.
/// </summary>
public abstract class Nfs3Handler
{
    /// <summary>The procedure handled.</summary>
    public abstract Nfs.Protocol.Nfs3.Nfs3Procedure Procedure { get; }

    /// <summary>
    /// True for procedures that must not run twice when a client retransmits (the creates,
    /// removes, RENAME, LINK, SETATTR): their replies go through the duplicate request cache.
    /// </summary>
    public virtual bool UsesReplyCache => false;

    /// <summary>Runs the procedure and writes its result.</summary>
    public abstract ValueTask ExecuteAsync(Nfs3Request request);
}
