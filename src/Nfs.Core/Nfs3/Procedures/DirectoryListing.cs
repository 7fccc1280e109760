using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs3.Arguments;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Xdr;

namespace Nfs.Core.Nfs3.Procedures;

/// <summary>
/// READDIR and READDIRPLUS. Entries are encoded straight into the reply as the backend pushes
/// them, until the client's byte limits are reached. "." and ".." come first, with cookies 1
/// and 2 (backends never use 0 to 2), as knfsd lists them; every other cookie is the
/// backend's, stable while the directory changes. The cookie verifier is always zero and never
/// checked: a client that resumes with an old one simply continues (knfsd's leniency, which
/// macOS needs).
/// </summary>
public abstract class DirectoryListing : Nfs3Handler
{
    /// <summary>Bytes after the entries: the final "no more entries" flag and eof.</summary>
    private const int Trailer = 8;

    /// <summary>True for READDIRPLUS (attributes and handles with each entry).</summary>
    protected abstract bool Plus { get; }

    /// <summary>Lists the directory.</summary>
    protected async ValueTask ListAsync(Nfs3Request request, NfsFileHandle handle, ulong cookie, uint dirCount, uint maxCount)
    {
        var reply = request.Reply;
        var s = request.Resolve(handle, out var export, out var dir);
        if (s != NfsStat3.Ok)
        {
            request.WriteStatus(s);
            Fattr3.EncodePostOp(reply, null);
            return;
        }
        var fs = export.FileSystem;
        var fsal = request.ContextFor(export);
        var dirAttributes = await Nfs3Attributes.PostOpAsync(request, export, dir).ConfigureAwait(false);
        if (dir.Type != FsalFileType.Directory)
        {
            request.WriteStatus(NfsStat3.NotDir);
            Fattr3.EncodePostOp(reply, dirAttributes);
            return;
        }
        int statusAt = reply.Length;
        request.WriteStatus(NfsStat3.Ok);
        Fattr3.EncodePostOp(reply, dirAttributes);
        reply.WriteUInt64(0); // cookie verifier
        int limit = statusAt + (int)Math.Min(maxCount, (uint)request.Server.Options.MaxReadDirSize) - Trailer;
        var sink = new EntryEncoder(request, export, Plus, limit, dirCount == 0 ? int.MaxValue : (int)Math.Min(dirCount, int.MaxValue));
        bool eof = false;
        var status = FsalStatus.Ok;
        bool full = cookie < 2 && !await AddDotsAsync(request, export, dir, cookie, sink).ConfigureAwait(false);
        if (!full)
        {
            var r = await fs.ReadDirAsync(fsal, dir, cookie <= 2 ? 0 : cookie, Plus ? FsalAttrMask.All : FsalAttrMask.FileId, sink).ConfigureAwait(false);
            status = r.Status;
            eof = r.IsOk && r.Value;
        }
        if (status == FsalStatus.Ok && sink.Count == 0 && !eof) status = FsalStatus.TooSmall;
        if (status != FsalStatus.Ok)
        {
            reply.Truncate(statusAt);
            request.WriteStatus(status.ToNfs3());
            Fattr3.EncodePostOp(reply, dirAttributes);
            return;
        }
        reply.WriteBool(false);
        reply.WriteBool(eof);
    }

    /// <summary>Adds "." (unless resuming after it) and ".."; false when the reply is full.</summary>
    private static async ValueTask<bool> AddDotsAsync(Nfs3Request request, Export export, FsalObject dir, ulong cookie, EntryEncoder sink)
    {
        var fs = export.FileSystem;
        var fsal = request.ContextFor(export);
        if (cookie == 0)
        {
            var self = await fs.GetAttributesAsync(fsal, dir, FsalAttrMask.All).ConfigureAwait(false);
            if (!self.IsOk || !sink.Add(".", 1, dir, self.Value)) return false;
        }
        FsalResult<FsalLookup> parent;
        if (ReferenceEquals(dir, fs.Root))
        {
            var a = await fs.GetAttributesAsync(fsal, dir, FsalAttrMask.All).ConfigureAwait(false);
            parent = a.IsOk ? new FsalLookup(dir, a.Value) : a.Status;
        }
        else
        {
            parent = await fs.LookupParentAsync(fsal, dir, FsalAttrMask.All).ConfigureAwait(false);
        }
        return parent.IsOk && sink.Add("..", 2, parent.Value.Object, parent.Value.Attributes);
    }

    /// <summary>Encodes entry3 or entryplus3 items until a limit is reached.</summary>
    private sealed class EntryEncoder(Nfs3Request request, Export export, bool plus, int limit, int dirCount) : IReadDirSink
    {
        private int _dirBytes;

        public int Count { get; private set; }

        public bool Add(string name, ulong cookie, FsalObject obj, in FsalAttributes attributes)
        {
            XdrWriter reply = request.Reply;
            int before = reply.Length;
            reply.WriteBool(true);
            reply.WriteUInt64(attributes.FileId);
            reply.WriteString(name);
            reply.WriteUInt64(cookie);
            int entryDirBytes = reply.Length - before - 4;
            if (plus)
            {
                Fattr3.EncodePostOp(reply, Nfs3Attributes.From(export, attributes));
                var s = request.Server.HandleOf(export, obj, out var handle);
                Nfs3FileHandle.EncodePostOp(reply, s == NfsStat3.Ok ? handle : default);
            }
            // dircount bounds the names, cookies and file ids (RFC 1813 section 3.3.17); at least one entry always goes.
            if (reply.Length > limit || (Count > 0 && _dirBytes + entryDirBytes > dirCount))
            {
                reply.Truncate(before);
                return false;
            }
            _dirBytes += entryDirBytes;
            Count++;
            return true;
        }
    }
}

/// <summary>READDIR: names, file ids and cookies; count bounds the whole result.</summary>
public sealed class ReadDirHandler : DirectoryListing
{
    /// <inheritdoc/>
    public override Nfs3Procedure Procedure => Nfs3Procedure.ReadDir;

    /// <inheritdoc/>
    protected override bool Plus => false;

    /// <inheritdoc/>
    public override ValueTask ExecuteAsync(Nfs3Request request)
    {
        var args = ReadDirArgs3.Decode(request.Args);
        return ListAsync(request, args.Directory, args.Cookie, 0, args.Count);
    }
}

/// <summary>READDIRPLUS: entries with attributes and handles; dircount bounds the directory part, maxcount the whole result.</summary>
public sealed class ReadDirPlusHandler : DirectoryListing
{
    /// <inheritdoc/>
    public override Nfs3Procedure Procedure => Nfs3Procedure.ReadDirPlus;

    /// <inheritdoc/>
    protected override bool Plus => true;

    /// <inheritdoc/>
    public override ValueTask ExecuteAsync(Nfs3Request request)
    {
        var args = ReadDirPlusArgs3.Decode(request.Args);
        return ListAsync(request, args.Directory, args.Cookie, args.DirCount, args.MaxCount);
    }
}
