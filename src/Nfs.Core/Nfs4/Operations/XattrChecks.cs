using System.Text;
using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Nfs4.Operations;

/// <summary>
/// What the extended attribute operations (RFC 8276) share: the backend capability, name
/// validation and the change attribute for change_info4. Names travel without the "user."
/// prefix and reach the backend as they are.
/// </summary>
internal static class XattrChecks
{
    /// <summary>Longest name accepted (XATTR_NAME_MAX); a backend may refuse shorter ones.</summary>
    public const int MaxNameBytes = 255;

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>A current filehandle (NOFILEHANDLE) on a backend with <see cref="IExtendedAttributes"/> (NOTSUPP).</summary>
    public static NfsStat4 RequireXattrs(CompoundContext ctx, out IExtendedAttributes xattrs)
    {
        xattrs = null!;
        var s = ctx.RequireCurrent();
        if (s != NfsStat4.Ok) return s;
        if (ctx.CurrentExport.FileSystem is not IExtendedAttributes x) return NfsStat4.Notsupp;
        xattrs = x;
        return NfsStat4.Ok;
    }

    /// <summary>Decodes a name: empty, not UTF-8 or containing NUL is INVAL; longer than <see cref="MaxNameBytes"/> NAMETOOLONG.</summary>
    public static NfsStat4 ValidateName(ReadOnlySpan<byte> raw, out string name)
    {
        name = "";
        if (raw.IsEmpty || raw.IndexOf((byte)0) >= 0) return NfsStat4.Inval;
        if (raw.Length > MaxNameBytes) return NfsStat4.Nametoolong;
        try
        {
            name = StrictUtf8.GetString(raw);
        }
        catch (DecoderFallbackException)
        {
            return NfsStat4.Inval;
        }
        return NfsStat4.Ok;
    }

    /// <summary>The current object's change attribute.</summary>
    public static async ValueTask<(NfsStat4 Status, ulong Change)> ChangeAsync(CompoundContext ctx)
    {
        var r = await ctx.CurrentExport.FileSystem.GetAttributesAsync(ctx.CurrentFsalContext, ctx.CurrentObject, FsalAttrMask.Change).ConfigureAwait(false);
        return r.IsOk ? (NfsStat4.Ok, r.Value.Change) : (r.Status.ToNfs4(), 0);
    }
}
