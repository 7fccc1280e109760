using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.Protocol.Xdr;

namespace Nfs.TestClient;

/// <summary>One operation's result: its opcode, status and the XDR of its body.</summary>
public readonly record struct OpResult(NfsOp4 Op, NfsStat4 Status, ReadOnlyMemory<byte> Body)
{
    /// <summary>A reader over the body.</summary>
    public XdrReader Reader => new(Body);
}

/// <summary>A decoded COMPOUND reply.</summary>
public sealed class CompoundReply
{
    /// <summary>The COMPOUND status (the last operation's).</summary>
    public NfsStat4 Status { get; private init; }

    /// <summary>The echoed tag.</summary>
    public byte[] Tag { get; private init; } = [];

    /// <summary>The results in order.</summary>
    public IReadOnlyList<OpResult> Results { get; private init; } = [];

    /// <summary>The result of the last operation of the given kind.</summary>
    public OpResult Last(NfsOp4 op)
    {
        for (int i = Results.Count - 1; i >= 0; i--) if (Results[i].Op == op) return Results[i];
        throw new InvalidOperationException($"no {op} result (status {Status}, {Results.Count} results)");
    }

    /// <summary>The filehandle of the last GETFH.</summary>
    public byte[] FileHandle => Last(NfsOp4.Getfh).Reader.ReadOpaque(128).ToArray();

    /// <summary>Decodes a reply body.</summary>
    public static CompoundReply Decode(XdrReader r)
    {
        var status = (NfsStat4)r.ReadUInt32();
        var tag = r.ReadOpaque(1024).ToArray();
        int n = r.ReadArrayLength(10_000);
        var results = new List<OpResult>(n);
        for (int i = 0; i < n; i++)
        {
            var op = (NfsOp4)r.ReadUInt32();
            var s = (NfsStat4)r.ReadUInt32();
            int start = r.Position;
            SkipBody(op, s, r);
            results.Add(new OpResult(op, s, r.Buffer.Slice(start, r.Position - start)));
        }
        return new CompoundReply { Status = status, Tag = tag, Results = results };
    }

    /// <summary>Skips the body of an operation's result, knowing its XDR shape.</summary>
    public static void SkipBody(NfsOp4 op, NfsStat4 s, XdrReader r)
    {
        bool ok = s == NfsStat4.Ok;
        switch (op)
        {
            case NfsOp4.Access when ok: r.Skip(8); break;
            case NfsOp4.Close or NfsOp4.OpenConfirm or NfsOp4.OpenDowngrade or NfsOp4.Locku when ok: r.Skip(16); break;
            case NfsOp4.Commit when ok: r.Skip(8); break;
            case NfsOp4.Create when ok: r.Skip(20); Bitmap4.Decode(r); break;
            case NfsOp4.Getattr when ok: Fattr4.Decode(r); break;
            case NfsOp4.Getfh when ok: r.ReadOpaque(1024); break;
            case NfsOp4.Link or NfsOp4.Remove when ok: r.Skip(20); break;
            case NfsOp4.Rename when ok: r.Skip(40); break;
            case NfsOp4.Lock when ok: r.Skip(16); break;
            case NfsOp4.Lock or NfsOp4.Lockt when s == NfsStat4.Denied: LockDenied.Decode(r); break;
            case NfsOp4.Open when ok: OpenResult.Decode(r); break;
            case NfsOp4.Read when ok: ReadResult.Decode(r); break;
            case NfsOp4.Readdir when ok: ReadDirResult.Decode(r); break;
            case NfsOp4.Readlink when ok: r.ReadOpaque(int.MaxValue); break;
            case NfsOp4.Secinfo when ok:
                int n = r.ReadArrayLength(100);
                for (int i = 0; i < n; i++)
                {
                    if (r.ReadUInt32() == 6) { r.ReadOpaque(1024); r.ReadUInt32(); r.ReadUInt32(); }
                }
                break;
            case NfsOp4.Setattr: Bitmap4.Decode(r); break;
            case NfsOp4.Setclientid when ok: r.Skip(16); break;
            case NfsOp4.Setclientid when s == NfsStat4.ClidInuse: NetAddr4.Decode(r); break;
            case NfsOp4.Write when ok: r.Skip(16); break;
            case NfsOp4.Sequence when ok: SequenceResult.Decode(r); break;
            case NfsOp4.ExchangeId when ok: ExchangeIdResult.Decode(r); break;
            case NfsOp4.CreateSession when ok: CreateSessionResult.Decode(r); break;
            case NfsOp4.BindConnToSession when ok: r.Skip(24); break;
            case NfsOp4.TestStateid when ok: int t = r.ReadArrayLength(1024); r.Skip(4 * t); break;
            case NfsOp4.SecinfoNoName when ok: SkipBody(NfsOp4.Secinfo, s, r); break;
            case NfsOp4.Seek when ok: r.Skip(12); break;
            case NfsOp4.ReadPlus when ok: ReadPlusResult.Decode(r); break;
            case NfsOp4.Copy when ok: CopyResult.Decode(r); break;
            case NfsOp4.Copy when s == NfsStat4.OffloadNoReqs: r.Skip(8); break;
            case NfsOp4.OffloadStatus when ok: OffloadStatusResult.Decode(r); break;
            case NfsOp4.Getxattr when ok: r.ReadOpaque(int.MaxValue); break;
            case NfsOp4.Setxattr or NfsOp4.Removexattr when ok: r.Skip(20); break;
            case NfsOp4.Listxattrs when ok: ListXattrsResult.Decode(r); break;
        }
    }
}
