using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.Protocol.Xdr;

namespace Nfs.Core.Nfs4.Operations;

/// <summary>
/// READ_PLUS (RFC 7862 section 15.10): a READ whose result describes holes instead of sending
/// their zeros. The backend reads each data segment straight into the reply buffer, as for READ.
/// Without <see cref="ISparseFiles"/> the result is one data segment. The segments' encoding
/// (headers and padded data) stays within the requested count plus one hole segment, the room a
/// client reserves beyond the data (the Linux client does exactly that), so many small segments
/// shorten the reply instead of overflowing the client's buffer.
/// </summary>
public sealed class ReadPlusHandler : Nfs42Operation
{
    /// <summary>Encoded size of a data segment without its data: content, offset, length.</summary>
    private const int DataSegmentHeaderBytes = 4 + 8 + 4;

    /// <summary>Encoded size of a hole segment: content, offset, length.</summary>
    private const int HoleSegmentBytes = 4 + 8 + 8;

    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.ReadPlus;

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
        // Grow the reply buffer once, before any data lands in it.
        reply.GetSpan(8 + HoleSegmentBytes + DataSegmentHeaderBytes + count);
        int eofAt = reply.Reserve(4);
        int segmentsAt = reply.Reserve(4);
        var fs = ctx.CurrentExport.FileSystem;
        var token = open?.BackendToken;
        var outcome = fs is ISparseFiles sparse && count > 0
            ? await EncodeSegmentsAsync(ctx, sparse, token, args.Offset, count).ConfigureAwait(false)
            : await EncodeOneDataSegmentAsync(ctx, token, args.Offset, count).ConfigureAwait(false);
        if (outcome.Status != NfsStat4.Ok) return outcome.Status;
        reply.PatchUInt32(eofAt, outcome.Eof ? 1u : 0u);
        reply.PatchUInt32(segmentsAt, outcome.Segments);
        return NfsStat4.Ok;
    }

    private readonly record struct Outcome(NfsStat4 Status, bool Eof, uint Segments);

    /// <summary>Everything as data: one segment read by the backend into the reply, none at the end of file.</summary>
    private static async ValueTask<Outcome> EncodeOneDataSegmentAsync(CompoundContext ctx, object? token, ulong offset, int count)
    {
        var reply = ctx.Reply;
        int segmentAt = reply.Length;
        int lengthAt = WriteDataHeader(reply, offset);
        var r = await ctx.CurrentExport.FileSystem.ReadAsync(ctx.CurrentFsalContext, ctx.CurrentObject, token, offset, reply.GetMemory(count)).ConfigureAwait(false);
        if (!r.IsOk) return new(r.Status.ToNfs4(), false, 0);
        int n = r.Value.Count;
        if (n == 0)
        {
            reply.Truncate(segmentAt);
            return new(NfsStat4.Ok, r.Value.EndOfFile, 0);
        }
        FinishData(reply, lengthAt, n);
        return new(NfsStat4.Ok, r.Value.EndOfFile, 1);
    }

    /// <summary>Alternating hole and data segments found with the backend's SEEK, up to the count or the end of file.</summary>
    private static async ValueTask<Outcome> EncodeSegmentsAsync(CompoundContext ctx, ISparseFiles sparse, object? token, ulong offset, int count)
    {
        var fs = ctx.CurrentExport.FileSystem;
        var fsal = ctx.CurrentFsalContext;
        var file = ctx.CurrentObject;
        var reply = ctx.Reply;
        var attrs = await fs.GetAttributesAsync(fsal, file, FsalAttrMask.Size).ConfigureAwait(false);
        if (!attrs.IsOk) return new(attrs.Status.ToNfs4(), false, 0);
        ulong size = attrs.Value.Size;
        if (offset >= size) return new(NfsStat4.Ok, true, 0);
        ulong end = (ulong)count > size - offset ? size : offset + (ulong)count;
        int budget = count + HoleSegmentBytes;
        int used = 0;
        uint segments = 0;
        ulong position = offset;
        while (position < end)
        {
            var data = await sparse.SeekAsync(fsal, file, token, position, findHole: false).ConfigureAwait(false);
            if (!data.IsOk && data.Status != FsalStatus.NoDevice) return new(data.Status.ToNfs4(), false, 0);
            ulong dataAt = data.IsOk ? data.Value : size;
            if (dataAt > position)
            {
                if (used + HoleSegmentBytes > budget) break;
                ulong holeEnd = Math.Min(dataAt, end);
                reply.WriteInt32((int)DataContent4.Hole);
                reply.WriteUInt64(position);
                reply.WriteUInt64(holeEnd - position);
                used += HoleSegmentBytes;
                segments++;
                position = holeEnd;
                if (position >= end) break;
            }

            var hole = await sparse.SeekAsync(fsal, file, token, position, findHole: true).ConfigureAwait(false);
            if (!hole.IsOk && hole.Status != FsalStatus.NoDevice) return new(hole.Status.ToNfs4(), false, 0);
            ulong holeAt = hole.IsOk ? hole.Value : size;
            if (holeAt <= position) holeAt = end; // the file changed under us: read on; holes read as zeros
            int room = (budget - used - DataSegmentHeaderBytes) & ~3;
            if (room <= 0) break;
            int want = (int)Math.Min(Math.Min(holeAt, end) - position, (ulong)room);
            int segmentAt = reply.Length;
            int lengthAt = WriteDataHeader(reply, position);
            var r = await fs.ReadAsync(fsal, file, token, position, reply.GetMemory(want)).ConfigureAwait(false);
            if (!r.IsOk) return new(r.Status.ToNfs4(), false, 0);
            int n = r.Value.Count;
            if (n == 0)
            {
                reply.Truncate(segmentAt);
                return new(NfsStat4.Ok, r.Value.EndOfFile, segments);
            }
            FinishData(reply, lengthAt, n);
            used += DataSegmentHeaderBytes + XdrReader.Padded(n);
            segments++;
            position += (ulong)n;
            if (r.Value.EndOfFile) return new(NfsStat4.Ok, true, segments);
            if (n < want) break;
        }
        return new(NfsStat4.Ok, position >= size, segments);
    }

    /// <summary>Writes a data segment's content and offset and reserves its length; returns where the length goes.</summary>
    private static int WriteDataHeader(XdrWriter reply, ulong offset)
    {
        reply.WriteInt32((int)DataContent4.Data);
        reply.WriteUInt64(offset);
        return reply.Reserve(4);
    }

    /// <summary>Takes <paramref name="n"/> bytes the backend read into the reply, pads them and patches the length.</summary>
    private static void FinishData(XdrWriter reply, int lengthAt, int n)
    {
        reply.Advance(n);
        reply.WritePadding(n);
        reply.PatchUInt32(lengthAt, (uint)n);
    }
}
