using Nfs.Protocol.Nfs4;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Infrastructure;

/// <summary>Reading COMPOUND replies in assertions.</summary>
public static class ReplyExtensions
{
    /// <summary>"STATUS [OP:STATUS, ...]" for assertion messages.</summary>
    public static string Describe(this CompoundReply reply) =>
        $"{reply.Status} [{string.Join(", ", reply.Results.Select(r => $"{r.Op}:{r.Status}"))}]";

    /// <summary>The operations of the results, in order.</summary>
    public static NfsOp4[] Ops(this CompoundReply reply) => reply.Results.Select(r => r.Op).ToArray();

    /// <summary>The statuses of the results, in order.</summary>
    public static NfsStat4[] Statuses(this CompoundReply reply) => reply.Results.Select(r => r.Status).ToArray();

    /// <summary>The decoded attributes of the last GETATTR.</summary>
    public static IReadOnlyDictionary<int, object> Attributes(this CompoundReply reply) =>
        FattrReader.Decode(Fattr4.Decode(reply.Last(NfsOp4.Getattr).Reader));

    /// <summary>The raw fattr4 of the last GETATTR.</summary>
    public static Fattr4 RawAttributes(this CompoundReply reply) => Fattr4.Decode(reply.Last(NfsOp4.Getattr).Reader);
}
