using System.Text;
using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.Protocol.Xdr;

namespace Nfs.Core.Nfs4.Operations;

/// <summary>
/// LISTXATTRS (RFC 8276 section 8.4.4) through <see cref="IExtendedAttributes"/> (NOTSUPP
/// without it). The cookie is the index of the next name in the backend's list (0 = from the
/// start; one at or past the end gives an empty list with eof). lxa_maxcount bounds the whole
/// result (cookie, array length, names with their lengths and padding, eof); TOOSMALL when not
/// even one remaining name fits.
/// </summary>
public sealed class ListXattrsHandler : Nfs42Operation
{
    /// <summary>Encoded size of the result without names: cookie, array length, eof.</summary>
    private const int FixedBytes = 8 + 4 + 4;

    /// <inheritdoc/>
    public override NfsOp4 Op => NfsOp4.Listxattrs;

    /// <inheritdoc/>
    public override async ValueTask<NfsStat4> ExecuteAsync(CompoundContext ctx)
    {
        var args = ListXattrsArgs.Decode(ctx.Args);
        var s = XattrChecks.RequireXattrs(ctx, out var xattrs);
        if (s != NfsStat4.Ok) return s;
        if (args.MaxCount < FixedBytes) return NfsStat4.Toosmall;
        var r = await xattrs.ListXattrsAsync(ctx.CurrentFsalContext, ctx.CurrentObject).ConfigureAwait(false);
        if (!r.IsOk) return r.Status.ToNfs4();
        var names = r.Value;
        int start = args.Cookie >= (ulong)names.Count ? names.Count : (int)args.Cookie;
        long budget = args.MaxCount - FixedBytes;
        var reply = ctx.Reply;
        int cookieAt = reply.Reserve(8);
        int countAt = reply.Reserve(4);
        int next = start;
        long used = 0;
        while (next < names.Count)
        {
            int cost = 4 + XdrReader.Padded(Encoding.UTF8.GetByteCount(names[next]));
            if (used + cost > budget) break;
            reply.WriteString(names[next]);
            used += cost;
            next++;
        }
        if (next == start && start < names.Count) return NfsStat4.Toosmall;
        reply.PatchUInt32(cookieAt, 0);
        reply.PatchUInt32(cookieAt + 4, (uint)next);
        reply.PatchUInt32(countAt, (uint)(next - start));
        reply.WriteBool(next == names.Count);
        return NfsStat4.Ok;
    }
}
