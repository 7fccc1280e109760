using Nfs.Core.Fsal;
using Nfs.Core.State;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Nfs4.Operations;

/// <summary>
/// Checks shared by COPY and CLONE, which read the file of the saved filehandle (the source)
/// and write the file of the current filehandle (the destination).
/// </summary>
internal static class TwoFileChecks
{
    /// <summary>
    /// Both filehandles set (NOFILEHANDLE), both regular files (ISDIR for a directory, INVAL for
    /// anything else), on the same export (XDEV), and a writable destination export (ROFS).
    /// </summary>
    public static NfsStat4 RequireFiles(CompoundContext ctx)
    {
        if (!ctx.Current.IsSet || !ctx.Saved.IsSet) return NfsStat4.Nofilehandle;
        var s = RegularFile(ctx.Saved.Object!);
        if (s != NfsStat4.Ok) return s;
        s = RegularFile(ctx.Current.Object!);
        if (s != NfsStat4.Ok) return s;
        if (!ReferenceEquals(ctx.Saved.Export, ctx.Current.Export)) return NfsStat4.Xdev;
        return ctx.CurrentExport.IsReadOnly ? NfsStat4.Rofs : NfsStat4.Ok;
    }

    private static NfsStat4 RegularFile(FsalObject obj) => obj.Type switch
    {
        FsalFileType.Regular => NfsStat4.Ok,
        FsalFileType.Directory => NfsStat4.Isdir,
        _ => NfsStat4.Inval,
    };

    /// <summary>
    /// Validates the source stateid for reading the saved file and the destination stateid for
    /// writing the current one, as READ and WRITE would (<see cref="StateIdChecks.CheckIo"/>).
    /// </summary>
    public static NfsStat4 CheckStateIds(CompoundContext ctx, in StateId4 source, in StateId4 destination, out OpenState? sourceOpen, out OpenState? destinationOpen)
    {
        destinationOpen = null;
        // CheckIo validates against the current filehandle: let the saved one stand in for it.
        var current = ctx.Current;
        ctx.Current = ctx.Saved;
        NfsStat4 s;
        try
        {
            s = StateIdChecks.CheckIo(ctx, source, OpenShare4.AccessRead, out sourceOpen);
        }
        finally
        {
            ctx.Current = current;
        }
        return s != NfsStat4.Ok ? s : StateIdChecks.CheckIo(ctx, destination, OpenShare4.AccessWrite, out destinationOpen);
    }

    /// <summary>
    /// Resolves the source range against the source's size: count 0 means to the end of file; a
    /// range starting or ending past the end is INVAL (RFC 7862 sections 15.2.3 and 15.13.3), as
    /// are overlapping ranges of one file; a destination range past the largest file size is FBIG.
    /// Returns the resolved count in <paramref name="count"/>.
    /// </summary>
    public static NfsStat4 ResolveRange(CompoundContext ctx, ulong size, ulong sourceOffset, ulong destinationOffset, ref ulong count)
    {
        if (sourceOffset > size) return NfsStat4.Inval;
        if (count == 0) count = size - sourceOffset;
        else if (count > size - sourceOffset) return NfsStat4.Inval;
        ulong max = ctx.CurrentExport.FileSystem.Capabilities.MaxFileSize;
        if (destinationOffset > max || count > max - destinationOffset) return NfsStat4.Fbig;
        // Neither end overflows now: the source range lies below size, the destination's below max.
        if (ctx.Saved.Handle.Equals(ctx.Current.Handle) && count > 0 &&
            sourceOffset < destinationOffset + count && destinationOffset < sourceOffset + count)
        {
            return NfsStat4.Inval;
        }
        return NfsStat4.Ok;
    }

    /// <summary>The size of the source file (the saved filehandle).</summary>
    public static async ValueTask<(NfsStat4 Status, ulong Size)> SourceSizeAsync(CompoundContext ctx)
    {
        var r = await ctx.Saved.Export!.FileSystem.GetAttributesAsync(ctx.FsalContextFor(ctx.Saved.Export), ctx.Saved.Object!, FsalAttrMask.Size).ConfigureAwait(false);
        return r.IsOk ? (NfsStat4.Ok, r.Value.Size) : (r.Status.ToNfs4(), 0);
    }
}
