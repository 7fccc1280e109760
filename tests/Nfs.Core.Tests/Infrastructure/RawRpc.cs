using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Rpc;
using Nfs.Protocol.Xdr;

namespace Nfs.Core.Tests.Infrastructure;

/// <summary>Hand-made RPC messages and record marking, for malformed-input tests.</summary>
public static class RawRpc
{
    /// <summary>An RPC call message (without record mark).</summary>
    public static byte[] Call(uint xid, uint program = Nfs4Constants.Program, uint version = Nfs4Constants.Version,
        uint procedure = Nfs4Constants.ProcCompound, OpaqueAuth? credential = null, Action<XdrWriter>? arguments = null, uint rpcVersion = 2)
    {
        using var w = new XdrWriter(512);
        new RpcCallHeader(xid, rpcVersion, program, version, procedure, credential ?? Credentials.Root, OpaqueAuth.None).Encode(w);
        arguments?.Invoke(w);
        return w.WrittenSpan.ToArray();
    }

    /// <summary>A fragment header.</summary>
    public static byte[] FragmentHeader(int length, bool last)
    {
        var header = new byte[RecordMarking.HeaderSize];
        RecordMarking.WriteHeader(header, length, last);
        return header;
    }

    /// <summary>The message as one record of a single fragment.</summary>
    public static byte[] Record(ReadOnlySpan<byte> message) => Fragments(message, message.Length);

    /// <summary>
    /// The message as one record split into fragments of the given sizes (the last one takes
    /// whatever remains; sizes may be zero).
    /// </summary>
    public static byte[] Fragments(ReadOnlySpan<byte> message, params int[] sizes)
    {
        var output = new List<byte>();
        int at = 0;
        for (int i = 0; i < sizes.Length; i++)
        {
            bool last = i == sizes.Length - 1;
            int n = last ? message.Length - at : sizes[i];
            output.AddRange(FragmentHeader(n, last));
            output.AddRange(message.Slice(at, n).ToArray());
            at += n;
        }
        return output.ToArray();
    }

    /// <summary>A COMPOUND's arguments written by <paramref name="build"/>.</summary>
    public static Action<XdrWriter> CompoundArgs(Action<Nfs.TestClient.Compound> build)
    {
        var c = new Nfs.TestClient.Compound();
        build(c);
        return c.Encode;
    }
}
