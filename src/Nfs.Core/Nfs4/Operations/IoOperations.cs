using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;

namespace Nfs.Core.Nfs4.Operations;

/// <summary>Type checks shared by READ, WRITE and COMMIT.</summary>
internal static class IoChecks
{
    /// <summary>ISDIR for directories, INVAL for anything but a regular file (READ, WRITE, COMMIT, LOCK, LOCKT, LOCKU).</summary>
    public static NfsStat4 RequireRegularFile(CompoundContext ctx)
    {
        var s = ctx.RequireCurrent();
        if (s != NfsStat4.Ok) return s;
        return ctx.CurrentObject.Type switch
        {
            FsalFileType.Regular => NfsStat4.Ok,
            FsalFileType.Directory => NfsStat4.Isdir,
            _ => NfsStat4.Inval,
        };
    }
}

/// <summary>
/// READ: the backend reads straight into the reply buffer (no intermediate copy), or, for large
/// reads from a backend that supports it, the data goes from the file to the socket (sendfile).
/// </summary>
public sealed class ReadHandler : Nfs4Operation
{
    /// <summary>Reads at least this large are sent from the file when the backend can.</summary>
    public const int ZeroCopyThreshold = 64 * 1024;

    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Read;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var args = ReadArgs.Decode(ctx.Args);
        var s = IoChecks.RequireRegularFile(ctx);
        if (s != NfsStat4.Ok) return s;
        s = StateIdChecks.CheckIo(ctx, args.StateId, OpenShare4.AccessRead, out var open);
        if (s != NfsStat4.Ok) return s;
        int count = (int)Math.Min(args.Count, (uint)ctx.Server.Options.MaxReadSize);
        var reply = ctx.Reply;
        var fs = ctx.CurrentExport.FileSystem;
        if (count >= ZeroCopyThreshold && ctx.Server.ZeroCopyReads && fs is IZeroCopyRead zeroCopy && ctx.Call.ZeroCopy is null)
        {
            var z = await zeroCopy.OpenForSendAsync(ctx.CurrentFsalContext, ctx.CurrentObject, open?.BackendToken, args.Offset, count).ConfigureAwait(false);
            if (z.IsOk)
            {
                var source = z.Value;
                reply.WriteBool(source.EndOfFile);
                reply.WriteUInt32((uint)source.Count);
                ctx.Call.ZeroCopy = new Rpc.ZeroCopySegment(reply.Length, source.File, (long)args.Offset, source.Count);
                reply.WritePadding(source.Count);
                return NfsStat4.Ok;
            }
            if (z.Status != FsalStatus.NotSupported) return z.Status.ToNfs4();
        }
        int eofAt = reply.Reserve(4);
        int lengthAt = reply.Reserve(4);
        var buffer = reply.GetMemory(count);
        var r = await ctx.CurrentExport.FileSystem.ReadAsync(ctx.CurrentFsalContext, ctx.CurrentObject, open?.BackendToken, args.Offset, buffer).ConfigureAwait(false);
        if (!r.IsOk) return r.Status.ToNfs4();
        int n = r.Value.Count;
        reply.Advance(n);
        reply.WritePadding(n);
        reply.PatchUInt32(eofAt, r.Value.EndOfFile ? 1u : 0u);
        reply.PatchUInt32(lengthAt, (uint)n);
        return NfsStat4.Ok;
    }
}

/// <summary>WRITE: the data goes to the backend as a slice of the request (no copy). Writes above maxwrite are shortened.</summary>
public sealed class WriteHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Write;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var args = WriteArgs.Decode(ctx.Args, int.MaxValue);
        if (args.Stable is < StableHow4.Unstable or > StableHow4.FileSync) return NfsStat4.Badxdr;
        var s = IoChecks.RequireRegularFile(ctx);
        if (s != NfsStat4.Ok) return s;
        var export = ctx.CurrentExport;
        if (export.IsReadOnly) return NfsStat4.Rofs;
        s = StateIdChecks.CheckIo(ctx, args.StateId, OpenShare4.AccessWrite, out var open);
        if (s != NfsStat4.Ok) return s;
        var data = args.Data;
        if (data.Length > ctx.Server.Options.MaxWriteSize) data = data[..ctx.Server.Options.MaxWriteSize];
        if (args.Offset > ulong.MaxValue - (ulong)data.Length) return NfsStat4.Fbig;
        var r = await export.FileSystem.WriteAsync(ctx.CurrentFsalContext, ctx.CurrentObject, open?.BackendToken, args.Offset, data, (FsalStability)args.Stable).ConfigureAwait(false);
        if (!r.IsOk) return r.Status.ToNfs4();
        new WriteResult((uint)r.Value.Count, (StableHow4)r.Value.Committed, new Verifier4(ctx.Server.WriteVerifier)).Encode(ctx.Reply);
        return NfsStat4.Ok;
    }
}

/// <summary>COMMIT.</summary>
public sealed class CommitHandler : Nfs4Operation
{
    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Commit;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var args = CommitArgs.Decode(ctx.Args);
        var s = IoChecks.RequireRegularFile(ctx);
        if (s != NfsStat4.Ok) return s;
        if (args.Count != 0 && args.Offset > ulong.MaxValue - args.Count) return NfsStat4.Inval;
        var status = await ctx.CurrentExport.FileSystem.CommitAsync(ctx.CurrentFsalContext, ctx.CurrentObject, args.Offset, args.Count).ConfigureAwait(false);
        if (status != FsalStatus.Ok) return status.ToNfs4();
        new Verifier4(ctx.Server.WriteVerifier).Encode(ctx.Reply);
        return NfsStat4.Ok;
    }
}
