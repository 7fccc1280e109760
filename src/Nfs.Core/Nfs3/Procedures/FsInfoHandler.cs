using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs3.Arguments;

namespace Nfs.Core.Nfs3.Procedures;

/// <summary>FSINFO: transfer sizes from the options, limits and properties from the backend's capabilities.</summary>
public sealed class FsInfoHandler : Nfs3Handler
{
    /// <summary>Preferred READDIR size: large enough that a big directory takes few round trips.</summary>
    private const uint DirectoryPreferred = 64 * 1024;

    /// <summary>Suggested multiple of transfer sizes.</summary>
    private const uint Multiple = 4096;

    /// <inheritdoc/>
    public override Nfs3Procedure Procedure => Nfs3Procedure.FsInfo;

    /// <inheritdoc/>
    public override async ValueTask ExecuteAsync(Nfs3Request request)
    {
        var args = HandleArgs3.Decode(request.Args);
        var reply = request.Reply;
        if (!request.ResolveOrFail(args.Object, out var export, out var obj)) return;
        var attributes = await Nfs3Attributes.PostOpAsync(request, export, obj).ConfigureAwait(false);
        var options = request.Server.Options;
        var caps = export.FileSystem.Capabilities;
        request.WriteStatus(NfsStat3.Ok);
        Fattr3.EncodePostOp(reply, attributes);
        reply.WriteUInt32((uint)options.MaxReadSize);
        reply.WriteUInt32((uint)options.MaxReadSize);
        reply.WriteUInt32(Multiple);
        reply.WriteUInt32((uint)options.MaxWriteSize);
        reply.WriteUInt32((uint)options.MaxWriteSize);
        reply.WriteUInt32(Multiple);
        reply.WriteUInt32(Math.Min(DirectoryPreferred, (uint)options.MaxReadDirSize));
        reply.WriteUInt64(caps.MaxFileSize);
        new NfsTime3(caps.TimeDeltaNanoseconds / 1_000_000_000, caps.TimeDeltaNanoseconds % 1_000_000_000).Encode(reply);
        var properties = FsInfoProperties3.Homogeneous;
        if (caps.SupportsHardLinks) properties |= FsInfoProperties3.Link;
        if (caps.SupportsSymlinks) properties |= FsInfoProperties3.Symlink;
        if (caps.CanSetTime) properties |= FsInfoProperties3.CanSetTime;
        reply.WriteUInt32((uint)properties);
    }
}
